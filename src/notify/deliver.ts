// Delivers one notification: a JSON POST to a webhook, each attempt bounded,
// retried on rate limits, server errors and connection failures within one
// overall time budget. A request that was sent whole and then got no answer
// is never sent again: the receiver may have posted it, so a retry could post
// it twice. Webhook URLs are secrets, so nothing it reports says anything
// taken from the URL.

import http from 'node:http'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import { oneLine } from '../safe-text.js'
import { plural } from './format.js'
import { sleep } from '../sleep.js'
import { networkReason } from '../net-errors.js'
import { exchange } from '../http-exchange.js'

export type Channel = 'slack' | 'discord' | 'webhook'

export interface DeliverOptions {
  /** Every attempt and wait together. Default 30 s. */
  totalBudgetMs?: number
  /** One request, from connecting to the end of the answer. Default 10 s. */
  attemptTimeoutMs?: number
  /** Default 5. */
  maxAttempts?: number
  signal?: AbortSignal
  /** Waits between attempts; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>
  /** How messages name the target; default "<channel> webhook". */
  label?: string
}

export interface DeliveryResult {
  ok: boolean
  channel: Channel
  /** How the target is named in `error`, e.g. "slack webhook" or "webhook 2". */
  label: string
  attempts: number
  /** The last HTTP status, or null when no answer came. */
  status: number | null
  /** One line that never contains any part of the URL; null when delivered. */
  error: string | null
  /**
   * The whole request was sent but no answer came (a timeout or a reset while
   * waiting): it may have been received, so it was not sent again.
   */
  unconfirmed: boolean
}

export const RESPONSE_LIMIT = 64 * 1024
const DEFAULT_BUDGET_MS = 30_000
const DEFAULT_ATTEMPT_MS = 10_000
const DEFAULT_MAX_ATTEMPTS = 5
/** Not worth another attempt with less time than this left. */
const MIN_ATTEMPT_MS = 50

const agentOptions = { keepAlive: false }
const httpAgent = new http.Agent(agentOptions)
const httpsAgent = new https.Agent(agentOptions)

/** The wait before retry number `n` (1-based): 0.5 s, 1 s, 2 s, 4 s, then 8 s. */
export function retryBackoffMs(n: number): number {
  return Math.min(500 * 2 ** (n - 1), 8000)
}

interface Answer {
  status: number | null
  headers: http.IncomingHttpHeaders
  body: string
  /** Why no answer came; null when one did. */
  failure: string | null
  /** No answer came after the whole request had been written. */
  sent: boolean
}

export async function deliver(
  channel: Channel,
  url: string,
  payload: object,
  options: DeliverOptions = {}
): Promise<DeliveryResult> {
  const label = options.label ?? `${channel} webhook`
  const budget = options.totalBudgetMs ?? DEFAULT_BUDGET_MS
  const attemptMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_MS
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const signal = options.signal
  const wait = options.sleep ?? ((ms: number) => sleep(ms, signal))
  let attempts = 0
  let status: number | null = null
  const result = (
    error: string | null,
    unconfirmed = false
  ): DeliveryResult => ({
    ok: error === null,
    channel,
    label,
    attempts,
    status,
    error: error === null ? null : oneLine(`${label}: ${error}`, 300),
    unconfirmed
  })

  const target = parseTarget(url, channel)
  if (target === null) return result('invalid webhook URL')
  const body = Buffer.from(JSON.stringify(payload), 'utf8')
  const secrets = urlPieces(target)
  // Time spent in attempts and waits, counted as asked so that a test's
  // sleep that does not wait still uses up the budget.
  let used = 0

  for (;;) {
    if (signal?.aborted) return result('cancelled')
    const timeout = Math.min(attemptMs, budget - used)
    attempts++
    const started = performance.now()
    const answer = await post(target, body, timeout, signal)
    used += performance.now() - started
    status = answer.status

    let problem: string
    let delay: number
    if (answer.status === null) {
      if (signal?.aborted) return result('cancelled')
      problem = answer.failure ?? 'no answer'
      if (answer.sent)
        return result(
          `delivery unconfirmed: ${problem} after the message was sent${after(attempts)}; not sent again`,
          true
        )
      delay = retryBackoffMs(attempts)
    } else if (answer.status >= 200 && answer.status < 300) {
      return result(null)
    } else if (answer.status === 404 || answer.status === 410) {
      return result(
        `HTTP ${answer.status}, webhook not found (removed or wrong URL)`
      )
    } else if (answer.status === 429 || answer.status >= 500) {
      problem =
        answer.status === 429
          ? 'HTTP 429 (rate limited)'
          : `HTTP ${answer.status}`
      const asked = retryAfterMs(answer)
      delay = asked ?? retryBackoffMs(attempts)
      if (asked !== null && used + asked + MIN_ATTEMPT_MS > budget)
        return result(
          `${problem}, asked to wait ${formatSeconds(asked)}, longer than the time left${after(attempts)}`
        )
    } else {
      const detail = safeDetail(answer.body, secrets)
      return result(`HTTP ${answer.status}${detail ? ` (${detail})` : ''}`)
    }

    if (attempts >= maxAttempts || used + delay + MIN_ATTEMPT_MS > budget)
      return result(`${problem}${after(attempts)}`)
    await wait(delay)
    used += delay
  }
}

function after(attempts: number): string {
  return attempts > 1 ? ` after ${plural(attempts, 'attempt')}` : ''
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** The URL to POST to; Discord's gets `wait=true` so errors come back as errors. */
function parseTarget(url: string, channel: Channel): URL | null {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return null
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return null
  if (channel === 'discord') target.searchParams.set('wait', 'true')
  return target
}

/** Every part of the URL that could give it away, to keep out of messages. */
function urlPieces(url: URL): string[] {
  const pieces = [
    url.href,
    url.host,
    url.hostname,
    url.pathname,
    url.search,
    url.username,
    url.password,
    ...url.pathname.split('/'),
    ...[...url.searchParams.values()]
  ]
  return pieces
    .filter((p) => p.length >= 4)
    .map((p) => decodeSafely(p).toLowerCase())
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A short reason from a refusal, such as Slack's `invalid_payload` or
 * Discord's "Invalid Form Body": only plain words, never anything that
 * repeats part of the URL.
 */
function safeDetail(body: string, secrets: string[]): string | null {
  let text = body.trim()
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text)
      const message =
        typeof parsed === 'object' && parsed !== null
          ? ((parsed as Record<string, unknown>).message ??
            (parsed as Record<string, unknown>).error)
          : undefined
      if (typeof message !== 'string') return null
      text = message.trim()
    } catch {
      return null
    }
  }
  if (!/^[A-Za-z][\w .,'-]{0,79}$/.test(text)) return null
  const lower = text.toLowerCase()
  if (secrets.some((s) => lower.includes(s))) return null
  return text
}

/**
 * How long the service asked to wait: Discord's `retry_after` in the JSON
 * body (seconds, fractional), else the Retry-After header (seconds or a
 * date), else Discord's X-RateLimit-Reset-After header.
 */
export function retryAfterMs(answer: {
  headers: http.IncomingHttpHeaders
  body: string
}): number | null {
  try {
    const parsed: unknown = JSON.parse(answer.body)
    if (typeof parsed === 'object' && parsed !== null) {
      const seconds = (parsed as Record<string, unknown>).retry_after
      if (typeof seconds === 'number' && Number.isFinite(seconds))
        return Math.max(0, Math.ceil(seconds * 1000))
    }
  } catch {
    // Not JSON: Slack answers 429 with plain text.
  }
  const header = answer.headers['retry-after']
  if (typeof header === 'string' && header.trim() !== '') {
    const seconds = Number(header)
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000))
    const date = Date.parse(header)
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now())
  }
  const reset = Number(answer.headers['x-ratelimit-reset-after'])
  if (answer.headers['x-ratelimit-reset-after'] && Number.isFinite(reset))
    return Math.max(0, Math.ceil(reset * 1000))
  return null
}

/** One POST, bounded by `timeoutMs` from start to the end of the answer. */
async function post(
  url: URL,
  body: Buffer,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<Answer> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const secure = url.protocol === 'https:'
  try {
    const result = await exchange({
      client: secure ? https : http,
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        'user-agent': 'runbook-notify',
        accept: 'application/json, text/plain;q=0.9, */*;q=0.5'
      },
      agent: secure ? httpsAgent : httpAgent,
      body,
      limit: RESPONSE_LIMIT,
      signal: signal
        ? AbortSignal.any([signal, timeout.signal])
        : timeout.signal
    })
    // A body cut short still came with a status: the status is what counts.
    if (result.kind === 'answer')
      return { ...result, failure: null, sent: true }
    const failure = result.error
      ? networkReason(result.error)
      : timeout.signal.aborted
        ? `no answer within ${timeoutMs} ms`
        : 'cancelled'
    return { status: null, headers: {}, body: '', failure, sent: result.sent }
  } finally {
    clearTimeout(timer)
  }
}
