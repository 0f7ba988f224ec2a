// The Slack incoming-webhook message: a plain fallback `text` and Block Kit
// blocks, every piece within Slack's limits and no untrusted text able to
// mention anyone or form a link.

import type { AffectedService, NotifyEvent } from './event.js'
import {
  alsoLine,
  fit,
  headline,
  isLink,
  plural,
  reasonLabel,
  serviceCounts,
  tagLabel
} from './format.js'
import { STATUS_ICON } from '../status.js'

/** Slack's limits for the blocks used here. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonUrl: 3000
} as const

/** More than this and the list ends with "…and N more". */
export const SLACK_MAX_SERVICES = 40
const FALLBACK_MAX = 1000

/**
 * Escapes text for Slack: `&`, `<` and `>` become entities, so `<!channel>`,
 * `<@U123>` or `<https://x|y>` show as typed; a zero-width space after every
 * `@` keeps `@channel`, `@here` and `@everyone` from being read as mentions.
 */
export function slackEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b')
}

export interface SlackText {
  type: 'plain_text' | 'mrkdwn'
  text: string
  emoji?: boolean
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'actions'; elements: SlackButton[] }

export interface SlackButton {
  type: 'button'
  text: SlackText
  url: string
  action_id: string
}

export interface SlackPayload {
  text: string
  blocks: SlackBlock[]
}

export function slackPayload(event: NotifyEvent): SlackPayload {
  const title = headline(event)
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: fit(withRepository(title, event), 150, slackEscape),
        emoji: true
      }
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: summaryText(event) }
    },
    ...serviceSections(event.services)
  ]
  const context = contextElements(event)
  if (context.length > 0) blocks.push({ type: 'context', elements: context })
  const buttons = linkButtons(event)
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons })
  return { text: fallbackText(title, event), blocks }
}

function withRepository(title: string, event: NotifyEvent): string {
  return event.repository ? `${title} · ${event.repository}` : title
}

/** The notification preview: one plain line. */
function fallbackText(title: string, event: NotifyEvent): string {
  const shown = event.services.slice(0, 10)
  const list = shown.map((s) => `${s.name}: ${s.status}`)
  if (event.services.length > shown.length)
    list.push(`…and ${event.services.length - shown.length} more`)
  const raw = [withRepository(title, event), list.join(', ')]
    .filter(Boolean)
    .join(' — ')
  return fit(raw, FALLBACK_MAX, slackEscape)
}

function summaryText(event: NotifyEvent): string {
  const counts = serviceCounts(event.services)
  const lines = [
    `*Overall:* ${event.overall}${counts ? ` (${slackEscape(counts)})` : ''}`
  ]
  if (event.reason)
    lines.push(
      `*${reasonLabel(event.kind)}:* ${fit(event.reason, 1500, slackEscape)}`
    )
  const also = alsoLine(event)
  if (also) lines.push(slackEscape(also))
  // Each line is bounded, so the whole stays far below the section limit.
  return lines.join('\n')
}

function serviceField(service: AffectedService): SlackText {
  const lines = [
    `${STATUS_ICON[service.status]} *${fit(service.name, 100, slackEscape)}* — ${service.status}`
  ]
  if (service.title && service.title !== service.name)
    lines.push(fit(service.title, 150, slackEscape))
  if (service.reason) lines.push(fit(service.reason, 500, slackEscape))
  return { type: 'mrkdwn', text: lines.join('\n') }
}

/** The services as fields, ten to a section, cut to SLACK_MAX_SERVICES. */
function serviceSections(services: AffectedService[]): SlackBlock[] {
  const fields = services
    .slice(0, SLACK_MAX_SERVICES)
    .map((service) => serviceField(service))
  if (services.length > SLACK_MAX_SERVICES) {
    const hidden = services.length - (SLACK_MAX_SERVICES - 1)
    fields[SLACK_MAX_SERVICES - 1] = {
      type: 'mrkdwn',
      text: `…and ${plural(hidden, 'more service')}`
    }
  }
  const sections: SlackBlock[] = []
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields)
    sections.push({
      type: 'section',
      fields: fields.slice(i, i + SLACK_LIMITS.sectionFields)
    })
  return sections
}

function contextElements(event: NotifyEvent): SlackText[] {
  const elements: SlackText[] = []
  if (event.tag)
    elements.push({
      type: 'mrkdwn',
      text: `${tagLabel(event.kind)} \`${fit(event.tag, 100, slackEscape)}\``
    })
  if (event.actor)
    elements.push({
      type: 'mrkdwn',
      text: `Triggered by *${fit(event.actor, 100, slackEscape)}*`
    })
  if (event.at)
    elements.push({ type: 'mrkdwn', text: fit(event.at, 40, slackEscape) })
  return elements
}

function linkButtons(event: NotifyEvent): SlackButton[] {
  const links: [string, string, string][] = [
    ['View run', event.runUrl, 'runbook-run'],
    ['Open dashboard', event.dashboardUrl, 'runbook-dashboard']
  ]
  return links
    .filter(([, url]) => isLink(url, SLACK_LIMITS.buttonUrl))
    .map(([text, url, id]) => ({
      type: 'button',
      text: { type: 'plain_text', text, emoji: true },
      url,
      action_id: id
    }))
}
