// Figure 1: the cost of the whole monitor process against Node's own start-up.
// `node dist/index.js` (stage monitor, 3 healthy local services) and
// `node -e 0` are run alternately; the figure is the ratio of their medians.

import {
  median,
  ms,
  nodeVersion,
  runBundle,
  runProblem,
  startServices,
  timeProcess,
  workspace
} from '../lib.js'

export const TARGET_RATIO = 2.0

export default {
  id: 'startup',
  title: 'Whole monitor process vs `node -e 0`',
  async run(ctx) {
    const servers = await startServices([
      { delayMs: 0 },
      { delayMs: 0 },
      { delayMs: 0 }
    ])
    const ws = await workspace()
    const rows = []
    try {
      const inputs = {
        stage: 'monitor',
        services: JSON.stringify(
          servers.ports.map((port, i) => ({
            name: `service-${i + 1}`,
            url: `http://127.0.0.1:${port}/health`
          }))
        )
      }
      const bare = { PATH: process.env.PATH }
      for (const node of ctx.nodes) {
        const label = `Node ${node.path ? nodeVersion(node.path) : node.version}`
        const figure = `1. monitor process ÷ node -e 0, 3 services (${label})`
        if (!node.path) {
          rows.push({
            figure,
            measured: 'skipped',
            target: `≤ ${TARGET_RATIO.toFixed(1)}×`,
            pass: null,
            details: [node.note]
          })
          continue
        }
        // One unmeasured pair warms the file cache.
        await timeProcess(node.path, ['-e', '0'], { env: bare })
        await runBundle(node.path, ws.dir, inputs)
        const baseline = []
        const action = []
        const parts = { before: [], stage: [], after: [] }
        let problem = null
        for (let i = 0; i < ctx.runs; i++) {
          // Alternate which goes first, so that drift hits both alike.
          const order = i % 2 ? ['action', 'baseline'] : ['baseline', 'action']
          for (const which of order) {
            if (which === 'baseline') {
              baseline.push(
                (await timeProcess(node.path, ['-e', '0'], { env: bare }))
                  .wallMs
              )
            } else {
              const run = await runBundle(node.path, ws.dir, inputs)
              problem ??= runProblem(run, (r) =>
                r.code === 0 && r.outputs['monitoring-status'] === 'healthy'
                  ? null
                  : `exit ${r.code}, monitoring-status ${r.outputs['monitoring-status']}`
              )
              action.push(run.wallMs)
              if (run.stageMs !== null) {
                parts.before.push(run.beforeStageMs)
                parts.stage.push(run.stageMs)
                parts.after.push(run.afterStageMs)
              }
            }
          }
          ctx.progress()
        }
        const ratio = median(action) / median(baseline)
        rows.push({
          figure,
          measured: `${ratio.toFixed(2)}×`,
          target: `≤ ${TARGET_RATIO.toFixed(1)}×`,
          pass: problem === null && ratio <= TARGET_RATIO,
          details: [
            `medians over ${ctx.runs} alternating runs: monitor ${ms(median(action))}, node -e 0 ${ms(median(baseline))}` +
              ` (monitor min ${ms(Math.min(...action))}, max ${ms(Math.max(...action))})`,
            `monitor process split (medians): up to the stage ${ms(median(parts.before))},` +
              ` stage ${ms(median(parts.stage))}, after the stage to exit ${ms(median(parts.after))}`,
            ...(problem ? [`run problem: ${problem}`] : [])
          ]
        })
      }
    } finally {
      await ws.remove()
      await servers.close()
    }
    return rows
  }
}
