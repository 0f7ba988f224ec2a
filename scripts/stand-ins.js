// Stand-in services for the demo and the smoke tests: small node:http servers
// answering GET /health the way the FastAPI, Flask and Gradio apps do. Each
// one reads its state file (if any) on every request, so a deploy or stop
// command can change what it answers: "ok <version>", "broken <version>" or
// "stopped".

import { readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { join } from 'node:path'

export const STAND_INS = [
  { name: 'fastapi', title: 'FastAPI Quantum Conduit', port: 8000 },
  { name: 'flask', title: 'Flask Glyph Weaver', port: 5000 },
  { name: 'gradio', title: 'Gradio Truth Mirror', port: 7860 }
]

function readState(stateDir, name) {
  if (!stateDir) return { mode: 'ok', version: 'dev' }
  try {
    const [mode, version] = readFileSync(
      join(stateDir, `${name}.state`),
      'utf8'
    )
      .trim()
      .split(/\s+/)
    return { mode: mode || 'ok', version: version || 'dev' }
  } catch {
    return { mode: 'ok', version: 'dev' }
  }
}

/** Listens on `port`, or on a free port when it is taken. */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      if (error.code !== 'EADDRINUSE' || port === 0) return reject(error)
      server.off('error', onError)
      listen(server, 0).then(resolve, reject)
    }
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve(server.address().port)
    })
  })
}

/**
 * Starts the three stand-ins. Returns their services (name, title, port) and
 * a close() function.
 */
export async function startStandIns({ stateDir, preferPorts = true } = {}) {
  const sockets = new Set()
  const servers = []
  const services = []
  for (const standIn of STAND_INS) {
    const server = http.createServer((request, response) => {
      const { mode, version } = readState(stateDir, standIn.name)
      if (request.url !== '/health') {
        response.writeHead(404, { 'content-type': 'application/json' })
        return response.end('{"detail":"Not Found"}')
      }
      const ok = mode === 'ok'
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          status: ok ? 'ok' : mode === 'stopped' ? 'stopped' : 'unavailable',
          service: standIn.name,
          version
        })
      )
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    const port = await listen(server, preferPorts ? standIn.port : 0)
    servers.push(server)
    services.push({ ...standIn, port })
  }
  return {
    services,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        let open = servers.length
        for (const server of servers) server.close(() => --open || resolve())
      })
  }
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}
