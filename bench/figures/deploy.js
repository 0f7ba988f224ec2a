// Figures 7 and 8: a deploy of three services whose deploy commands do
// nothing (`true`), the whole job (stage `all`, action deploy, event
// workflow_dispatch, default grace period) against the GitHub REST emulator
// (bench/emulator-entry.js): gate, CI (skipped: the working directory is an
// empty scratch directory), deploy, verification, the rollback decision and
// the dashboard.
//
// 7: its whole-process time against the health-check process of figure 1
//    (stage monitor, the same 3 healthy services), run alternately.
// 8: the GitHub requests it makes, counted by the emulator.
//
// HOME is the scratch directory: bash started by @actions/exec has a socket
// for standard input and then reads ~/.bashrc, which on a developer machine
// can cost more than the deploy command (pyenv init: ~140 ms per command);
// a runner's default ~/.bashrc returns at once for a non-interactive shell.

import {
  byRoute,
  githubEnv,
  isWrite,
  median,
  ms,
  runBundle,
  startEmulator,
  startServices,
  stderrNote,
  workspace
} from '../lib.js'

export const TARGET_RATIO = 2.0
// The gate's lock and permission reads, the lock read again before the
// commands and before the tag, the Deployment and its statuses, the tag, and
// the status stage reading the recorded deployments back (one read per
// deployment, at most 10) before its write and read-back.
export const MAX_REQUESTS = 18
/** The write queue (src/platform/github.ts) starts a write at least this long after the previous one. */
export const WRITE_SPACING_MS = 250

export default {
  id: 'deploy',
  title: 'Deploy of 3 services against the GitHub emulator',
  async run(ctx) {
    const gh = await startEmulator()
    const servers = await startServices([
      { delayMs: 0 },
      { delayMs: 0 },
      { delayMs: 0 }
    ])
    const ws = await workspace()
    try {
      const urls = servers.ports.map(
        (port) => `http://127.0.0.1:${port}/health`
      )
      const deployInputs = {
        stage: 'all',
        action: 'deploy',
        services: JSON.stringify(
          urls.map((url, i) => ({
            name: `service-${i + 1}`,
            url,
            deploy: 'true'
          }))
        )
      }
      // Exactly the health-check run of figure 1.
      const monitorInputs = {
        stage: 'monitor',
        services: JSON.stringify(
          urls.map((url, i) => ({ name: `service-${i + 1}`, url }))
        )
      }
      const home = { HOME: ws.dir }
      let problem = null
      let runId = 7000
      const deploys = []

      const deployOnce = async ({ eventPayload = true } = {}) => {
        runId++
        await gh.clear()
        const env = await githubEnv(gh, ws.dir, {
          eventName: 'workflow_dispatch',
          runId
        })
        if (!eventPayload) delete env.GITHUB_EVENT_PATH
        const run = await runBundle(ctx.node, ws.dir, deployInputs, {
          extraEnv: { ...env, ...home }
        })
        const log = await gh.log()
        const [deployment] = await gh.deployments()
        const o = run.outputs
        if (
          run.code !== 0 ||
          o['deployment-status'] !== 'success' ||
          o['monitoring-status'] !== 'healthy' ||
          o['rollback-status'] !== 'skipped' ||
          deployment?.statuses.join(',') !== 'in_progress,success'
        )
          problem ??=
            `deploy run ${runId}: exit ${run.code}, deployment-status ${o['deployment-status']}, ` +
            `monitoring-status ${o['monitoring-status']}, rollback-status ${o['rollback-status']}, ` +
            `deployment statuses ${deployment?.statuses.join(',')}` +
            (stderrNote(run) ? `; ${stderrNote(run)}` : '')
        const writes = log.filter(isWrite)
        return {
          wallMs: run.wallMs,
          log,
          // From spawn to the first request, between the first and the last
          // write (each answer's time), and from the last request to exit.
          toFirstMs: log.length ? log[0].at - run.startedAt : 0,
          writeSpanMs: writes.length ? writes.at(-1).at - writes[0].at : 0,
          afterMs: log.length ? run.startedAt + run.wallMs - log.at(-1).at : 0,
          writes: writes.length
        }
      }
      const monitorOnce = async () => {
        const run = await runBundle(ctx.node, ws.dir, monitorInputs, {
          extraEnv: home
        })
        if (run.code !== 0 || run.outputs['monitoring-status'] !== 'healthy')
          problem ??= `health check: exit ${run.code}, monitoring-status ${run.outputs['monitoring-status']}`
        return run.wallMs
      }

      const times = { deploy: [], monitor: [] }
      const measure = {
        deploy: async () => {
          const d = await deployOnce()
          deploys.push(d)
          return d.wallMs
        },
        monitor: monitorOnce
      }
      const kinds = ['deploy', 'monitor']
      // One unmeasured round warms the file cache.
      await deployOnce()
      await monitorOnce()
      deploys.length = 0
      for (let i = 0; i < ctx.runs; i++) {
        for (let k = 0; k < kinds.length; k++) {
          const kind = kinds[(i + k) % kinds.length]
          times[kind].push(await measure[kind]())
        }
        ctx.progress()
      }
      // Once more without the event payload: the gate then asks GitHub for
      // the default branch.
      const noPayload = await deployOnce({ eventPayload: false })

      const deployMs = median(times.deploy)
      const monitorMs = median(times.monitor)
      const ratio = deployMs / monitorMs
      const writes = median(deploys.map((d) => d.writes))
      const spacingFloor = (writes - 1) * WRITE_SPACING_MS
      const counts = deploys.map((d) => d.log.length)
      const most = deploys.reduce((a, b) =>
        b.log.length > a.log.length ? b : a
      )
      const alike =
        new Set(deploys.map((d) => byRoute(d.log).join('; '))).size === 1
      const extra = noPayload.log.length - most.log.length
      return [
        {
          figure: '7. deploy of 3 services ÷ health-check process',
          measured: `${ratio.toFixed(2)}×`,
          target: `≤ ${TARGET_RATIO.toFixed(1)}×`,
          pass: problem === null && ratio <= TARGET_RATIO,
          details: [
            `medians over ${ctx.runs} alternating runs: deploy ${ms(deployMs)}, health check ${ms(monitorMs)}` +
              ` (deploy min ${ms(Math.min(...times.deploy))}, max ${ms(Math.max(...times.deploy))};` +
              ` health check min ${ms(Math.min(...times.monitor))}, max ${ms(Math.max(...times.monitor))})`,
            `deploy split (medians): spawn to the first GitHub request ${ms(median(deploys.map((d) => d.toFirstMs)))},` +
              ` first to last of ${writes} writes ${ms(median(deploys.map((d) => d.writeSpanMs)))}` +
              ` (the write queue's floor: (${writes} − 1) × ${WRITE_SPACING_MS} ms = ${ms(spacingFloor)}),` +
              ` last request to exit ${ms(median(deploys.map((d) => d.afterMs)))}`,
            ...(problem ? [`run problem: ${problem}`] : [])
          ]
        },
        {
          figure: '7. (reference) deploy less the write spacing ÷ health check',
          measured: `${((deployMs - spacingFloor) / monitorMs).toFixed(2)}×`,
          target: '(reported)',
          pass: null,
          details: [
            `(${ms(deployMs)} − ${ms(spacingFloor)}) ÷ ${ms(monitorMs)}: a lower bound of the deploy` +
              ` if writes were not spaced, since the work between writes overlaps the waits`
          ]
        },
        {
          figure: '8. GitHub requests, deploy with verification',
          measured: `${most.log.length} (${most.writes} writes)`,
          target: `≤ ${MAX_REQUESTS}`,
          pass: problem === null && most.log.length <= MAX_REQUESTS,
          details: [
            `most of ${counts.length} runs${alike ? ' (all alike)' : ''}: ${byRoute(most.log).join('; ')}`,
            `without GITHUB_EVENT_PATH: ${noPayload.log.length} requests` +
              (extra > 0
                ? ` (${byRoute(noPayload.log.filter((r) => !most.log.some((m) => m.method === r.method && m.route === r.route))).join('; ') || `${extra} more`})`
                : '')
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
