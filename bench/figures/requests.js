// Figure 5: GitHub API requests of a scheduled health check, counted by the
// REST emulator of the tests (bench/emulator-entry.js). The whole job
// (stage `all`, event schedule, 3 healthy services) runs against a fresh
// repository, which creates the dashboard; then `runs` more scheduled runs,
// each followed by a re-run of its own `status` stage with the results the
// workflow would pass it (toJSON(needs)), which must write nothing.

import {
  byRoute,
  githubEnv,
  isWrite,
  runBundle,
  startEmulator,
  startServices,
  stderrNote,
  workspace
} from '../lib.js'

// The lock, the recorded deployments (plus one read per deployment for its
// statuses, at most 10), who the token is, the issue, the write and its read-back.
export const MAX_REQUESTS = 6
export const MAX_WRITES = 1

const GATE_OUTPUTS = [
  'approved',
  'action',
  'reason',
  'target-component',
  'rollback-version',
  'halted'
]
const MONITOR_OUTPUTS = ['report', 'monitoring-status', 'health']

/** toJSON(needs) of the status job, from the outputs of a stage `all` run. */
export function needsFrom(outputs) {
  const pick = (names) =>
    Object.fromEntries(
      names.filter((n) => n in outputs).map((n) => [n, outputs[n]])
    )
  return {
    'safety-gate': { result: 'success', outputs: pick(GATE_OUTPUTS) },
    ci: { result: 'skipped', outputs: {} },
    deploy: { result: 'skipped', outputs: {} },
    monitor: { result: 'success', outputs: pick(MONITOR_OUTPUTS) },
    rollback: { result: 'skipped', outputs: {} }
  }
}

const summary = (log) =>
  `${log.length} (${log.filter(isWrite).length} write${log.filter(isWrite).length === 1 ? '' : 's'})`

export default {
  id: 'requests',
  title: 'GitHub requests of a scheduled health check',
  async run(ctx) {
    const gh = await startEmulator()
    const servers = await startServices([
      { delayMs: 0 },
      { delayMs: 0 },
      { delayMs: 0 }
    ])
    const ws = await workspace()
    try {
      const services = JSON.stringify(
        servers.ports.map((port, i) => ({
          name: `service-${i + 1}`,
          url: `http://127.0.0.1:${port}/health`
        }))
      )
      let problem = null
      const check = (run, what, expect) => {
        const wrong = Object.entries(expect).filter(
          ([name, value]) => run.outputs[name] !== value
        )
        if (run.code !== 0 || wrong.length)
          problem ??=
            `${what}: exit ${run.code}, ${wrong.map(([n]) => `${n}=${run.outputs[n]}`).join(', ')}` +
            (stderrNote(run) ? `; ${stderrNote(run)}` : '')
      }
      const scheduled = async (runId) => {
        await gh.clear()
        const run = await runBundle(
          ctx.node,
          ws.dir,
          { stage: 'all', services },
          {
            extraEnv: await githubEnv(gh, ws.dir, {
              eventName: 'schedule',
              runId
            })
          }
        )
        check(run, `scheduled run ${runId}`, {
          action: 'healthcheck',
          'monitoring-status': 'healthy',
          'issue-number': '1'
        })
        return { run, log: await gh.log() }
      }

      // The first run on this repository: the dashboard does not exist yet.
      const first = await scheduled(5000)
      const steady = []
      const reruns = []
      for (let i = 1; i <= ctx.runs; i++) {
        const runId = 5000 + i
        const { run, log } = await scheduled(runId)
        steady.push(log)
        // The same run's status job re-run, with the same needs.
        await gh.clear()
        const rerun = await runBundle(
          ctx.node,
          ws.dir,
          {
            stage: 'status',
            services,
            results: JSON.stringify(needsFrom(run.outputs))
          },
          {
            extraEnv: await githubEnv(gh, ws.dir, {
              eventName: 'schedule',
              runId
            })
          }
        )
        check(rerun, `status re-run of ${runId}`, { 'issue-number': '1' })
        reruns.push(await gh.log())
        ctx.progress()
      }

      const worst = (logs) =>
        logs.reduce((a, b) =>
          b.length > a.length ||
          (b.length === a.length &&
            b.filter(isWrite).length > a.filter(isWrite).length)
            ? b
            : a
        )
      const steadyWorst = worst(steady)
      const rerunWorst = worst(reruns)
      const same = (logs) =>
        new Set(logs.map((l) => byRoute(l).join('; '))).size === 1
      const within = (log) =>
        log.length <= MAX_REQUESTS && log.filter(isWrite).length <= MAX_WRITES
      const target = `≤ ${MAX_REQUESTS}, ≤ ${MAX_WRITES} write`
      return [
        {
          figure: '5. GitHub requests, scheduled check, first run',
          measured: summary(first.log),
          target,
          pass: problem === null && within(first.log),
          details: [
            `creates the dashboard: ${byRoute(first.log).join('; ')}`,
            ...(problem ? [`run problem: ${problem}`] : [])
          ]
        },
        {
          figure: '5. GitHub requests, scheduled check, dashboard exists',
          measured: summary(steadyWorst),
          target,
          pass: problem === null && within(steadyWorst),
          details: [
            `most of ${ctx.runs} runs${same(steady) ? ' (all alike)' : ''}: ${byRoute(steadyWorst).join('; ')}`
          ]
        },
        {
          figure: '5. GitHub writes, status stage re-run, same results',
          measured: `${rerunWorst.filter(isWrite).length} (${rerunWorst.length} reads)`,
          target: '0 writes',
          pass: problem === null && rerunWorst.filter(isWrite).length === 0,
          details: [
            `most of ${ctx.runs} re-runs${same(reruns) ? ' (all alike)' : ''}: ${byRoute(rerunWorst).join('; ')}`
          ]
        }
      ]
    } finally {
      await ws.remove()
      await servers.close()
      await gh.close()
    }
  }
}
