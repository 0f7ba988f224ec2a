// The HTTP prober: one health check of one service, bounded as a whole, with
// retries after a failure only. It uses node:http, whose parser is native, so
// a first request costs far less than fetch() on a new origin.

import http from 'node:http'
import type https from 'node:https'
import { performance } from 'node:perf_hooks'
import type { Service } from './config.js'
import { oneLine } from './text.js'
import { sleep } from './sleep.js'
import { networkReason } from './net-errors.js'

export const BODY_LIMIT = 64 * 1024
export const MAX_REDIRECTS = 5

export type ServiceState = 'healthy' | 'degraded' | 'down'

export interface ProbeResult {
  status: ServiceState
  http_status: number | null
  latency_ms: number | null
  attempts: number
  error: string | null
}

interface Attempt {
  httpStatus: number | null
  latencyMs: number
  body: string
  error: string | null
}

const agentOptions = { keepAlive: false, maxSockets: Infinity }
const httpAgent = new http.Agent(agentOptions)
// TLS costs a noticeable part of start-up: loaded only for an https:// URL.
let tls: Promise<{ client: typeof https; agent: https.Agent }> | undefined
const loadHttps = (): Promise<{ client: typeof https; agent: https.Agent }> =>
  (tls ??= import('node:https').then(({ default: client }) => ({
    client,
    agent: new client.Agent(agentOptions)
  })))

/** Backoff before retry number `n` (1-based): 250 ms, 500 ms, 1 s, then 2 s. */
export function backoffMs(n: number): number {
  return Math.min(250 * 2 ** (n - 1), 2000)
}

/** The longest a probe of this service can take: every attempt and backoff. */
export function probeBudgetMs(service: Service): number {
  let total = service.timeoutMs * (service.retries + 1)
  for (let n = 1; n <= service.retries; n++) total += backoffMs(n)
  return total
}

export interface ProbeOptions {
  /** After a deploy, the body must contain this commit SHA. */
  version?: string
  /** Aborts the probe between and during attempts. */
  signal?: AbortSignal
  /** Called after each attempt, for the log. */
  onAttempt?: (n: number, result: ProbeResult) => void
}

/** Probes one service, retrying a failure up to `retries` times. */
export async function probeService(
  service: Service,
  options: ProbeOptions = {}
): Promise<ProbeResult> {
  let result: ProbeResult | undefined
  for (let n = 1; n <= service.retries + 1; n++) {
    if (n > 1) await sleep(backoffMs(n - 1), options.signal)
    if (options.signal?.aborted) break
    const attempt = await attemptOnce(
      service.url,
      service.timeoutMs,
      options.signal
    )
    result = { ...classify(service, attempt, options.version), attempts: n }
    options.onAttempt?.(n, result)
    if (result.status !== 'down') return result
  }
  return (
    result ?? {
      status: 'down',
      http_status: null,
      latency_ms: null,
      attempts: 0,
      error: 'deadline exceeded'
    }
  )
}

/** A service that did not answer as it should has no answer time: null. */
function classify(
  service: Service,
  attempt: Attempt,
  version: string | undefined
): Omit<ProbeResult, 'attempts'> {
  const result = judge(service, attempt, version)
  return result.status === 'down' ? { ...result, latency_ms: null } : result
}

function judge(
  service: Service,
  attempt: Attempt,
  version: string | undefined
): Omit<ProbeResult, 'attempts'> {
  const base = {
    http_status: attempt.httpStatus,
    latency_ms: Math.round(attempt.latencyMs)
  }
  if (attempt.error !== null)
    return { ...base, status: 'down', error: attempt.error }
  const code = attempt.httpStatus ?? 0
  if (code === 429)
    return { ...base, status: 'degraded', error: 'HTTP 429 (rate limited)' }
  const accepted = service.expect.status
    ? service.expect.status.includes(code)
    : code >= 200 && code < 300
  if (!accepted) return { ...base, status: 'down', error: `HTTP ${code}` }
  const wanted = service.expect.bodyContains
  if (wanted !== undefined && !attempt.body.includes(wanted))
    return {
      ...base,
      status: 'down',
      error: `body did not contain ${JSON.stringify(oneLine(wanted, 60))}`
    }
  if (version !== undefined && !attempt.body.includes(version))
    return {
      ...base,
      status: 'down',
      error: `body did not contain the deployed version ${version.slice(0, 12)}`
    }
  if (attempt.latencyMs > service.degradedLatencyMs)
    return {
      ...base,
      status: 'degraded',
      error: `slow: ${base.latency_ms} ms, over ${service.degradedLatencyMs} ms`
    }
  return { ...base, status: 'healthy', error: null }
}

/** One GET, following redirects, bounded by `timeoutMs` from start to end. */
function attemptOnce(
  startUrl: string,
  timeoutMs: number,
  signal?: AbortSignal
): Promise<Attempt> {
  const started = performance.now()
  return new Promise((resolve) => {
    const visited = new Set<string>()
    let current: http.ClientRequest | undefined
    let settled = false
    const finish = (
      httpStatus: number | null,
      error: string | null,
      body = ''
    ): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      current?.destroy()
      resolve({
        httpStatus,
        error,
        body,
        latencyMs: performance.now() - started
      })
    }
    const timer = setTimeout(
      () => finish(null, `timeout after ${timeoutMs} ms`),
      timeoutMs
    )
    const onAbort = (): void => finish(null, 'deadline exceeded')
    signal?.addEventListener('abort', onAbort, { once: true })

    const get = (url: URL, hops: number): void => {
      visited.add(url.href)
      if (url.protocol !== 'https:') return send(url, hops, http, httpAgent)
      loadHttps().then(
        ({ client, agent }) => {
          if (!settled) send(url, hops, client, agent)
        },
        () => finish(null, 'TLS is not available')
      )
    }

    const send = (
      url: URL,
      hops: number,
      client: typeof http | typeof https,
      agent: http.Agent
    ): void => {
      const request = client.get(url, {
        agent,
        headers: {
          'user-agent': 'runbook-health-check',
          accept: 'application/json, text/plain;q=0.9, */*;q=0.5'
        }
      })
      current = request
      let seen: number | null = null
      // After the headers, a reset reaches the request, not the response.
      request.on('error', (error) =>
        seen === null
          ? finish(null, networkReason(error, false))
          : finish(seen, networkReason(error, true))
      )
      request.on('response', (response) => {
        const code = response.statusCode ?? 0
        seen = code
        const location = response.headers.location
        if (code >= 300 && code < 400 && location !== undefined) {
          response.resume()
          let next: URL
          try {
            next = new URL(location, url)
          } catch {
            return finish(code, 'redirect to an invalid URL')
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:')
            return finish(code, 'redirect to a non-HTTP URL')
          if (visited.has(next.href)) return finish(code, 'redirect loop')
          if (hops >= MAX_REDIRECTS)
            return finish(code, `more than ${MAX_REDIRECTS} redirects`)
          request.destroy()
          return get(next, hops + 1)
        }
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          const room = BODY_LIMIT - size
          if (room > 0) chunks.push(chunk.subarray(0, room))
          size += chunk.length
          // Enough to judge the body: stop reading, never buffer more.
          if (size >= BODY_LIMIT)
            finish(code, null, Buffer.concat(chunks).toString('utf8'))
        })
        response.on('end', () =>
          finish(code, null, Buffer.concat(chunks).toString('utf8'))
        )
        response.on('aborted', () =>
          finish(code, 'connection reset while reading the body')
        )
        response.on('error', (error) =>
          finish(code, networkReason(error, true))
        )
      })
    }

    let first: URL
    try {
      first = new URL(startUrl)
    } catch {
      return finish(null, 'invalid URL')
    }
    get(first, 0)
  })
}
