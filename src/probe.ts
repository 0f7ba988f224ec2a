// The HTTP prober: one health check of one service, bounded as a whole, with
// retries after a failure only. It uses node:http, whose parser is native, so
// a first request costs far less than fetch() on a new origin.

import http from 'node:http'
import type https from 'node:https'
import { performance } from 'node:perf_hooks'
import type { PeerCertificate } from 'node:tls'
import type { Service, ServiceTls } from './config.js'
import { oneLine } from './safe-text.js'
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

/** Only these are redirects: a 200 or 201 with a Location is an answer. */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

const agentOptions = { keepAlive: false, maxSockets: Infinity }
const httpAgent = new http.Agent(agentOptions)

interface Https {
  client: typeof https
  /** The agent for a service: public roots only, or those and its CAs. */
  agentFor: (trust: ServiceTls | undefined) => https.Agent
}

// TLS costs a noticeable part of start-up: loaded only for an https:// URL.
let loaded: Promise<Https> | undefined
const loadHttps = (): Promise<Https> =>
  (loaded ??= Promise.all([import('node:https'), import('node:tls')]).then(
    ([{ default: client }, { default: tls }]) => {
      const publicOnly = new client.Agent(agentOptions)
      // One agent per set of trusted CAs: an agent caches TLS sessions, and
      // a session verified with one service's CAs must not serve another.
      const agents = new WeakMap<ServiceTls, https.Agent>()
      const agentFor = (trust: ServiceTls | undefined): https.Agent => {
        if (trust === undefined) return publicOnly
        let agent = agents.get(trust)
        if (agent === undefined) {
          // The CA files add to the public roots, as NODE_EXTRA_CA_CERTS does.
          const secureContext = tls.createSecureContext({
            ca: [...tls.rootCertificates, ...trust.ca]
          })
          agent = new client.Agent({ ...agentOptions, secureContext })
          agents.set(trust, agent)
        }
        return agent
      }
      return { client, agentFor }
    }
  ))

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
    const attempt = await attemptOnce(service, options.signal)
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

/**
 * One GET of the service's URL, following redirects, bounded by its
 * `timeoutMs` from start to end, TLS handshakes included.
 */
function attemptOnce(
  { url: startUrl, timeoutMs, tls }: Service,
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
        ({ client, agentFor }) => {
          if (!settled) send(url, hops, client, agentFor(tls))
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
          ? finish(null, tlsReason(error, url) ?? networkReason(error, false))
          : finish(seen, networkReason(error, true))
      )
      request.on('response', (response) => {
        const code = response.statusCode ?? 0
        seen = code
        const location = response.headers.location
        if (REDIRECTS.has(code) && location !== undefined) {
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
        // A connection lost in the body ends here too: Node destroys the
        // response with ECONNRESET ("aborted").
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

const UNKNOWN_CA = 'TLS: unknown certificate authority'

// OpenSSL's verification results, as Node gives them in error.code.
const CERTIFICATE_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'TLS: certificate has expired',
  CERT_NOT_YET_VALID: 'TLS: certificate is not valid yet',
  CERT_REVOKED: 'TLS: certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'TLS: certificate signature is invalid',
  CERT_UNTRUSTED: UNKNOWN_CA,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNKNOWN_CA,
  SELF_SIGNED_CERT_IN_CHAIN: UNKNOWN_CA,
  UNABLE_TO_GET_ISSUER_CERT: UNKNOWN_CA,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNKNOWN_CA,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNKNOWN_CA,
  INVALID_CA: 'TLS: a certificate in the chain is not a CA',
  INVALID_PURPOSE: 'TLS: certificate is not for a server',
  PATH_LENGTH_EXCEEDED: 'TLS: certificate chain is too long'
}

/**
 * Why a TLS connection failed, or undefined when the error is not about TLS.
 * The certificate's names come from the server: only plain host names and
 * addresses are shown.
 */
export function tlsReason(
  error: NodeJS.ErrnoException & { cert?: PeerCertificate },
  url: URL
): string | undefined {
  if (url.protocol !== 'https:') return undefined
  const code = error.code ?? ''
  const known = CERTIFICATE_REASONS[code]
  if (known !== undefined) return known
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const host = oneLine(url.hostname.replace(/^\[|\]$/g, ''), 80)
    const names = certificateNames(error.cert)
    if (names.length === 0) return `TLS: certificate is not for ${host}`
    const shown = names.slice(0, 3).join(', ')
    const more = names.length > 3 ? ` and ${names.length - 3} more` : ''
    return `TLS: certificate is for ${shown}${more}, not ${host}`
  }
  if (
    code === 'ECONNRESET' &&
    error.message.startsWith('Client network socket disconnected before')
  )
    return 'TLS: connection closed during the handshake'
  // OpenSSL's words for a plain-HTTP answer to a TLS hello.
  if (/wrong version number|packet length too long/i.test(error.message))
    return 'TLS: handshake failed: the server does not speak TLS on this port'
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_'))
    return /^[A-Z0-9_]{1,60}$/.test(code)
      ? `TLS: handshake failed (${code})`
      : 'TLS: handshake failed'
  if (/^(ERR_TLS_|CERT_|UNABLE_TO_)[A-Z0-9_]{1,50}$/.test(code))
    return `TLS: certificate rejected (${code})`
  return undefined
}

const PLAIN_NAME = /^[A-Za-z0-9*._:-]{1,60}$/

/** The DNS names and addresses a certificate is for; its CN when it has none. */
function certificateNames(cert: PeerCertificate | undefined): string[] {
  const names = (cert?.subjectaltname ?? '')
    .split(', ')
    .flatMap((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry)?.[1] ?? [])
  const cn = cert?.subject?.CN
  if (names.length === 0 && typeof cn === 'string') names.push(cn)
  return names.filter((name) => PLAIN_NAME.test(name))
}
