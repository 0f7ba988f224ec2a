// Figure 4: peak memory (max RSS) of the monitor process probing 500
// services, read in the process itself at exit through a preload.

import { median, runBundle, runProblem, workspace } from '../lib.js'
import { allHealthy, fanoutSetup, SERVICE_COUNT } from './fanout.js'

export const TARGET_MIB = 150

export default {
  id: 'memory',
  title: 'Peak memory of the 500-service run',
  async run(ctx) {
    const { servers, services } = await fanoutSetup()
    const ws = await workspace()
    try {
      const inputs = { stage: 'monitor', services: JSON.stringify(services) }
      const peaks = []
      let problem = null
      for (let i = 0; i < ctx.runs; i++) {
        const run = await runBundle(ctx.node, ws.dir, inputs, { maxRss: true })
        problem ??= runProblem(run, allHealthy)
        if (run.maxRssKiB === null) problem ??= 'no max RSS reported'
        else peaks.push(run.maxRssKiB / 1024)
        ctx.progress()
      }
      const peak = Math.max(...peaks)
      return [
        {
          figure: `4. peak RSS, ${SERVICE_COUNT} services`,
          measured: `${peak.toFixed(1)} MiB`,
          target: `≤ ${TARGET_MIB} MiB`,
          pass: problem === null && peak <= TARGET_MIB,
          details: [
            `highest max RSS of ${ctx.runs} runs (median ${median(peaks).toFixed(1)} MiB), from process.resourceUsage() at exit`,
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
