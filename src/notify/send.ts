// Sends one notification to every configured channel at once. A channel that
// fails is a warning and a line in the summary, never an error of the run.

import type { Report } from '../health-report.js'
import type { Reporter } from '../log.js'
import { markdownCell } from '../safe-text.js'
import {
  deliver,
  type Channel,
  type DeliverOptions,
  type DeliveryResult
} from './deliver.js'
import { discordPayload } from './discord.js'
import type { NotifyEvent } from './event.js'
import { plural } from './format.js'
import { slackPayload } from './slack.js'
import { webhookPayload } from './webhook.js'

export interface NotifyTargets {
  slack?: string
  discord?: string
  /** Generic JSON webhooks. */
  webhooks: string[]
}

export interface NotifyOptions {
  /** Print the payloads instead of sending them. */
  dryRun: boolean
  /** Budgets and waits for each delivery; the defaults suit a real run. */
  delivery?: Omit<DeliverOptions, 'label'>
}

export interface NotifyResult {
  /** At least one channel received the message. */
  sent: boolean
  /**
   * No channel confirmed it, but at least one was sent the whole message and
   * never answered: it may have arrived, so it is not sent again.
   */
  unconfirmed: boolean
  /** One per channel, in the order slack, discord, webhooks; empty in a dry run. */
  results: DeliveryResult[]
}

interface Planned {
  channel: Channel
  label: string
  url: string
  payload: object
}

/** Each configured target with its payload; empty URLs are not configured. */
export function planNotifications(
  event: NotifyEvent,
  targets: NotifyTargets,
  report?: Report
): Planned[] {
  const planned: Planned[] = []
  if (targets.slack)
    planned.push({
      channel: 'slack',
      label: 'slack webhook',
      url: targets.slack,
      payload: slackPayload(event)
    })
  if (targets.discord)
    planned.push({
      channel: 'discord',
      label: 'discord webhook',
      url: targets.discord,
      payload: discordPayload(event)
    })
  const webhooks = targets.webhooks.filter(Boolean)
  webhooks.forEach((url, i) =>
    planned.push({
      channel: 'webhook',
      label: webhooks.length === 1 ? 'webhook' : `webhook ${i + 1}`,
      url,
      payload: webhookPayload(event, report)
    })
  )
  return planned
}

export async function notifyAll(
  event: NotifyEvent,
  targets: NotifyTargets,
  report: Report | undefined,
  reporter: Reporter,
  options: NotifyOptions
): Promise<NotifyResult> {
  const planned = planNotifications(event, targets, report)
  // Generic webhooks come from the config file, not from masked inputs.
  for (const target of planned) reporter.setSecret(target.url)
  if (planned.length === 0) {
    reporter.info('No notification channel is configured: nothing to send.')
    return { sent: false, unconfirmed: false, results: [] }
  }

  if (options.dryRun) {
    for (const target of planned) {
      const lines = payloadLines(target.payload)
      reporter.info(
        `Dry run: would send the ${event.kind} notification to the ${target.label}. Its JSON${lines.length > 1 ? `, in ${lines.length} lines to be joined without separators` : ''}:`
      )
      for (const line of lines) reporter.info(line)
    }
    return { sent: false, unconfirmed: false, results: [] }
  }

  const results = await Promise.all(
    planned.map((target) =>
      deliver(target.channel, target.url, target.payload, {
        ...options.delivery,
        label: target.label
      }).catch((): DeliveryResult => ({
        ok: false,
        channel: target.channel,
        label: target.label,
        attempts: 0,
        status: null,
        error: `${target.label}: unexpected error while sending`,
        unconfirmed: false
      }))
    )
  )
  for (const result of results) {
    if (result.ok)
      reporter.info(
        `Sent the ${event.kind} notification to the ${result.label} (${plural(result.attempts, 'attempt')}).`
      )
    else if (result.unconfirmed)
      reporter.warning(
        `Notification sent but not confirmed: ${result.error ?? result.label}`,
        'Notification unconfirmed'
      )
    else
      reporter.warning(
        `Notification not delivered: ${result.error ?? result.label}`,
        'Notification failed'
      )
  }
  reporter.summary(summaryMarkdown(event, results))
  const sent = results.some((r) => r.ok)
  return {
    sent,
    unconfirmed: !sent && results.some((r) => r.unconfirmed),
    results
  }
}

function summaryMarkdown(
  event: NotifyEvent,
  results: DeliveryResult[]
): string {
  const delivered = results.filter((r) => r.ok).length
  const unconfirmed = results.filter((r) => r.unconfirmed).length
  const lines = [
    '### Notifications',
    '',
    `\`${event.kind}\` sent to ${delivered} of ${plural(results.length, 'channel')}${unconfirmed ? `; ${unconfirmed} sent without confirmation` : ''}.`,
    '',
    ...results.map((r) =>
      r.ok
        ? `- ✅ ${markdownCell(r.label)}: delivered`
        : r.unconfirmed
          ? `- ❔ ${markdownCell(r.error ?? r.label, 300)}`
          : `- ⚠️ ${markdownCell(r.error ?? r.label, 300)}`
    )
  ]
  return lines.join('\n')
}

// Escapes at the two ends can add up to ten characters.
const LINE_WIDTH = 990

/**
 * The payload's exact JSON as log lines that survive the log's one-line
 * filter: characters it would drop or merge (C1 controls, line separators,
 * runs of spaces) are written as JSON escapes, and so is a space or colon
 * that would start or end a line, so joining the lines gives the JSON back.
 * Spaces occur only inside strings in compact JSON, and so does a run of
 * colons, which is what makes those escapes valid.
 */
export function payloadLines(payload: object): string[] {
  const json = JSON.stringify(payload)
    .replace(
      /[\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
    .replace(/ (?= )/g, '\\u0020')
  const lines: string[] = []
  let start = 0
  while (start < json.length) {
    let end = Math.min(start + LINE_WIDTH, json.length)
    // Leave a colon to the line before rather than start a line with it.
    while (end < json.length && end > start + 1 && json[end] === ':') end--
    let line = json.slice(start, end)
    // A colon next to another is inside a string, as JSON's own are not.
    if (
      line.startsWith(':') &&
      (json[start - 1] === ':' || json[start + 1] === ':')
    )
      line = `\\u003a${line.slice(1)}`
    line = line.replace(/^ /, '\\u0020').replace(/ $/, '\\u0020')
    lines.push(line)
    start = end
  }
  return lines
}
