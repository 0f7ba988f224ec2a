// Local services for the benchmarks, run in a child process of their own so
// that serving requests never shares an event loop with the process measured
// or with the bench's timers.
//
// Usage: node bench/services.js '<JSON list of servers>'
// Each server is { "delayMs": n } (answers GET of any path with 200 and a
// small JSON body after n ms) or { "silent": true } (accepts connections and
// never answers). Prints one line, {"ports":[...]}, when every server is
// listening on 127.0.0.1, and exits when its standard input closes.

import http from 'node:http'
import net from 'node:net'

const specs = JSON.parse(process.argv[2] ?? '[{"delayMs":0}]')

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, () => {
      server.off('error', reject)
      resolve(server.address().port)
    })
  })
}

function makeServer(spec) {
  if (spec.silent) {
    const sockets = new Set()
    // Accept, hold the socket open, never read or write.
    return net.createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => sockets.delete(socket))
    })
  }
  const body = JSON.stringify({ status: 'ok' })
  const answer = (response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    response.end(body)
  }
  const delay = spec.delayMs ?? 0
  const server = http.createServer((request, response) => {
    request.resume()
    if (delay > 0) setTimeout(answer, delay, response)
    else answer(response)
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  return server
}

const ports = []
for (const spec of specs) ports.push(await listen(makeServer(spec)))
process.stdout.write(`${JSON.stringify({ ports })}\n`)

process.stdin.resume()
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
