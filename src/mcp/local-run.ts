// run_action in local mode: the engine runs here, on the local platform,
// exactly as the `runbook` command runs it.

import type { StageContext } from '../context.js'
import { runStage } from '../run-stages.js'
import type { Platform } from '../platform/platform.js'

export interface LocalOutcome {
  failure: string | null
  outputs: Record<string, string>
}

export async function runLocally(
  ctx: StageContext,
  platform: Platform
): Promise<LocalOutcome> {
  const result = await runStage('all', ctx, {
    platform: async () => platform
  })
  return { failure: result.failure, outputs: result.outputs }
}
