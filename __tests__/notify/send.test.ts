import { afterEach, describe, expect, it } from '@jest/globals'
import { discordPayload } from '../../src/notify/discord.js'
import {
  notifyAll,
  payloadLines,
  type NotifyOptions
} from '../../src/notify/send.js'
import { slackPayload } from '../../src/notify/slack.js'
import type { Reporter } from '../../src/log.js'
import { oneLine } from '../../src/safe-text.js'
import {
  refusingUrl,
  scripts,
  startReceiver,
  type Receiver,
  type Reply
} from '../helpers/receivers.js'
import { HOSTILE, event, hostileEvent, report } from './fixtures.js'

/** Records every string given to it, as the log and summary would get them. */
class RecordingReporter implements Reporter {
  readonly calls: { method: string; text: string }[] = []
  readonly secrets: string[] = []

  private record(method: string, ...texts: (string | undefined)[]): void {
    for (const text of texts)
      if (text !== undefined) this.calls.push({ method, text })
  }
  debug(message: string): void {
    this.record('debug', message)
  }
  info(message: string): void {
    this.record('info', message)
  }
  warning(message: string, title?: string): void {
    this.record('warning', message)
    this.record('warning title', title)
  }
  error(message: string, title?: string): void {
    this.record('error', message)
    this.record('error title', title)
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.record('group', title)
    return fn()
  }
  setOutput(name: string, value: string): void {
    this.record('setOutput', name, value)
  }
  setSecret(value: string): void {
    this.secrets.push(value)
  }
  summary(markdown: string): void {
    this.record('summary', markdown)
  }
  texts(method: string): string[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.text)
  }
}

const open: Receiver[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()))
})

async function receiver(
  replies: Reply[] = [],
  otherwise?: Reply
): Promise<Receiver> {
  const r = await startReceiver(replies, otherwise)
  open.push(r)
  return r
}

/**
 * Small budgets and no real waits, so failing channels fail fast; an attempt
 * still has a second, so a healthy receiver on a busy machine is not one.
 */
const fast: NotifyOptions = {
  dryRun: false,
  delivery: {
    attemptTimeoutMs: 1000,
    totalBudgetMs: 2000,
    sleep: async () => {}
  }
}

describe('notifyAll', () => {
  it('sends each channel its own payload', async () => {
    const slack = await receiver()
    const discord = await receiver([], scripts.discordCreated())
    const hook1 = await receiver()
    const hook2 = await receiver()
    const reporter = new RecordingReporter()
    const e = event()
    const result = await notifyAll(
      e,
      {
        slack: slack.url,
        discord: discord.url,
        webhooks: [hook1.url, hook2.url]
      },
      report(),
      reporter,
      fast
    )
    expect(result.sent).toBe(true)
    expect(result.results.map((r) => [r.label, r.ok])).toEqual([
      ['slack webhook', true],
      ['discord webhook', true],
      ['webhook 1', true],
      ['webhook 2', true]
    ])
    expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual(slackPayload(e))
    expect(JSON.parse(discord.requests[0]?.body ?? '')).toEqual(
      discordPayload(e)
    )
    for (const hook of [hook1, hook2])
      expect(JSON.parse(hook.requests[0]?.body ?? '')).toEqual({
        event: e,
        report: report()
      })
    expect(reporter.texts('warning')).toEqual([])
    expect(reporter.texts('summary')).toHaveLength(1)
    expect(reporter.texts('summary')[0]).toContain('sent to 4 of 4 channels')
  })

  it('sends to the channels in parallel', async () => {
    const slow = await receiver([], scripts.serverError())
    const quick = await receiver()
    const reporter = new RecordingReporter()
    const result = await notifyAll(
      event(),
      { slack: slow.url, webhooks: [quick.url] },
      undefined,
      reporter,
      fast
    )
    // The webhook was reached while Slack was still being retried.
    expect(quick.requests).toHaveLength(1)
    expect(slow.requests.length).toBeGreaterThan(1)
    expect(quick.requests[0]?.at).toBeLessThan(slow.requests.at(-1)?.at ?? 0)
    expect(result.results.map((r) => r.ok)).toEqual([false, true])
    expect(result.sent).toBe(true)
    expect(reporter.texts('warning')).toEqual([
      expect.stringMatching(/^Notification not delivered: slack webhook: /)
    ])
  })

  it('resolves with sent=false and a warning per channel when every channel fails', async () => {
    const slack = await receiver([], scripts.notFound())
    const discord = await receiver([], scripts.serverError())
    const hook = await receiver([], scripts.hang())
    const reporter = new RecordingReporter()
    const result = await notifyAll(
      event(),
      {
        slack: slack.url,
        discord: discord.url,
        webhooks: [hook.url, await refusingUrl()]
      },
      undefined,
      reporter,
      fast
    )
    expect(result.sent).toBe(false)
    expect(result.results.every((r) => !r.ok)).toBe(true)
    expect(reporter.texts('warning')).toEqual([
      'Notification not delivered: slack webhook: HTTP 404, webhook not found (removed or wrong URL)',
      expect.stringMatching(
        /^Notification not delivered: discord webhook: HTTP 500 after \d attempts$/
      ),
      'Notification sent but not confirmed: webhook 1: delivery unconfirmed: no answer within 1000 ms after the message was sent; not sent again',
      expect.stringMatching(
        /^Notification not delivered: webhook 2: connection refused/
      )
    ])
    const [summary] = reporter.texts('summary')
    expect(summary).toContain(
      'sent to 0 of 4 channels; 1 sent without confirmation'
    )
    expect(result.unconfirmed).toBe(true)
    expect(summary).toContain(
      '- ⚠️ slack webhook: HTTP 404, webhook not found (removed or wrong URL)'
    )
  })

  it('never gives the reporter or the caller any webhook URL or part of its path', async () => {
    const receivers = [
      await receiver([], scripts.notFound()),
      await receiver([], scripts.echoToken()),
      await receiver([], scripts.echoPath()),
      await receiver([], scripts.hang()),
      await receiver([], scripts.serverError()),
      await receiver()
    ]
    const refused = await refusingUrl()
    const [slack, discord, ...hooks] = receivers
    const reporter = new RecordingReporter()
    const targets = {
      slack: slack?.url,
      discord: discord?.url,
      webhooks: [...hooks.map((h) => h.url), refused]
    }
    const result = await notifyAll(
      hostileEvent(),
      targets,
      report(),
      reporter,
      fast
    )
    const dry = new RecordingReporter()
    await notifyAll(hostileEvent(), targets, report(), dry, {
      dryRun: true
    })

    const said = [
      ...reporter.calls.map((c) => c.text),
      ...dry.calls.map((c) => c.text),
      ...result.results.map((r) => r.error ?? ''),
      JSON.stringify(result)
    ]
    const secrets = [
      ...receivers.flatMap((r) => [r.url, ...r.secrets]),
      refused,
      new URL(refused).pathname
    ]
    const leaks = said.flatMap((text) =>
      secrets.filter((secret) => text.includes(secret))
    )
    expect(leaks).toEqual([])
    expect(said.length).toBeGreaterThan(20)
    // The URLs went to the reporter only to be masked.
    expect(reporter.secrets.sort()).toEqual(
      [...receivers.map((r) => r.url), refused].sort()
    )
  })

  it('prints the exact payloads in a dry run and sends nothing', async () => {
    const slack = await receiver()
    const discord = await receiver()
    const hook = await receiver()
    const reporter = new RecordingReporter()
    const e = hostileEvent({ reason: `${HOSTILE}   three   spaces` })
    const result = await notifyAll(
      e,
      { slack: slack.url, discord: discord.url, webhooks: [hook.url] },
      report(),
      reporter,
      { dryRun: true }
    )
    expect(result).toEqual({ sent: false, unconfirmed: false, results: [] })
    for (const r of [slack, discord, hook]) expect(r.requests).toEqual([])

    // What the log shows, after its one-line filter, joined back per payload.
    const shown = reporter.texts('info').map((line) => oneLine(line, 2000))
    const payloads: unknown[] = []
    let current: string[] | null = null
    for (const line of shown) {
      if (line.startsWith('Dry run: ')) {
        if (current) payloads.push(JSON.parse(current.join('')))
        current = []
      } else current?.push(line)
    }
    if (current) payloads.push(JSON.parse(current.join('')))
    expect(payloads).toEqual([
      slackPayload(e),
      discordPayload(e),
      { event: e, report: report() }
    ])
    expect(shown[0]).toMatch(
      /^Dry run: would send the critical notification to the slack webhook\. Its JSON, in \d+ lines to be joined without separators:$/
    )
  })

  it('sends nothing and says so when no channel is configured', async () => {
    const reporter = new RecordingReporter()
    const result = await notifyAll(
      event(),
      { slack: '', discord: '', webhooks: [''] },
      undefined,
      reporter,
      fast
    )
    expect(result).toEqual({ sent: false, unconfirmed: false, results: [] })
    expect(reporter.texts('info')).toEqual([
      'No notification channel is configured: nothing to send.'
    ])
  })

  it('calls a single generic webhook just "webhook"', async () => {
    const hook = await receiver([], scripts.notFound())
    const reporter = new RecordingReporter()
    const result = await notifyAll(
      event(),
      { webhooks: [hook.url] },
      undefined,
      reporter,
      fast
    )
    expect(result.results[0]?.label).toBe('webhook')
    expect(result.results[0]?.error).toMatch(/^webhook: HTTP 404/)
  })
})

describe('payloadLines', () => {
  it('splits long JSON into lines that join back into it exactly', () => {
    const payload = {
      text: `${'a '.repeat(3000)}::x  y\u2028z\u0085${':'.repeat(2500)} `,
      [`${' '.repeat(998)}k`]: ` ${'b'.repeat(997)}: :`,
      n: 1
    }
    const lines = payloadLines(payload)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(1000)
      expect(oneLine(line, 2000)).toBe(line)
    }
    expect(JSON.parse(lines.join(''))).toEqual(payload)
  })

  it('gives one line for a short payload', () => {
    expect(payloadLines({ a: 1 })).toEqual(['{"a":1}'])
  })
})
