// What the deploy stage hands on, whichever of its actions ran (a deploy, an
// emergency stop or a resume), and the commit each of them acts on.

import type { CommandResult } from '../shell-commands.js'
import type { StageContext } from '../context.js'
import type { Platform } from '../platform/platform.js'
import type { ServiceState } from '../probe.js'

export interface DeployResult {
  status: 'success' | 'failed' | 'skipped'
  time: string
  tag: string
  sha: string
  deploymentId: number | null
  components: string[]
  commands: CommandResult[]
  /** Whether the lock is held after this stage, when it touched it. */
  halted: boolean | null
  /** One line on what happened, for logs and the summary. */
  summary: string
  /** Why a deploy the gate approved did not run (an emergency stop since). */
  refused?: string
  /** The deployed services' health just before their commands ran. */
  before?: Record<string, ServiceState>
}

/** The commit this run deploys: the workflow's, or the local HEAD. */
export async function currentCommit(
  ctx: StageContext,
  platform: Platform
): Promise<string> {
  return ctx.settings.run.sha || platform.resolveCommit('HEAD')
}

/** A result that ran nothing: `halted` is null when the lock was not read. */
export function skipped(
  ctx: StageContext,
  summary: string,
  halted: boolean | null = null
): DeployResult {
  ctx.reporter.info(summary)
  return {
    status: 'skipped',
    time: ctx.now().toISOString(),
    tag: '',
    sha: '',
    deploymentId: null,
    components: [],
    commands: [],
    halted,
    summary
  }
}
