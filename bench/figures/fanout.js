// Figure 2: 500 services that each answer after 100 ms. The monitor stage
// (timed from its own log lines) must finish within 1.5 s. Alternating with
// its runs, the same probes are made with bare node:http: one after another
// (sampled, then extrapolated to 500) and all at once (the floor of
// parallel probing on this machine, to show what the prober adds).

import {
  median,
  ms,
  runBundle,
  runProblem,
  runProbes,
  stderrNote,
  startServices,
  workspace
} from '../lib.js'

export const SERVICE_COUNT = 500
export const DELAY_MS = 100
export const TARGET_STAGE_MS = 1500
/** Sequential probes per sample; one sample follows each monitor run. */
const SAMPLE = 10
const SERVERS = 5

/** Starts the servers and lists 500 services over them, one path each. */
export async function fanoutSetup() {
  const servers = await startServices(
    Array.from({ length: SERVERS }, () => ({ delayMs: DELAY_MS }))
  )
  const services = Array.from({ length: SERVICE_COUNT }, (_, i) => ({
    name: `service-${String(i + 1).padStart(3, '0')}`,
    url: `http://127.0.0.1:${servers.ports[i % SERVERS]}/health/${i + 1}`
  }))
  return { servers, services }
}

export function allHealthy(run) {
  const health = JSON.parse(run.outputs.health ?? '{}')
  const healthy = Object.values(health).filter((s) => s === 'healthy').length
  return run.code === 0 && healthy === SERVICE_COUNT
    ? null
    : `exit ${run.code}, ${healthy} of ${SERVICE_COUNT} healthy`
}

export default {
  id: 'fanout',
  title: '500 services answering after 100 ms',
  async run(ctx) {
    const { servers, services } = await fanoutSetup()
    const ws = await workspace()
    try {
      const inputs = { stage: 'monitor', services: JSON.stringify(services) }
      const urls = services.map((s) => s.url)
      await runBundle(ctx.node, ws.dir, inputs) // warm-up, not counted
      const stage = []
      const whole = []
      const before = []
      const after = []
      const perProbe = []
      const parallel = []
      let problem = null
      let note = null
      let baselineOk = 0
      for (let i = 0; i < ctx.runs; i++) {
        const run = await runBundle(ctx.node, ws.dir, inputs)
        problem ??= runProblem(run, allHealthy)
        note ??= stderrNote(run)
        if (run.stageMs !== null) {
          stage.push(run.stageMs)
          before.push(run.beforeStageMs)
          after.push(run.afterStageMs)
        }
        whole.push(run.wallMs)
        const offset = (i * SAMPLE) % SERVICE_COUNT
        const sample = await runProbes(
          'sequential',
          urls.slice(offset, offset + SAMPLE)
        )
        perProbe.push(sample.elapsedMs / sample.count)
        const all = await runProbes('parallel', urls)
        parallel.push(all.elapsedMs)
        baselineOk += sample.ok + all.ok
        ctx.progress()
      }
      const stageMs = median(stage)
      const sequentialMs = median(perProbe) * SERVICE_COUNT
      const parallelMs = median(parallel)
      if (baselineOk !== ctx.runs * (SAMPLE + SERVICE_COUNT))
        problem ??= `${baselineOk} of ${ctx.runs * (SAMPLE + SERVICE_COUNT)} bare node:http probes answered 200`
      return [
        {
          figure: `2. monitor stage, ${SERVICE_COUNT} services at ${DELAY_MS} ms`,
          measured: ms(stageMs),
          target: `≤ ${TARGET_STAGE_MS} ms`,
          pass: problem === null && stageMs <= TARGET_STAGE_MS,
          details: [
            `median of ${ctx.runs} runs (stage from its log; min ${ms(Math.min(...stage))}, max ${ms(Math.max(...stage))});` +
              ` whole process median ${ms(median(whole))}: ${ms(median(before))} up to the stage, ${ms(median(after))} after it`,
            ...(problem ? [`run problem: ${problem}`] : []),
            ...(note ? [note] : [])
          ]
        },
        {
          figure: `2. sequential ÷ monitor stage, ${SERVICE_COUNT} services`,
          measured: `${(sequentialMs / stageMs).toFixed(1)}×`,
          target: '(reported)',
          pass: null,
          details: [
            `bare node:http GETs one after another: ${ctx.runs} samples of ${SAMPLE};` +
              ` median ${(sequentialMs / SERVICE_COUNT).toFixed(1)} ms per probe, ×${SERVICE_COUNT} ≈ ${ms(sequentialMs)}`
          ]
        },
        {
          figure: `2. monitor stage ÷ bare parallel GETs, ${SERVICE_COUNT} services`,
          measured: `${(stageMs / parallelMs).toFixed(2)}×`,
          target: '(reported)',
          pass: null,
          details: [
            `all ${SERVICE_COUNT} GETs at once with bare node:http in a process of their own: median ${ms(parallelMs)}` +
              ` (min ${ms(Math.min(...parallel))}, max ${ms(Math.max(...parallel))}); the floor on this machine`
          ]
        }
      ]
    } finally {
      await ws.remove()
      await servers.close()
    }
  }
}
