// Figure 6: parsing and rendering a full dashboard: 10 services with a year
// of checks every 5 minutes, 20 deployments, 30 events, compacted the way
// rendering leaves it (bench/dashboard-entry.js, bundled with src/dashboard
// at run time). Each of `runs` fresh processes parses that body and renders
// the parsed state, as the status stage does; the first call of each in a
// process is the figure (a run pays it once), the warm calls are reported.

import { join } from 'node:path'
import {
  median,
  sharedBundle,
  stderrNote,
  timeProcess,
  workspace
} from '../lib.js'

export const TARGET_MS = 50
const WARM_ITERATIONS = 20

const fixed = (ms) => `${ms.toFixed(1)} ms`

export default {
  id: 'dashboard',
  title: 'Parse and render a full dashboard',
  async run(ctx) {
    const bundle = await sharedBundle('dashboard-entry.js')
    const ws = await workspace()
    try {
      const bodyFile = join(ws.dir, 'dashboard.md')
      const build = await timeProcess(ctx.node, [bundle, 'build', bodyFile], {
        env: { PATH: process.env.PATH }
      })
      if (build.code !== 0)
        throw new Error(`building the dashboard failed: ${build.stderr}`)
      const built = JSON.parse(build.lines[0].text)
      const cold = { parse: [], render: [] }
      const warm = { parse: [], render: [] }
      let problem = null
      for (let i = 0; i < ctx.runs; i++) {
        const run = await timeProcess(
          ctx.node,
          [bundle, 'measure', bodyFile, String(WARM_ITERATIONS)],
          { env: { PATH: process.env.PATH } }
        )
        if (run.code !== 0)
          throw new Error(`measuring failed: ${stderrNote(run) ?? run.code}`)
        const m = JSON.parse(run.lines[0].text)
        if (m.problems.length)
          problem ??= `the body did not parse whole: ${m.problems.join('; ')}`
        if (!m.identical)
          problem ??= 'rendering the parsed state did not give the same body'
        cold.parse.push(m.parseMs)
        cold.render.push(m.renderMs)
        warm.parse.push(...m.warm.parse)
        warm.render.push(...m.warm.render)
        ctx.progress()
      }
      const size = `${built.services} services, ${built.bodyLength} characters`
      const row = (what, times, hot) => ({
        figure: `6. ${what} a full dashboard (first call)`,
        measured: fixed(median(times)),
        target: `< ${TARGET_MS} ms`,
        pass: problem === null && median(times) < TARGET_MS,
        details: [
          `median of ${ctx.runs} processes (max ${fixed(Math.max(...times))}); ` +
            `warm, ${WARM_ITERATIONS} more per process: median ${fixed(median(hot))}`,
          ...(problem ? [`run problem: ${problem}`] : [])
        ]
      })
      const rows = [
        row('parse', cold.parse, warm.parse),
        row('render', cold.render, warm.render)
      ]
      rows[0].details.unshift(
        `${size} (limit 65536); kept per service: ${built.recentPerService} raw checks, ` +
          `${built.dailyPerService} daily totals; ${built.deployments} deployments, ${built.events} events`,
        `built from ${built.checks} checks (a year every 5 minutes); the one render that ` +
          `compacted them took ${Math.round(built.renderMs)} ms (not part of the figure)`
      )
      return rows
    } finally {
      await ws.remove()
    }
  }
}
