// Real servers on 127.0.0.1 that misbehave on purpose, for the prober and the
// stages that use it. Every server is tracked and closed by closeAllServers(),
// which also destroys lingering sockets so that jest exits cleanly.

import http from 'node:http'
import net from 'node:net'
import type { Service } from '../../src/config.js'

export interface TestServer {
  /** The health URL, http://127.0.0.1:<port>/health. */
  url: string
  port: number
  /** Requests (HTTP) or connections (raw TCP) received so far. */
  requests: () => number
  close: () => Promise<void>
}

export interface BodyServer extends TestServer {
  /** Body bytes written to the sockets so far. */
  bytesSent: () => number
}

const open = new Set<TestServer>()

/** Closes every server started by these helpers; call it in afterEach. */
export async function closeAllServers(): Promise<void> {
  const servers = [...open]
  open.clear()
  await Promise.all(servers.map((s) => s.close()))
}

function track(
  server: net.Server,
  path = '/health',
  counter: () => number
): Promise<TestServer> {
  const sockets = new Set<net.Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    // A client that goes away mid-write must not crash the test process.
    socket.on('error', () => {})
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      let closing: Promise<void> | undefined
      const handle: TestServer = {
        url: `http://127.0.0.1:${port}${path}`,
        port,
        requests: counter,
        close: () => {
          closing ??= new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
          open.delete(handle)
          return closing
        }
      }
      open.add(handle)
      resolve(handle)
    })
  })
}

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  n: number
) => void

/** An HTTP server whose handler receives the 1-based request number. */
export function startHttpServer(
  handler: Handler,
  path = '/health'
): Promise<TestServer> {
  let count = 0
  const server = http.createServer((req, res) => {
    count += 1
    handler(req, res, count)
  })
  // Keep-alive sockets would otherwise hold the server open after a test.
  server.keepAliveTimeout = 100
  return track(server, path, () => count)
}

/** A raw TCP server, for answers no HTTP server would give. */
export function startNetServer(
  onConnection: (socket: net.Socket) => void
): Promise<TestServer> {
  let count = 0
  const server = net.createServer((socket) => {
    count += 1
    onConnection(socket)
  })
  return track(server, '/health', () => count)
}

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown = { status: 'ok' }
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

/** Answers 200 {"status":"ok"} at once. */
export function healthyServer(): Promise<TestServer> {
  return startHttpServer((_req, res) => json(res, 200))
}

/** Answers `status` with a JSON body. */
export function statusServer(
  status: number,
  body: unknown = { status: 'error' }
): Promise<TestServer> {
  return startHttpServer((_req, res) => json(res, status, body))
}

/** Answers 200 {"status":"ok"} after `delayMs`. */
export function delayedServer(delayMs: number): Promise<TestServer> {
  return startHttpServer((req, res) => {
    const timer = setTimeout(() => json(res, 200), delayMs)
    req.socket.on('close', () => clearTimeout(timer))
  })
}

/** Answers 200 with this exact text body. */
export function textServer(body: string, status = 200): Promise<TestServer> {
  return startHttpServer((_req, res) => {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  })
}

/** A 200 whose body lines look like workflow commands. */
export function commandBodyServer(): Promise<TestServer> {
  return textServer(
    [
      '::error::injected from the body',
      '::set-output name=x::y',
      '::add-mask::secret',
      'ok'
    ].join('\n')
  )
}

/** A 200 whose body does not contain "ok". */
export function wrongBodyServer(): Promise<TestServer> {
  return textServer('{"status":"starting"}')
}

/** Answers `failing` (default 503) to the first `failures` requests, then 200. */
export function flakyServer(
  failures: number,
  failing = 503
): Promise<TestServer> {
  return startHttpServer((_req, res, n) =>
    n <= failures ? json(res, failing, { status: 'error' }) : json(res, 200)
  )
}

/** Accepts the connection, reads the request, and never says anything. */
export function silentServer(): Promise<TestServer> {
  return startNetServer((socket) => {
    socket.resume()
  })
}

/** Accepts the connection and closes it at once, before any response. */
export function closingServer(): Promise<TestServer> {
  return startNetServer((socket) => {
    socket.destroy()
  })
}

/**
 * Sends the status line, headers announcing 100000 bytes and 1000 of them,
 * then ends the connection: with a TCP reset (`reset: true`) or a close.
 */
export function truncatedBodyServer(
  options: { reset: boolean } = { reset: true }
): Promise<TestServer> {
  return startNetServer((socket) => {
    socket.once('data', () => {
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n' +
          'content-length: 100000\r\n\r\n' +
          'ok'.repeat(500)
      )
      setTimeout(() => {
        if (options.reset) socket.resetAndDestroy()
        else socket.destroy()
      }, 50)
    })
  })
}

/** Answers bytes that are not HTTP. */
export function garbageServer(): Promise<TestServer> {
  return startNetServer((socket) => {
    socket.once('data', () => socket.end('hello, this is not HTTP\r\n\r\n'))
  })
}

/** Redirects every request to itself. */
export function redirectLoopServer(): Promise<TestServer> {
  return startHttpServer((req, res) => {
    res.writeHead(302, { location: req.url ?? '/health' })
    res.end()
  })
}

/**
 * /health redirects to /hop/1, /hop/1 to /hop/2 … and /hop/<hops> answers
 * 200 {"status":"ok"}: a chain of `hops` redirects.
 */
export function redirectChainServer(hops: number): Promise<TestServer> {
  return startHttpServer((req, res) => {
    const match = /^\/hop\/(\d+)$/.exec(req.url ?? '')
    const n = match ? Number(match[1]) : 0
    if (n >= hops) return json(res, 200)
    res.writeHead(302, { location: `/hop/${n + 1}` })
    res.end()
  })
}

/** Redirects to this Location header, as given. */
export function redirectToServer(location: string): Promise<TestServer> {
  return startHttpServer((_req, res) => {
    res.writeHead(302, { location })
    res.end()
  })
}

/**
 * Answers 200 and writes 64 KiB chunks, honouring backpressure, until
 * `totalBytes` are sent (never, when Infinity) or the client goes away.
 */
export function bigBodyServer(
  totalBytes: number,
  prefix = '{"status":"ok"}'
): Promise<BodyServer> {
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let sent = 0
  return startHttpServer((_req, res) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' }
    if (Number.isFinite(totalBytes)) headers['content-length'] = totalBytes
    res.writeHead(200, headers)
    let left = totalBytes
    let gone = false
    res.on('close', () => (gone = true))
    const first = Buffer.from(prefix)
    res.write(first)
    sent += first.length
    left -= first.length
    const pump = (): void => {
      while (left > 0 && !gone) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
        left -= piece.length
        sent += piece.length
        if (!res.write(piece)) return void res.once('drain', pump)
      }
      if (left <= 0 && !gone) res.end()
    }
    pump()
  }).then((server) => ({ ...server, bytesSent: () => sent }))
}

/** Answers with an endless body. */
export function endlessBodyServer(prefix?: string): Promise<BodyServer> {
  return bigBodyServer(Infinity, prefix)
}

/** A URL on a port where nothing listens: the connection is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer()
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/health`
}

export interface ServiceOptions {
  name?: string
  timeoutMs?: number
  retries?: number
  degradedLatencyMs?: number
  expect?: Partial<Service['expect']>
}

/** A resolved Service for this URL; short timeouts and no retries by default. */
export function makeService(
  url: string,
  options: ServiceOptions = {}
): Service {
  const port = URL.canParse(url) ? new URL(url).port : ''
  return {
    name: options.name ?? 'web',
    title: options.name ?? 'web',
    url,
    port: port ? Number(port) : 80,
    expect: { version: false, ...options.expect },
    timeoutMs: options.timeoutMs ?? 2000,
    retries: options.retries ?? 0,
    degradedLatencyMs: options.degradedLatencyMs ?? 2000
  }
}
