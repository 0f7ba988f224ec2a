// Baselines for the prober: the same health checks made with bare node:http
// (a new connection each, as the prober makes them), either one after another
// or all at once, timed inside this process so that start-up is not counted.
//
// Usage: node bench/probes.js sequential|parallel '<JSON list of URLs>'
// Prints one line: {"elapsedMs": n, "ok": count answering 200, "count": n}.

import http from 'node:http'
import { performance } from 'node:perf_hooks'

const mode = process.argv[2]
const urls = JSON.parse(process.argv[3] ?? '[]')
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })

function get(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode === 200))
      response.on('error', () => resolve(false))
    })
    request.setTimeout(5000, () => request.destroy())
    request.on('error', () => resolve(false))
  })
}

const started = performance.now()
let ok = 0
if (mode === 'parallel') {
  ok = (await Promise.all(urls.map(get))).filter(Boolean).length
} else if (mode === 'sequential') {
  for (const url of urls) if (await get(url)) ok++
} else {
  throw new Error(`unknown mode ${mode}: sequential or parallel`)
}
const elapsedMs = performance.now() - started
process.stdout.write(
  `${JSON.stringify({ elapsedMs, ok, count: urls.length })}\n`
)
