// The one bounded HTTP exchange under the prober and the notifier, against
// real local servers that misbehave on purpose.

import { afterEach, describe, expect, test } from '@jest/globals'
import http from 'node:http'
import { exchange, type ExchangeRequest } from '../src/http-exchange.js'
import {
  closeAllServers,
  closedPortUrl,
  endlessBodyServer,
  silentServer,
  startHttpServer,
  textServer,
  truncatedBodyServer
} from './helpers/servers.js'

const agent = new http.Agent({ keepAlive: false })

afterEach(() => closeAllServers())

function request(
  url: string,
  options: Partial<ExchangeRequest> = {}
): ExchangeRequest {
  return {
    client: http,
    url: new URL(url),
    method: 'GET',
    headers: {},
    agent,
    limit: 1024,
    signal: AbortSignal.timeout(5000),
    ...options
  }
}

describe('an answer', () => {
  test('comes with its status, headers and body', async () => {
    const server = await textServer('all good', 503)
    const result = await exchange(request(server.url))
    expect(result).toMatchObject({
      kind: 'answer',
      status: 503,
      body: 'all good',
      error: null
    })
    if (result.kind === 'answer')
      expect(result.headers['content-type']).toBeDefined()
  })

  test('an endless body is cut at the limit and the connection closed', async () => {
    const server = await endlessBodyServer('start')
    const result = await exchange(request(server.url, { limit: 100 }))
    expect(result).toMatchObject({ kind: 'answer', status: 200, error: null })
    if (result.kind === 'answer') {
      expect(Buffer.byteLength(result.body)).toBe(100)
      expect(result.body.startsWith('start')).toBe(true)
    }
    // Closed: the server stops well short of what it would send.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.bytesSent()).toBeLessThan(16 * 1024 * 1024)
  })

  test('a body cut short by a reset keeps its status, what came, and the error', async () => {
    const server = await truncatedBodyServer({ reset: true })
    const result = await exchange(request(server.url, { limit: 100_000 }))
    expect(result.kind).toBe('answer')
    if (result.kind === 'answer') {
      expect(result.status).toBe(200)
      expect(result.body.length).toBeGreaterThan(0)
      expect(result.error?.message).toMatch(/ECONNRESET|aborted/)
    }
  })

  test('a POST sends its body whole', async () => {
    let received = ''
    const server = await startHttpServer((req, res) => {
      req.on('data', (chunk: Buffer) => (received += chunk.toString()))
      req.on('end', () => res.end('ok'))
    })
    const body = Buffer.from('{"text":"hello"}')
    const result = await exchange(
      request(server.url, {
        method: 'POST',
        body,
        headers: { 'content-length': body.length }
      })
    )
    expect(result).toMatchObject({ kind: 'answer', status: 200, body: 'ok' })
    expect(received).toBe('{"text":"hello"}')
  })
})

describe('no answer', () => {
  test('a refused connection is an error, with nothing sent', async () => {
    const result = await exchange(request(await closedPortUrl()))
    expect(result).toMatchObject({ kind: 'none', sent: false })
    if (result.kind === 'none')
      expect((result.error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED')
  })

  test('a server that never answers ends when the signal aborts, the request marked sent', async () => {
    const server = await silentServer()
    const started = Date.now()
    const result = await exchange(
      request(server.url, { signal: AbortSignal.timeout(200) })
    )
    expect(result).toEqual({ kind: 'none', error: null, sent: true })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  test('a signal already aborted sends nothing', async () => {
    const server = await textServer('ok')
    const result = await exchange(
      request(server.url, { signal: AbortSignal.abort() })
    )
    expect(result).toEqual({ kind: 'none', error: null, sent: false })
    expect(server.requests()).toBe(0)
  })
})

test('an answer whose head says all ends without waiting for its body', async () => {
  const server = await startHttpServer((_req, res) => {
    res.writeHead(302, { location: '/elsewhere' })
    res.write('the body never ends')
  })
  const started = Date.now()
  const result = await exchange(
    request(server.url, {
      headOnly: (status, head) => status === 302 && head.location !== undefined
    })
  )
  expect(result).toMatchObject({ kind: 'answer', status: 302, body: '' })
  expect(Date.now() - started).toBeLessThan(4000)
})
