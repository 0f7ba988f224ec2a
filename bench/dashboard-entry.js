// The dashboard's render and parse time, for figure 6. bench/lib.js bundles
// this entry with src/dashboard (TypeScript) at run time.
//
//   node <bundle> build <body-file>
//     Builds a full state: SERVICES services with a year of checks every
//     5 minutes (GitHub's shortest schedule), 20 deployments and 30 events;
//     renders it once, which compacts the history the way every run leaves
//     it, and writes that body to <body-file>. Prints one JSON line.
//   node <bundle> measure <body-file> <iterations>
//     What the status stage does with the body it reads: parses it, then
//     renders the parsed state. The first parse and render of the process
//     are timed on their own (cold, as a run pays them), then `iterations`
//     more of each (warm). Prints one JSON line.

import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { resolveConfig } from '../src/config.ts'
import { renderDashboard } from '../src/dashboard/render.ts'
import { DashboardStateSchema, parseState } from '../src/dashboard/state.ts'

const NOW = '2025-06-30T12:00:00.000Z'
const DAYS = 365
const STEP_S = 300
const NAMES = [
  'api-gateway',
  'auth',
  'billing',
  'search',
  'media',
  'notifications',
  'payments',
  'reports',
  'scheduler',
  'web'
]

const config = resolveConfig(
  {
    services: NAMES.map((name, i) => ({
      name,
      title: `${name[0].toUpperCase()}${name.slice(1)} service`,
      url: `https://${name}.example.com/health`,
      ...(i % 2 ? { deploy: `./deploy.sh ${name}` } : {})
    }))
  },
  { source: 'bench', baseUrl: 'http://127.0.0.1' }
)
const options = {
  services: config.services,
  now: NOW,
  runUrl: 'https://github.com/octo-org/app/actions/runs/9000000001',
  repository: 'octo-org/app'
}

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed) {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

const iso = (s) => new Date(s * 1000).toISOString()
const tagAt = (s) => {
  const t = iso(s)
  return `deployment-${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`
}
const hex = (next) =>
  Array.from({ length: 40 }, () => Math.floor(next() * 16).toString(16)).join(
    ''
  )

function fullState() {
  const nowS = Date.parse(NOW) / 1000
  const next = random(42)
  const services = {}
  for (const [i, name] of NAMES.entries()) {
    const recent = []
    let outage = 0
    for (let t = nowS - DAYS * 86_400; t <= nowS; t += STEP_S) {
      // Short outages now and then, some slow answers, latencies that vary.
      if (outage === 0 && next() < 0.0005) outage = 1 + Math.floor(next() * 6)
      const state = outage > 0 ? 'x' : next() < 0.01 ? 'd' : 'h'
      if (outage > 0) outage--
      recent.push([
        t,
        state,
        state === 'x'
          ? null
          : Math.round(30 + i * 7 + next() * 120 + (state === 'd' ? 2500 : 0))
      ])
    }
    const degraded = name === 'search'
    services[name] = {
      title: config.services[i].title,
      status: degraded ? 'degraded' : 'healthy',
      since: iso(nowS - (degraded ? 3 : 40) * 3600),
      observed: degraded ? 'degraded' : 'healthy',
      streak: 12,
      latency_ms: recent.at(-1)[2],
      reason: degraded ? 'slow: 2612 ms > degraded-latency-ms 2000' : null,
      last_check: iso(recent.at(-1)[0]),
      recent,
      daily: []
    }
  }
  const deployments = Array.from({ length: 20 }, (_, k) => {
    const s = nowS - k * 18 * 86_400 - 7200
    return {
      tag: tagAt(s),
      sha: hex(next),
      time: iso(s),
      actor: k % 3 ? 'octo-dev' : 'release-bot',
      components: k % 4 ? NAMES.slice(0, 1 + (k % NAMES.length)) : NAMES,
      verified: k === 3 ? false : true,
      kind: k === 4 ? 'rollback' : 'deploy',
      run_url: `https://github.com/octo-org/app/actions/runs/${9000000000 - k}`
    }
  })
  const events = Array.from({ length: 30 }, (_, k) => {
    const s = nowS - k * 6 * 3600
    const name = NAMES[k % NAMES.length]
    return k % 3 === 0
      ? {
          at: iso(s),
          kind: 'deploy',
          text: `deploy ${tagAt(s)} (${NAMES.join(', ')})`,
          run: String(9000000000 - k),
          actor: 'octo-dev'
        }
      : {
          at: iso(s),
          kind: k % 3 === 1 ? 'service-down' : 'service-healthy',
          text:
            k % 3 === 1
              ? `${name} is down (was healthy): connection refused (ECONNREFUSED) after 3 attempts`
              : `${name} is healthy (was down)`,
          run: `${9000000000 - k}:${name}`,
          actor: ''
        }
  })
  return DashboardStateSchema.parse({
    schema: 1,
    updated_at: NOW,
    overall: 'degraded',
    halt: null,
    deployments,
    services,
    events,
    last_run: { id: '9000000001', url: options.runUrl, at: NOW },
    thresholds: { failure: 2, success: 1 }
  })
}

const [mode, file, iterationsText] = process.argv.slice(2)
if (mode === 'build') {
  const state = fullState()
  const checks = Object.values(state.services).reduce(
    (n, s) => n + s.recent.length,
    0
  )
  const started = performance.now()
  const body = renderDashboard(state, options)
  const renderMs = performance.now() - started
  writeFileSync(file, body)
  const kept = Object.values(state.services)
  process.stdout.write(
    `${JSON.stringify({
      services: kept.length,
      checks,
      renderMs,
      bodyLength: body.length,
      recentPerService: kept[0]?.recent.length ?? 0,
      dailyPerService: kept[0]?.daily.length ?? 0,
      events: state.events.length,
      deployments: state.deployments.length
    })}\n`
  )
} else if (mode === 'measure') {
  const body = readFileSync(file, 'utf8')
  const time = (fn) => {
    const started = performance.now()
    const value = fn()
    return { value, ms: performance.now() - started }
  }
  const parse = time(() => parseState(body, NOW))
  const render = time(() => renderDashboard(parse.value.state, options))
  const warm = { parse: [], render: [] }
  for (let i = 0; i < Number(iterationsText ?? 10); i++) {
    const p = time(() => parseState(body, NOW))
    const r = time(() => renderDashboard(p.value.state, options))
    warm.parse.push(p.ms)
    warm.render.push(r.ms)
  }
  process.stdout.write(
    `${JSON.stringify({
      parseMs: parse.ms,
      renderMs: render.ms,
      problems: parse.value.problems,
      identical: render.value === body,
      warm
    })}\n`
  )
} else {
  process.stderr.write('usage: build <body-file> | measure <body-file> [n]\n')
  process.exit(2)
}
