// One HTTP request and its answer, with everything bounded: it ends when the
// answer's body ends, when `limit` bytes of it have come, or when `signal`
// aborts (a timeout, a deadline, a cancel), whichever is first, and the
// connection is closed then. The prober and the notifier both send through
// it, so both keep the same guarantees against a service or a webhook that
// hangs, resets or answers without end.

import type http from 'node:http'
import type https from 'node:https'

export interface ExchangeRequest {
  client: typeof http | typeof https
  url: URL
  method: 'GET' | 'POST'
  headers: Record<string, string | number>
  agent: http.Agent
  /** The request body (a POST's); none for a GET. */
  body?: Buffer
  /** Bytes of the answer's body kept; the exchange ends when they have come. */
  limit: number
  signal: AbortSignal
  /** An answer whose head says all (a redirect): its body is not read. */
  headOnly?: (status: number, headers: http.IncomingHttpHeaders) => boolean
}

export type Exchange =
  | {
      kind: 'answer'
      status: number
      headers: http.IncomingHttpHeaders
      /** At most `limit` bytes, as UTF-8. */
      body: string
      /** The body ended with an error (a reset): what came is kept. */
      error: Error | null
    }
  | {
      /** No whole answer: the request failed, or `signal` aborted first. */
      kind: 'none'
      /** Null when `signal` aborted. */
      error: Error | null
      /**
       * The whole request had been handed to the connection: the receiver
       * may have acted on it.
       */
      sent: boolean
    }

export function exchange(request: ExchangeRequest): Promise<Exchange> {
  const { client, url, method, headers, agent, body, limit, signal } = request
  const headOnly = request.headOnly ?? (() => false)
  // Nothing is sent once the bound has passed.
  if (signal.aborted)
    return Promise.resolve({ kind: 'none', error: null, sent: false })
  return new Promise((resolve) => {
    let settled = false
    let sent = false
    let answer: http.IncomingMessage | undefined
    const chunks: Buffer[] = []
    let size = 0
    const req = client.request(url, { method, headers, agent })

    const finish = (result: Exchange): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      req.destroy()
      resolve(result)
    }
    const answered = (error: Error | null): void =>
      finish({
        kind: 'answer',
        status: answer?.statusCode ?? 0,
        headers: answer?.headers ?? {},
        body: Buffer.concat(chunks).toString('utf8'),
        error
      })
    // An answer cut short by the bound is no answer: its end never came.
    const onAbort = (): void => finish({ kind: 'none', error: null, sent })

    signal.addEventListener('abort', onAbort, { once: true })
    req.on('finish', () => (sent = true))
    // After the headers, a reset reaches the request as well as the answer.
    req.on('error', (error: Error) =>
      answer ? answered(error) : finish({ kind: 'none', error, sent })
    )
    req.on('response', (response) => {
      answer = response
      sent = true
      if (headOnly(response.statusCode ?? 0, response.headers))
        return answered(null)
      response.on('data', (chunk: Buffer) => {
        const room = limit - size
        if (room > 0) chunks.push(chunk.subarray(0, room))
        size += chunk.length
        // Never buffer more than the limit: what matters has come.
        if (size >= limit) answered(null)
      })
      response.on('end', () => answered(null))
      response.on('error', (error: Error) => answered(error))
    })
    req.end(body)
  })
}
