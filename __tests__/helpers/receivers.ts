// Real webhook receivers on 127.0.0.1, port 0: they record every request and
// answer from a script, to test delivery against actual HTTP.

import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface RecordedRequest {
  method: string
  /** Path and query, as received. */
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  /** When the request had been read, from performance.now(). */
  at: number
}

export type Reply =
  | {
      status: number
      headers?: Record<string, string>
      body?: string | ((request: RecordedRequest) => string)
    }
  /** Read the request, then never answer. */
  | { hang: true }

export interface Receiver {
  /** A webhook URL on this receiver, its path a random secret-looking token. */
  url: string
  /** The secret parts of `url`, for leak checks. */
  secrets: string[]
  requests: RecordedRequest[]
  close(): Promise<void>
}

/**
 * Starts a receiver that answers the n-th request with `replies[n]`, and every
 * request after the script with `otherwise` (by default 200 "ok", as Slack).
 */
export async function startReceiver(
  replies: Reply[] = [],
  otherwise: Reply = { status: 200, body: 'ok' }
): Promise<Receiver> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now()
      }
      const reply = replies[requests.length] ?? otherwise
      requests.push(recorded)
      if ('hang' in reply) return
      const body =
        typeof reply.body === 'function'
          ? reply.body(recorded)
          : (reply.body ?? '')
      res.writeHead(reply.status, reply.headers ?? {})
      res.end(body)
    })
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as AddressInfo
  const team = `T${token(4)}`
  const hook = `B${token(4)}`
  const secret = token(12)
  return {
    url: `http://127.0.0.1:${port}/services/${team}/${hook}/${secret}`,
    secrets: [`/services/${team}/${hook}/${secret}`, team, hook, secret],
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase()
}

/** A URL on a port nothing listens on: connections are refused. */
export async function refusingUrl(): Promise<string> {
  const receiver = await startReceiver()
  await receiver.close()
  return receiver.url
}

/** The scripts the tests use. */
export const scripts = {
  /** Slack's rate limit: 429 with Retry-After in seconds, then 200. */
  rateLimitedOnce: (): Reply[] => [
    { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' }
  ],
  /** Discord's rate limit: the wait in the JSON body (and the headers). */
  discordRateLimitedOnce: (seconds: number): Reply[] => [
    {
      status: 429,
      headers: {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(seconds)),
        'x-ratelimit-reset-after': String(seconds)
      },
      body: JSON.stringify({
        message: 'You are being rate limited.',
        retry_after: seconds,
        global: false
      })
    }
  ],
  serverErrorTwice: (): Reply[] => [
    { status: 500, body: 'internal error' },
    { status: 500, body: 'internal error' }
  ],
  notFound: (): Reply => ({ status: 404, body: 'no_service' }),
  gone: (): Reply => ({ status: 410, body: 'no_active_hooks' }),
  badRequest: (): Reply => ({ status: 400, body: 'invalid_payload' }),
  serverError: (): Reply => ({ status: 500, body: 'internal error' }),
  hang: (): Reply => ({ hang: true }),
  /** A careless receiver that repeats the request path in its refusal. */
  echoPath: (): Reply => ({
    status: 400,
    body: (request) => `unknown hook ${request.path}`
  }),
  /** The same, repeating only the secret token at the end of the path. */
  echoToken: (): Reply => ({
    status: 400,
    body: (request) => `unknown hook ${request.path.split('/').at(-1) ?? ''}`
  }),
  /** Discord's answer with `?wait=true`: the created message. */
  discordCreated: (): Reply => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: '1', content: 'ok' })
  })
}
