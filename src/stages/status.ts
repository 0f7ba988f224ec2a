// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step follows it: the claim
// on the message rides on the results' write, and what was sent is recorded
// by a second write only when something was sent.

import type { StageContext } from '../context.js'
import { encode } from '../contract.js'
import { mergeRun, outcomeFromResults } from '../dashboard/merge.js'
import { changeDashboard, type DashboardWrite } from './dashboard-store.js'
import type { DashboardState } from '../dashboard/state.js'
import type { DeploymentFact, Platform } from '../platform/platform.js'
import { errorMessage } from '../errors.js'
import { DEPLOYMENT_FACTS } from './gate.js'
import { keepSituation, situationOf } from './situation.js'
import type { Results } from '../needs.js'
import { markdownCell } from '../safe-text.js'
import { Announcement, reportOf, type NotifyPlan } from './notify.js'

export interface StatusResult extends DashboardWrite {
  notify: NotifyPlan | null
  halted: boolean
}

export async function status(
  ctx: StageContext,
  platform: Platform,
  results: Results,
  options: { notify?: boolean } = {}
): Promise<StatusResult> {
  const { config, run, inputs } = ctx.settings
  const outcome = outcomeFromResults(
    results,
    run,
    ctx.now().toISOString(),
    inputs.reason
  )
  // When this run already saw the lock free (the gate before a deploy), it
  // is not read again; the dashboard's halt is then left as it is, since a
  // stop taken meanwhile is recorded by the run that took it.
  const known = outcome.halted === false && outcome.action !== 'resume'
  const halt = known ? undefined : await platform.readHalt()
  const deployments = await recordedDeployments(ctx, platform)
  const names = config.services.map((s) => s.name)
  const merge = (state: DashboardState): DashboardState => {
    const merged = mergeRun(state, outcome, {
      services: config.services,
      thresholds: {
        failure: config.dashboard.failureThreshold,
        success: config.dashboard.successThreshold
      },
      halt,
      deployments
    })
    keepSituation(merged, situationOf(merged, names, deployments, outcome))
    return merged
  }
  // The claim on what this run announces goes out with its results, in the
  // same write: a run with nothing to announce writes once, as before.
  const announcement = options.notify
    ? new Announcement(ctx, results, reportOf(results))
    : null
  const write = await ctx.reporter.group('Dashboard', () =>
    changeDashboard(ctx, platform, (state) => {
      const merged = merge(state)
      announcement?.claim(merged)
      return merged
    })
  )
  summarise(ctx, write)
  const notify = announcement
    ? await ctx.reporter.group('Notifications', () =>
        announcement.finish(platform, write, merge)
      )
    : null
  return { ...write, notify, halted: Boolean(halt) }
}

/**
 * The deployments as recorded on the platform: what the dashboard shows as
 * deployed and verified. Unreadable, the cached list stays, with a warning.
 */
async function recordedDeployments(
  ctx: StageContext,
  platform: Platform
): Promise<DeploymentFact[] | undefined> {
  try {
    return await platform.listDeployments(
      ctx.settings.config.deployment.environment,
      DEPLOYMENT_FACTS
    )
  } catch (error) {
    ctx.reporter.warning(
      `could not read the recorded deployments, so the dashboard's list of deployments is not confirmed: ${errorMessage(error)}`,
      'Dashboard'
    )
    return undefined
  }
}

function summarise(ctx: StageContext, write: DashboardWrite): void {
  if (!write.issue) return
  const link = write.issue.url.startsWith('https://')
    ? `[Dashboard issue #${write.issue.number}](${write.issue.url})`
    : markdownCell(write.issue.url)
  ctx.reporter.summary(
    `### Dashboard\n\n${link}: **${write.state.overall}**${write.written ? '' : ' (unchanged)'}`
  )
}

export function statusOutputs(write: StatusResult): Record<string, string> {
  return encode('status', {
    'issue-number': write.issue?.number,
    'issue-url': write.issue?.url,
    halted: write.halted,
    notified: write.notify?.notified
  })
}
