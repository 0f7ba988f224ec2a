// Runs one stage, or all of them in order, and turns their results into the
// outputs action.yml names. Shared by the action and the local tool.

import type { StageContext } from './context.js'
import { InputError } from './errors.js'
import type { Stage } from './inputs.js'
import {
  monitor,
  monitorOutputs,
  type MonitorResult
} from './stages/monitor.js'

export type Outputs = Record<string, string>

export interface RunResult {
  outputs: Outputs
  monitor?: MonitorResult
  /** The run failed its purpose: critical, refused or failed. */
  failed: boolean
}

const AVAILABLE: ReadonlySet<Stage> = new Set(['monitor'])

export function notAvailable(stage: string): InputError {
  return new InputError(
    `stage \`${stage}\` is not available yet in this version of Runbook; available: ${[...AVAILABLE].join(', ')}`
  )
}

export async function runStage(
  stage: Stage,
  ctx: StageContext
): Promise<RunResult> {
  if (stage === 'monitor') {
    const result = await monitor(ctx)
    return {
      outputs: monitorOutputs(result),
      monitor: result,
      failed: result.status === 'critical'
    }
  }
  throw notAvailable(stage)
}
