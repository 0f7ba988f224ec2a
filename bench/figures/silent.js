// Figure 3: one of three services accepts connections and never answers.
// With timeout-ms 1000 and retries 1, the probe's budget is 1000 × 2 + one
// backoff of 250 ms = 2250 ms; the stage may take at most 10 % more.

import {
  median,
  ms,
  runBundle,
  runProblem,
  startServices,
  workspace
} from '../lib.js'

const TIMEOUT_MS = 1000
const RETRIES = 1
const BACKOFF_MS = 250
export const BUDGET_MS = TIMEOUT_MS * (RETRIES + 1) + BACKOFF_MS
export const TARGET_RATIO = 1.1

export default {
  id: 'silent',
  title: 'A service that never answers stays within its budget',
  async run(ctx) {
    const servers = await startServices([
      { delayMs: 0 },
      { delayMs: 0 },
      { silent: true }
    ])
    const ws = await workspace()
    try {
      const names = ['answers-1', 'answers-2', 'silent']
      const inputs = {
        stage: 'monitor',
        services: JSON.stringify(
          servers.ports.map((port, i) => ({
            name: names[i],
            url: `http://127.0.0.1:${port}/health`,
            'timeout-ms': TIMEOUT_MS,
            retries: RETRIES
          }))
        )
      }
      const expected = (run) => {
        const report = JSON.parse(run.outputs.report ?? '{}').services ?? {}
        const silent = report.silent ?? {}
        const ok =
          report['answers-1']?.status === 'healthy' &&
          report['answers-2']?.status === 'healthy' &&
          silent.status === 'down' &&
          silent.attempts === RETRIES + 1 &&
          silent.error === `timeout after ${TIMEOUT_MS} ms`
        return ok
          ? null
          : `unexpected report: ${JSON.stringify(report).slice(0, 200)}`
      }
      const stage = []
      const whole = []
      let problem = null
      for (let i = 0; i < ctx.runs; i++) {
        const run = await runBundle(ctx.node, ws.dir, inputs)
        problem ??= runProblem(run, expected)
        if (run.stageMs !== null) stage.push(run.stageMs)
        whole.push(run.wallMs)
        ctx.progress()
      }
      const stageMs = median(stage)
      const ratio = stageMs / BUDGET_MS
      return [
        {
          figure: `3. stage with a silent service ÷ budget ${BUDGET_MS} ms`,
          measured: `${ratio.toFixed(3)}× (${ms(stageMs)})`,
          target: `≤ ${TARGET_RATIO.toFixed(2)}×`,
          pass: problem === null && ratio <= TARGET_RATIO,
          details: [
            `median of ${ctx.runs} runs, timeout-ms ${TIMEOUT_MS}, retries ${RETRIES} (stage max ${ms(Math.max(...stage))});` +
              ` whole process median ${ms(median(whole))}, exit code 1 (critical) as expected`,
            ...(problem ? [`run problem: ${problem}`] : [])
          ]
        }
      ]
    } finally {
      await ws.remove()
      await servers.close()
    }
  }
}
