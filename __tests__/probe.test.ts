import { afterEach, describe, expect, test } from '@jest/globals'
import { performance } from 'node:perf_hooks'
import {
  BODY_LIMIT,
  backoffMs,
  probeBudgetMs,
  probeService,
  type ProbeResult
} from '../src/probe.js'
import {
  bigBodyServer,
  closeAllServers,
  closedPortUrl,
  closingServer,
  commandBodyServer,
  delayedServer,
  endlessBodyServer,
  flakyServer,
  garbageServer,
  healthyServer,
  makeService,
  redirectChainServer,
  redirectLoopServer,
  redirectToServer,
  silentServer,
  startHttpServer,
  startNetServer,
  statusServer,
  textServer,
  truncatedBodyServer,
  wrongBodyServer
} from './helpers/servers.js'

afterEach(closeAllServers)

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await fn()
  return [value, performance.now() - started]
}

describe('a service that answers', () => {
  test('a 200 with {"status":"ok"} is healthy after one attempt', async () => {
    const server = await healthyServer()
    const result = await probeService(makeService(server.url))
    expect(result).toEqual({
      status: 'healthy',
      http_status: 200,
      latency_ms: expect.any(Number),
      attempts: 1,
      error: null
    })
    expect(server.requests()).toBe(1)
  })

  test('a 200 just under the timeout is healthy', async () => {
    const server = await delayedServer(150)
    const result = await probeService(
      makeService(server.url, { timeoutMs: 1000 })
    )
    expect(result.status).toBe('healthy')
    expect(result.latency_ms).toBeGreaterThanOrEqual(140)
  })

  test('a 200 slower than degraded-latency-ms is degraded and says how slow', async () => {
    const server = await delayedServer(300)
    const result = await probeService(
      makeService(server.url, { timeoutMs: 3000, degradedLatencyMs: 100 })
    )
    expect(result.status).toBe('degraded')
    expect(result.http_status).toBe(200)
    expect(result.error).toMatch(/^slow: \d+ ms, over 100 ms$/)
    expect(result.error).toBe(`slow: ${result.latency_ms} ms, over 100 ms`)
  })

  test('a degraded answer is not retried', async () => {
    const server = await delayedServer(200)
    const result = await probeService(
      makeService(server.url, { degradedLatencyMs: 50, retries: 2 })
    )
    expect(result.status).toBe('degraded')
    expect(result.attempts).toBe(1)
    expect(server.requests()).toBe(1)
  })

  test('HTTP 429 is degraded as rate limited and not retried', async () => {
    const server = await statusServer(429)
    const result = await probeService(makeService(server.url, { retries: 2 }))
    expect(result).toMatchObject({
      status: 'degraded',
      http_status: 429,
      attempts: 1,
      error: 'HTTP 429 (rate limited)'
    })
    expect(server.requests()).toBe(1)
  })

  test.each([500, 503, 404])('HTTP %d is down', async (code) => {
    const server = await statusServer(code)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: code,
      attempts: 1,
      error: `HTTP ${code}`
    })
  })

  test('a status listed in expect.status is healthy even when not 2xx', async () => {
    const server = await statusServer(503)
    const result = await probeService(
      makeService(server.url, { expect: { status: [503] } })
    )
    expect(result.status).toBe('healthy')
  })

  test('a 2xx not listed in expect.status is down', async () => {
    const server = await healthyServer()
    const result = await probeService(
      makeService(server.url, { expect: { status: [204] } })
    )
    expect(result).toMatchObject({ status: 'down', error: 'HTTP 200' })
  })

  test('a 200 whose body lacks the expected text is down', async () => {
    const server = await wrongBodyServer()
    const result = await probeService(
      makeService(server.url, { expect: { bodyContains: 'ok' } })
    )
    expect(result).toMatchObject({
      status: 'down',
      http_status: 200,
      error: 'body did not contain "ok"'
    })
  })

  test('a 200 whose body contains the expected text is healthy', async () => {
    const server = await healthyServer()
    const result = await probeService(
      makeService(server.url, { expect: { bodyContains: '"ok"' } })
    )
    expect(result.status).toBe('healthy')
  })

  test('the expected text in the reason is quoted on one line and cut to 60 characters', async () => {
    const server = await wrongBodyServer()
    const wanted = `line one\nline two ${'x'.repeat(100)}`
    const result = await probeService(
      makeService(server.url, { expect: { bodyContains: wanted } })
    )
    expect(result.error).not.toContain('\n')
    expect(result.error).toMatch(
      /^body did not contain "line one line two x+…"$/
    )
    expect(JSON.parse(result.error!.slice(21))).toHaveLength(60)
  })

  test('after a deploy the body must contain the deployed version', async () => {
    const server = await healthyServer()
    const sha = '0123456789abcdef0123456789abcdef01234567'
    const result = await probeService(makeService(server.url), {
      version: sha
    })
    expect(result).toMatchObject({
      status: 'down',
      error: 'body did not contain the deployed version 0123456789ab'
    })
  })

  test('a body that contains the deployed version is healthy', async () => {
    const sha = '0123456789abcdef0123456789abcdef01234567'
    const server = await textServer(`{"status":"ok","version":"${sha}"}`)
    const result = await probeService(makeService(server.url), {
      version: sha
    })
    expect(result.status).toBe('healthy')
  })

  test('a body of workflow-command lines does not leak into the result', async () => {
    const server = await commandBodyServer()
    const result = await probeService(
      makeService(server.url, { expect: { bodyContains: 'absent' } })
    )
    expect(result.status).toBe('down')
    expect(result.error).toBe('body did not contain "absent"')
    expect(JSON.stringify(result)).not.toContain('::')
  })
})

describe('the request', () => {
  test('a probe introduces itself as the health check and asks for JSON or text', async () => {
    const seen: Record<string, string | string[] | undefined>[] = []
    const server = await startHttpServer((req, res) => {
      seen.push(req.headers)
      res.end('ok')
    })
    await probeService(makeService(server.url))
    expect(seen).toEqual([
      expect.objectContaining({
        'user-agent': 'runbook-health-check',
        accept: 'application/json, text/plain;q=0.9, */*;q=0.5'
      })
    ])
  })

  test('a finished probe leaves no timer behind to keep the process alive', async () => {
    const server = await startNetServer((socket) => {
      socket.once('data', () =>
        socket.end(
          'HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\nok'
        )
      )
    })
    const timers = (): number =>
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const before = timers()
    const result = await probeService(
      makeService(server.url, { timeoutMs: 30_000 })
    )
    expect(result.status).toBe('healthy')
    expect(timers()).toBe(before)
  })
})

describe('a service that does not answer properly', () => {
  test('a closed port is down with connection refused', async () => {
    const result = await probeService(makeService(await closedPortUrl()))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      attempts: 1,
      error: 'connection refused'
    })
  })

  test('an answer just over the timeout is down with the timeout in the reason', async () => {
    const server = await delayedServer(1500)
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 200 }))
    )
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'timeout after 200 ms'
    })
    expect(elapsed).toBeLessThan(1500)
  })

  test('a server that never answers is down after the timeout, not later', async () => {
    const server = await silentServer()
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 200 }))
    )
    expect(result).toMatchObject({
      status: 'down',
      error: 'timeout after 200 ms'
    })
    expect(elapsed).toBeGreaterThanOrEqual(190)
    expect(elapsed).toBeLessThan(2000)
  })

  test('a server that closes the connection at once is down without a response', async () => {
    const server = await closingServer()
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'connection closed without a response'
    })
  })

  test('a connection closed in the middle of the body is down while reading the body', async () => {
    const server = await truncatedBodyServer({ reset: false })
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 200,
      error: 'connection reset while reading the body'
    })
  })

  // Once the headers are in, a reset reaches the request's 'error' handler,
  // not the response's: it is still a failure while reading the body.
  test('a TCP reset in the middle of the body is down while reading the body, with the HTTP status seen', async () => {
    const server = await truncatedBodyServer({ reset: true })
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 200,
      error: 'connection reset while reading the body'
    })
  })

  test('a TCP reset in the middle of the body is down', async () => {
    const server = await truncatedBodyServer({ reset: true })
    const result = await probeService(makeService(server.url))
    expect(result.status).toBe('down')
  })

  test('an answer that is not HTTP is down as an invalid HTTP response', async () => {
    const server = await garbageServer()
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      error: 'invalid HTTP response'
    })
  })

  test('a URL that cannot be parsed is down as an invalid URL', async () => {
    const result = await probeService(makeService('http://127.0.0.1:99999/'))
    expect(result).toMatchObject({ status: 'down', error: 'invalid URL' })
  })
})

describe('redirects', () => {
  test('a redirect to itself is down as a redirect loop', async () => {
    const server = await redirectLoopServer()
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 302,
      error: 'redirect loop'
    })
    expect(server.requests()).toBe(1)
  })

  test('a chain of redirects that ends at a 200 is healthy', async () => {
    const server = await redirectChainServer(3)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect(server.requests()).toBe(4)
  })

  test('a chain of exactly 5 redirects is followed to the end', async () => {
    const server = await redirectChainServer(5)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
  })

  test('a chain of more than 5 redirects is down', async () => {
    const server = await redirectChainServer(8)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 302,
      error: 'more than 5 redirects'
    })
    expect(server.requests()).toBe(6)
  })

  test.each([200, 201])(
    'a %d with a Location header is the answer and is not followed',
    async (code) => {
      const target = await healthyServer()
      const server = await startHttpServer((_req, res) => {
        res.writeHead(code, { location: target.url })
        res.end('{"status":"created"}')
      })
      const result = await probeService(
        makeService(server.url, { expect: { bodyContains: 'created' } })
      )
      expect(result).toMatchObject({ status: 'healthy', http_status: code })
      expect(target.requests()).toBe(0)
    }
  )

  test.each([300, 304])(
    'a %d with a Location header is not a redirect and is down',
    async (code) => {
      const target = await healthyServer()
      const server = await startHttpServer((_req, res) => {
        res.writeHead(code, { location: target.url })
        res.end()
      })
      const result = await probeService(makeService(server.url))
      expect(result).toMatchObject({
        status: 'down',
        http_status: code,
        error: `HTTP ${code}`
      })
      expect(target.requests()).toBe(0)
    }
  )

  test.each([301, 302, 303, 307, 308])(
    'a %d with a Location header is followed',
    async (code) => {
      const target = await healthyServer()
      const server = await startHttpServer((_req, res) => {
        res.writeHead(code, { location: target.url })
        res.end()
      })
      const result = await probeService(makeService(server.url))
      expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
      expect(target.requests()).toBe(1)
    }
  )

  test('a 301 without a Location header is down as HTTP 301', async () => {
    const server = await statusServer(301)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 301,
      error: 'HTTP 301'
    })
    expect(server.requests()).toBe(1)
  })

  test('a redirect to a non-HTTP URL is down', async () => {
    const server = await redirectToServer('ftp://127.0.0.1/health')
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      error: 'redirect to a non-HTTP URL'
    })
  })

  test('a redirect to an invalid URL is down', async () => {
    const server = await redirectToServer('http://[bad')
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      error: 'redirect to an invalid URL'
    })
  })
})

describe('large bodies', () => {
  test('an endless body is read up to 64 KiB and the probe finishes', async () => {
    const server = await endlessBodyServer()
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 10_000 }))
    )
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect(elapsed).toBeLessThan(5000)
    expect(BODY_LIMIT).toBe(64 * 1024)
  })

  test('the expected text is found within the first 64 KiB of an endless body', async () => {
    const server = await endlessBodyServer('{"status":"ok"}')
    const result = await probeService(
      makeService(server.url, {
        timeoutMs: 10_000,
        expect: { bodyContains: 'status' }
      })
    )
    expect(result.status).toBe('healthy')
  })

  test('text after the first 64 KiB is not looked at', async () => {
    const server = await endlessBodyServer('')
    const result = await probeService(
      makeService(server.url, {
        timeoutMs: 10_000,
        expect: { bodyContains: 'status' }
      })
    )
    expect(result).toMatchObject({
      status: 'down',
      error: 'body did not contain "status"'
    })
  })

  test('a body of exactly 64 KiB is judged once read, though the connection stays open', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write(Buffer.alloc(BODY_LIMIT, 'a'))
    })
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 3000 }))
    )
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect(elapsed).toBeLessThan(2000)
  })

  test('text that starts right at the 64 KiB limit is not looked at', async () => {
    const server = await textServer(`${'a'.repeat(BODY_LIMIT)}status`)
    const result = await probeService(
      makeService(server.url, { expect: { bodyContains: 'status' } })
    )
    expect(result).toMatchObject({
      status: 'down',
      error: 'body did not contain "status"'
    })
  })

  test('a 50 MB body is not read to the end and memory stays small', async () => {
    const server = await bigBodyServer(50 * 1024 * 1024)
    const before = process.memoryUsage()
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 10_000 }))
    )
    const after = process.memoryUsage()
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect(elapsed).toBeLessThan(5000)
    const grown =
      after.heapUsed -
      before.heapUsed +
      after.arrayBuffers -
      before.arrayBuffers
    expect(grown).toBeLessThan(20 * 1024 * 1024)
    // The probe hung up early: the server could not push the whole body.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.bytesSent()).toBeLessThan(25 * 1024 * 1024)
  })
})

describe('retries', () => {
  test('a healthy service is requested once, even with retries', async () => {
    const server = await healthyServer()
    const result = await probeService(makeService(server.url, { retries: 2 }))
    expect(result.attempts).toBe(1)
    expect(server.requests()).toBe(1)
  })

  test('a failing service with retries 2 is requested 3 times', async () => {
    const server = await statusServer(503)
    const result = await probeService(makeService(server.url, { retries: 2 }))
    expect(result).toMatchObject({
      status: 'down',
      attempts: 3,
      error: 'HTTP 503'
    })
    expect(server.requests()).toBe(3)
  })

  test('a service that fails once then answers is healthy after 2 attempts', async () => {
    const server = await flakyServer(1)
    const result = await probeService(makeService(server.url, { retries: 2 }))
    expect(result).toMatchObject({
      status: 'healthy',
      attempts: 2,
      error: null
    })
    expect(server.requests()).toBe(2)
  })

  test('a retry waits for the backoff first', async () => {
    const server = await flakyServer(1)
    const [, elapsed] = await timed(() =>
      probeService(makeService(server.url, { retries: 1 }))
    )
    expect(elapsed).toBeGreaterThanOrEqual(backoffMs(1) - 10)
  })

  test('onAttempt is called once per attempt with its number and result', async () => {
    const server = await flakyServer(2)
    const seen: [number, ProbeResult][] = []
    await probeService(makeService(server.url, { retries: 3 }), {
      onAttempt: (n, r) => seen.push([n, r])
    })
    expect(seen.map(([n, r]) => [n, r.status, r.attempts])).toEqual([
      [1, 'down', 1],
      [2, 'down', 2],
      [3, 'healthy', 3]
    ])
  })

  test('an aborted signal ends the probe at once as deadline exceeded', async () => {
    const server = await silentServer()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const [result, elapsed] = await timed(() =>
      probeService(makeService(server.url, { timeoutMs: 5000, retries: 2 }), {
        signal: controller.signal
      })
    )
    expect(result).toMatchObject({
      status: 'down',
      attempts: 1,
      error: 'deadline exceeded'
    })
    expect(elapsed).toBeLessThan(2000)
  })

  test('a signal aborted before the probe makes no request', async () => {
    const server = await healthyServer()
    const controller = new AbortController()
    controller.abort()
    const result = await probeService(makeService(server.url), {
      signal: controller.signal
    })
    expect(result).toMatchObject({
      status: 'down',
      attempts: 0,
      error: 'deadline exceeded'
    })
    expect(server.requests()).toBe(0)
  })
})

describe('reasons', () => {
  test('no reason contains a newline or a stack trace', async () => {
    const urls = await Promise.all([
      closedPortUrl(),
      statusServer(503).then((s) => s.url),
      closingServer().then((s) => s.url),
      truncatedBodyServer({ reset: true }).then((s) => s.url),
      truncatedBodyServer({ reset: false }).then((s) => s.url),
      garbageServer().then((s) => s.url),
      redirectLoopServer().then((s) => s.url),
      redirectChainServer(9).then((s) => s.url),
      silentServer().then((s) => s.url),
      wrongBodyServer().then((s) => s.url),
      statusServer(429).then((s) => s.url)
    ])
    const results = await Promise.all(
      urls.map((url) =>
        probeService(
          makeService(url, { timeoutMs: 200, expect: { bodyContains: 'ok' } })
        )
      )
    )
    for (const result of results) {
      expect(result.status).not.toBe('healthy')
      expect(result.error).toEqual(expect.any(String))
      expect(result.error).not.toMatch(/[\r\n]/)
      expect(result.error).not.toMatch(/\bat .+:\d+:\d+/)
      expect(result.error).not.toMatch(/Error:/)
      expect(result.error!.length).toBeLessThan(120)
    }
  })
})

describe('budget and backoff', () => {
  test('backoff doubles from 250 ms and stops at 2 s', () => {
    expect([1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([
      250, 500, 1000, 2000, 2000, 2000
    ])
  })

  test('the budget of a probe without retries is its timeout', () => {
    expect(
      probeBudgetMs(makeService('http://127.0.0.1/', { timeoutMs: 1000 }))
    ).toBe(1000)
  })

  test('the budget counts every attempt and every backoff', () => {
    const service = (retries: number) =>
      makeService('http://127.0.0.1/', { timeoutMs: 1000, retries })
    expect(probeBudgetMs(service(2))).toBe(3 * 1000 + 250 + 500)
    expect(probeBudgetMs(service(5))).toBe(
      6 * 1000 + 250 + 500 + 1000 + 2000 + 2000
    )
  })

  test('a probe that keeps failing ends within its budget', async () => {
    const server = await silentServer()
    const service = makeService(server.url, { timeoutMs: 100, retries: 1 })
    const [result, elapsed] = await timed(() => probeService(service))
    expect(result.attempts).toBe(2)
    expect(elapsed).toBeLessThan(probeBudgetMs(service) + 500)
  })
})

test('a redirect whose body never ends is followed at once, not read', async () => {
  const target = await textServer('{"status":"ok"}')
  const server = await startHttpServer((_req, res) => {
    res.writeHead(302, { location: target.url })
    res.write('moved, and this body never ends')
  })
  const result = await probeService(
    makeService(server.url, { timeoutMs: 3000 })
  )
  expect(result).toMatchObject({
    status: 'healthy',
    http_status: 200,
    error: null
  })
})
