// Runs one stage, or all of them in order, and turns their results into the
// outputs action.yml names. `all` passes results from stage to stage in the
// same shape the workflow passes them between jobs (toJSON(needs)).

import type { StageContext } from './context.js'
import { InputError } from './errors.js'
import type { Stage } from './inputs.js'
import type { Platform } from './platform/platform.js'
import { JOB_IDS, parseResults, type JobId, type Results } from './results.js'
import { gate, gateOutputs, type GateResult } from './stages/gate.js'
import {
  monitor,
  monitorOutputs,
  type MonitorResult
} from './stages/monitor.js'
import { status, statusOutputs } from './stages/status.js'
import type { DashboardWrite } from './dashboard/store.js'

export type Outputs = Record<string, string>

export interface RunResult {
  outputs: Outputs
  gate?: GateResult
  monitor?: MonitorResult
  dashboard?: DashboardWrite
  /** Why the run failed its purpose (critical, refused, failed), or null. */
  failure: string | null
}

export interface EngineDeps {
  /** Created on first use, so stages that need no platform never load it. */
  platform: () => Promise<Platform>
}

const AVAILABLE: ReadonlySet<Stage> = new Set([
  'gate',
  'monitor',
  'status',
  'all'
])

export function notAvailable(stage: string): InputError {
  return new InputError(
    `stage \`${stage}\` is not available yet in this version of Runbook; available: ${[...AVAILABLE].join(', ')}`
  )
}

function critical(result: MonitorResult): string | null {
  if (result.status !== 'critical') return null
  const down = Object.entries(result.report.services)
    .filter(([, s]) => s.status === 'down')
    .map(([name, s]) => `${name} down (${s.error})`)
  return `monitoring status is critical: ${down.join('; ')}`
}

export async function runStage(
  stage: Stage,
  ctx: StageContext,
  deps: EngineDeps
): Promise<RunResult> {
  switch (stage) {
    case 'gate': {
      const result = await gate(ctx, await deps.platform())
      return { outputs: gateOutputs(result), gate: result, failure: null }
    }
    case 'monitor': {
      const result = await monitor(ctx)
      return {
        outputs: monitorOutputs(result),
        monitor: result,
        failure: critical(result)
      }
    }
    case 'status': {
      const results = parseResults(ctx.settings.inputs.results)
      const write = await status(ctx, await deps.platform(), results)
      return { outputs: statusOutputs(write), dashboard: write, failure: null }
    }
    case 'all':
      return runAll(ctx, deps)
    default:
      throw notAvailable(stage)
  }
}

/** Every stage in order, in one process. */
async function runAll(ctx: StageContext, deps: EngineDeps): Promise<RunResult> {
  const needs: Results = {}
  const outputs: Outputs = {}
  const record = (job: JobId, stageOutputs: Outputs, ok = true): void => {
    needs[job] = { result: ok ? 'success' : 'failure', outputs: stageOutputs }
    Object.assign(outputs, stageOutputs)
  }
  const gateResult = await gate(ctx, await deps.platform())
  record(JOB_IDS.gate, gateOutputs(gateResult))
  let failure: string | null = null
  let monitorResult: MonitorResult | undefined
  if (!gateResult.approved)
    failure = `${gateResult.action} refused: ${gateResult.reason}`
  else if (gateResult.action !== 'healthcheck')
    throw notAvailable(stageFor(gateResult.action))
  else {
    monitorResult = await monitor(ctx)
    record(JOB_IDS.monitor, monitorOutputs(monitorResult))
    failure = critical(monitorResult)
  }
  const write = await status(ctx, await deps.platform(), needs)
  record(JOB_IDS.status, statusOutputs(write))
  return {
    outputs,
    gate: gateResult,
    monitor: monitorResult,
    dashboard: write,
    failure
  }
}

function stageFor(action: string): string {
  return action === 'rollback' ? 'rollback' : 'deploy'
}
