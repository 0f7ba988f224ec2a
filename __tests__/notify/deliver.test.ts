import { afterEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  deliver,
  retryAfterMs,
  type DeliveryResult
} from '../../src/notify/deliver.js'
import {
  refusingUrl,
  scripts,
  startReceiver,
  type Receiver,
  type Reply
} from '../helpers/receivers.js'

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

/** A sleep that records what it was asked and returns at once. */
function recordingSleep(): {
  sleeps: number[]
  sleep: (ms: number) => Promise<void>
} {
  const sleeps: number[] = []
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) }
}

function expectNoUrl(result: DeliveryResult, r: Receiver): void {
  for (const secret of [r.url, ...r.secrets])
    expect(result.error ?? '').not.toContain(secret)
}

const payload = { text: 'hello', blocks: [] }

describe('deliver', () => {
  it('POSTs the payload as JSON and succeeds on 200', async () => {
    const r = await receiver()
    const result = await deliver('slack', r.url, payload)
    expect(result).toEqual({
      ok: true,
      channel: 'slack',
      label: 'slack webhook',
      attempts: 1,
      status: 200,
      error: null,
      unconfirmed: false
    })
    expect(r.requests).toHaveLength(1)
    const [request] = r.requests
    expect(request?.method).toBe('POST')
    expect(request?.headers['content-type']).toBe(
      'application/json; charset=utf-8'
    )
    expect(request?.headers['user-agent']).toBe('runbook-notify')
    expect(JSON.parse(request?.body ?? '')).toEqual(payload)
    expect(request?.path).toBe(new URL(r.url).pathname)
  })

  it('sends UTF-8 and counts its length in bytes', async () => {
    const r = await receiver()
    const text = { text: '🔴 ünïcödé — ok' }
    await deliver('webhook', r.url, text)
    const [request] = r.requests
    expect(JSON.parse(request?.body ?? '')).toEqual(text)
    expect(Number(request?.headers['content-length'])).toBe(
      Buffer.byteLength(JSON.stringify(text))
    )
  })

  it('asks Discord to wait for the message, keeping the query already there', async () => {
    const r = await receiver([], scripts.discordCreated())
    const result = await deliver('discord', `${r.url}?thread_id=99`, payload)
    expect(result.ok).toBe(true)
    const url = new URL(r.requests[0]?.path ?? '', 'http://x')
    expect(url.searchParams.get('thread_id')).toBe('99')
    expect(url.searchParams.get('wait')).toBe('true')
  })

  it('does not add wait=true for Slack or a generic webhook', async () => {
    const r = await receiver()
    await deliver('slack', r.url, payload)
    await deliver('webhook', r.url, payload)
    for (const request of r.requests) expect(request.path).not.toContain('?')
  })

  it("waits as Slack's Retry-After header asks after a 429, then succeeds", async () => {
    const r = await receiver(scripts.rateLimitedOnce())
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, { sleep })
    expect(result).toMatchObject({ ok: true, attempts: 2, status: 200 })
    expect(sleeps).toEqual([1000])
    expect(r.requests).toHaveLength(2)
  })

  it("waits as Discord's retry_after in the JSON body asks after a 429", async () => {
    const r = await receiver(
      scripts.discordRateLimitedOnce(0.25),
      scripts.discordCreated()
    )
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('discord', r.url, payload, { sleep })
    expect(result).toMatchObject({ ok: true, attempts: 2 })
    expect(sleeps).toEqual([250])
  })

  it('really waits when no sleep is given', async () => {
    const r = await receiver(scripts.discordRateLimitedOnce(0.05))
    const result = await deliver('discord', r.url, payload)
    expect(result).toMatchObject({ ok: true, attempts: 2 })
  })

  it('retries server errors with exponential backoff, then succeeds', async () => {
    const r = await receiver(scripts.serverErrorTwice())
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, { sleep })
    expect(result).toMatchObject({ ok: true, attempts: 3, status: 200 })
    expect(sleeps).toEqual([500, 1000])
  })

  it('reports the last status after retrying server errors in vain', async () => {
    const r = await receiver([], scripts.serverError())
    const { sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, {
      sleep,
      maxAttempts: 3
    })
    expect(result).toEqual({
      ok: false,
      channel: 'slack',
      label: 'slack webhook',
      attempts: 3,
      status: 500,
      error: 'slack webhook: HTTP 500 after 3 attempts',
      unconfirmed: false
    })
  })

  it('does not retry a 400, and names the reason the service gave', async () => {
    const r = await receiver([], scripts.badRequest())
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, { sleep })
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      status: 400,
      error: 'slack webhook: HTTP 400 (invalid_payload)'
    })
    expect(sleeps).toEqual([])
    expect(r.requests).toHaveLength(1)
  })

  it.each([
    [404, scripts.notFound()],
    [410, scripts.gone()]
  ])(
    'reports a %i as a webhook that is gone, without retrying',
    async (code, reply) => {
      const r = await receiver([], reply)
      const result = await deliver('discord', r.url, payload)
      expect(result).toMatchObject({
        ok: false,
        attempts: 1,
        status: code,
        error: `discord webhook: HTTP ${code}, webhook not found (removed or wrong URL)`
      })
      expect(r.requests).toHaveLength(1)
    }
  )

  it('sends a message the receiver read but never answered only once, as delivery unconfirmed', async () => {
    const r = await receiver([], scripts.hang())
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('webhook', r.url, payload, {
      attemptTimeoutMs: 100,
      totalBudgetMs: 1000,
      sleep
    })
    expect(result).toMatchObject({
      ok: false,
      unconfirmed: true,
      attempts: 1,
      status: null,
      error:
        'webhook webhook: delivery unconfirmed: no answer within 100 ms after the message was sent; not sent again'
    })
    expect(sleeps).toEqual([])
    expect(r.requests).toHaveLength(1)
  })

  it('bounds a single attempt by the budget left', async () => {
    const r = await receiver([], scripts.hang())
    const result = await deliver('slack', r.url, payload, {
      attemptTimeoutMs: 10_000,
      totalBudgetMs: 150
    })
    expect(result).toMatchObject({ ok: false, attempts: 1 })
    expect(result.error).toContain('no answer within 150 ms')
  })

  it('a receiver answering after longer than the timeout receives the message exactly once', async () => {
    const received: string[] = []
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      req.on('end', () => {
        received.push(body)
        setTimeout(() => res.writeHead(200).end('ok'), 600)
      })
    })
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve())
    )
    try {
      const { port } = server.address() as AddressInfo
      const result = await deliver(
        'slack',
        `http://127.0.0.1:${port}/services/T/B/x`,
        payload,
        { attemptTimeoutMs: 200, totalBudgetMs: 5000 }
      )
      // Long after the answer came, still nothing was sent again.
      await new Promise((resolve) => setTimeout(resolve, 800))
      expect(result).toMatchObject({ ok: false, unconfirmed: true })
      expect(received).toEqual([JSON.stringify(payload)])
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a connection reset after the whole message was sent is not retried', async () => {
    const received: number[] = []
    const server = http.createServer((req) => {
      req.resume()
      req.on('end', () => {
        received.push(1)
        req.socket.destroy()
      })
    })
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve())
    )
    try {
      const { port } = server.address() as AddressInfo
      const { sleep } = recordingSleep()
      const result = await deliver(
        'discord',
        `http://127.0.0.1:${port}/api/webhooks/1/x`,
        payload,
        { sleep }
      )
      expect(result).toMatchObject({
        ok: false,
        unconfirmed: true,
        attempts: 1,
        error:
          'discord webhook: delivery unconfirmed: connection closed without a response after the message was sent; not sent again'
      })
      expect(received).toHaveLength(1)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('never sleeps past the total budget', async () => {
    const r = await receiver([], scripts.serverError())
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, {
      totalBudgetMs: 2000,
      maxAttempts: 100,
      sleep
    })
    expect(result.ok).toBe(false)
    // 0.5 s + 1 s fit; a further 2 s would pass the budget.
    expect(sleeps).toEqual([500, 1000])
    expect(result.attempts).toBe(3)
  })

  it('gives up at once when the asked wait is longer than the budget left', async () => {
    const r = await receiver([
      { status: 429, headers: { 'retry-after': '60' }, body: 'rate_limited' }
    ])
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', r.url, payload, { sleep })
    expect(sleeps).toEqual([])
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 429 })
    expect(result.error).toBe(
      'slack webhook: HTTP 429 (rate limited), asked to wait 60 s, longer than the time left'
    )
  })

  it('retries when the connection is refused', async () => {
    const url = await refusingUrl()
    const { sleeps, sleep } = recordingSleep()
    const result = await deliver('slack', url, payload, {
      sleep,
      maxAttempts: 2
    })
    expect(result).toMatchObject({
      ok: false,
      attempts: 2,
      status: null,
      error: 'slack webhook: connection refused after 2 attempts',
      unconfirmed: false
    })
    expect(sleeps).toEqual([500])
  })

  it('rejects a URL that is not http(s) without sending anything', async () => {
    for (const url of ['not a url', 'ftp://example.com/hook', 'file:///etc']) {
      const result = await deliver('slack', url, payload)
      expect(result).toEqual({
        ok: false,
        channel: 'slack',
        label: 'slack webhook',
        attempts: 0,
        status: null,
        error: 'slack webhook: invalid webhook URL',
        unconfirmed: false
      })
    }
  })

  it('stops when the signal aborts, even mid-request', async () => {
    const r = await receiver([], scripts.hang())
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const result = await deliver('slack', r.url, payload, {
      signal: controller.signal
    })
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error: 'slack webhook: cancelled'
    })
  })

  it('reads at most 64 KiB of an answer', async () => {
    const huge = 'x'.repeat(4 * 1024 * 1024)
    const r = await receiver([], { status: 400, body: huge })
    const result = await deliver('slack', r.url, payload)
    expect(result).toMatchObject({ ok: false, status: 400, attempts: 1 })
    expect(result.error).toBe('slack webhook: HTTP 400')
  })

  it('names the target by the label it is given', async () => {
    const r = await receiver([], scripts.notFound())
    const result = await deliver('webhook', r.url, payload, {
      label: 'webhook 2'
    })
    expect(result.label).toBe('webhook 2')
    expect(result.error).toMatch(/^webhook 2: HTTP 404/)
  })

  it('never puts any part of the URL in an error', async () => {
    const scenarios: Reply[] = [
      scripts.echoPath(),
      scripts.echoToken(),
      scripts.notFound(),
      scripts.serverError(),
      scripts.hang(),
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'bad token' })
      }
    ]
    for (const reply of scenarios) {
      const r = await receiver([], reply)
      const { sleep } = recordingSleep()
      const result = await deliver('discord', r.url, payload, {
        sleep,
        attemptTimeoutMs: 50,
        totalBudgetMs: 200
      })
      expect(result.ok).toBe(false)
      expectNoUrl(result, r)
    }
    const url = await refusingUrl()
    const refused = await deliver('slack', url, payload, { maxAttempts: 1 })
    expect(refused.error).not.toContain(new URL(url).pathname)
    expect(refused.error).not.toContain(new URL(url).host)
  })

  it('drops a refusal reason that repeats the URL', async () => {
    for (const reply of [scripts.echoPath(), scripts.echoToken()]) {
      const r = await receiver([], reply)
      const result = await deliver('slack', r.url, payload)
      expect(result.error).toBe('slack webhook: HTTP 400')
    }
  })

  it('keeps a short reason from a JSON refusal', async () => {
    const r = await receiver([], {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Invalid Form Body', code: 50035 })
    })
    const result = await deliver('discord', r.url, payload)
    expect(result.error).toBe('discord webhook: HTTP 400 (Invalid Form Body)')
  })
})

describe('retryAfterMs', () => {
  it('prefers the JSON retry_after, then Retry-After, then the reset header', () => {
    expect(
      retryAfterMs({
        headers: { 'retry-after': '3' },
        body: '{"retry_after":0.5}'
      })
    ).toBe(500)
    expect(retryAfterMs({ headers: { 'retry-after': '3' }, body: 'x' })).toBe(
      3000
    )
    expect(
      retryAfterMs({ headers: { 'x-ratelimit-reset-after': '1.5' }, body: '' })
    ).toBe(1500)
    expect(retryAfterMs({ headers: {}, body: '' })).toBeNull()
  })

  it('reads a Retry-After date', () => {
    const later = new Date(Date.now() + 5000).toUTCString()
    const ms = retryAfterMs({ headers: { 'retry-after': later }, body: '' })
    expect(ms).toBeGreaterThan(3000)
    expect(ms).toBeLessThanOrEqual(5000)
  })

  it('never returns a negative wait', () => {
    expect(retryAfterMs({ headers: { 'retry-after': '-5' }, body: '' })).toBe(0)
  })
})
