// Figure 1: the cost of the whole monitor process against Node's own start-up.
// `node dist/index.js` (stage monitor, 3 healthy local services) and
// `node -e 0` are run alternately; the figure is the ratio of their medians.
// A third process runs in the same rotation for reference: the floor, an ncc
// bundle that only loads @actions/core and sets one output.

import {
  buildFloor,
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
      let floor = null
      let floorNote = null
      try {
        floor = await buildFloor(ws.dir)
      } catch (error) {
        floorNote = `no floor bundle (${error?.message ?? error})`
      }
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
        const figure = `1. monitor process ÷ node -e 0 (${label})`
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
        const times = { baseline: [], floor: [], action: [] }
        const parts = { before: [], stage: [], after: [] }
        let problem = null
        const measure = {
          baseline: async () =>
            (await timeProcess(node.path, ['-e', '0'], { env: bare })).wallMs,
          floor: async () => {
            const run = await runBundle(
              node.path,
              ws.dir,
              {},
              { bundle: floor }
            )
            if (run.code !== 0)
              problem ??= `floor bundle exit ${run.code}: ${run.stderr.slice(0, 200)}`
            return run.wallMs
          },
          action: async () => {
            const run = await runBundle(node.path, ws.dir, inputs)
            problem ??= runProblem(run, (r) =>
              r.code === 0 && r.outputs['monitoring-status'] === 'healthy'
                ? null
                : `exit ${r.code}, monitoring-status ${r.outputs['monitoring-status']}`
            )
            if (run.stageMs !== null) {
              parts.before.push(run.beforeStageMs)
              parts.stage.push(run.stageMs)
              parts.after.push(run.afterStageMs)
            }
            return run.wallMs
          }
        }
        const kinds = floor
          ? ['baseline', 'floor', 'action']
          : ['baseline', 'action']
        // One unmeasured round warms the file cache.
        for (const kind of kinds) await measure[kind]()
        for (let i = 0; i < ctx.runs; i++) {
          // Rotate the order, so that drift hits every kind alike.
          for (let k = 0; k < kinds.length; k++) {
            const kind = kinds[(i + k) % kinds.length]
            times[kind].push(await measure[kind]())
          }
          ctx.progress()
        }
        const baseline = median(times.baseline)
        const action = median(times.action)
        const ratio = action / baseline
        rows.push({
          figure,
          measured: `${ratio.toFixed(2)}×`,
          target: `≤ ${TARGET_RATIO.toFixed(1)}×`,
          pass: problem === null && ratio <= TARGET_RATIO,
          details: [
            `medians over ${ctx.runs} rotating runs: monitor ${ms(action)}, node -e 0 ${ms(baseline)}` +
              ` (monitor min ${ms(Math.min(...times.action))}, max ${ms(Math.max(...times.action))})`,
            `monitor process split (medians): up to the stage ${ms(median(parts.before))},` +
              ` stage ${ms(median(parts.stage))}, after the stage to exit ${ms(median(parts.after))}`,
            ...(problem ? [`run problem: ${problem}`] : [])
          ]
        })
        if (floor) {
          const floorMs = median(times.floor)
          rows.push({
            figure: `1. monitor process ÷ @actions/core-only bundle (${label})`,
            measured: `${(action / floorMs).toFixed(2)}×`,
            target: '(reported)',
            pass: null,
            details: [
              `floor bundle median ${ms(floorMs)} = ${(floorMs / baseline).toFixed(2)}× node -e 0:` +
                ` no action that loads @actions/core starts faster than that`
            ]
          })
        } else {
          rows.at(-1).details.push(floorNote)
        }
      }
    } finally {
      await ws.remove()
      await servers.close()
    }
    return rows
  }
}
