// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step follows it: the claim
// on the message rides on the results' write, and what was sent is recorded
// by a second write only when something was sent.

import type { StageContext } from '../context.js'
import { decode, encode } from '../contract.js'
import { mergeRun, outcomeFromResults } from '../dashboard/merge.js'
import {
  changeDashboard,
  preferredIssue,
  type DashboardWrite
} from '../dashboard/store.js'
import { parseState, type DashboardState } from '../dashboard/state.js'
import type { DeploymentFact, Platform } from '../platform/platform.js'
import type { Report } from '../report.js'
import { errorMessage } from '../errors.js'
import { DEPLOYMENT_FACTS } from './gate.js'
import { keepSituation, situationOf } from './situation.js'
import type { Results } from '../results.js'
import { markdownCell } from '../text.js'
import { Announcement, type NotifyPlan } from './notify.js'

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

function reportOf(results: Results): Report | undefined {
  return (
    decode('rollback', results)?.report ??
    decode('monitor', results)?.report ??
    undefined
  )
}

/**
 * The notify stage on its own (its own job): decide; when there is something
 * to announce, claim it in the dashboard, send, and record how it went.
 */
export async function notifyStage(
  ctx: StageContext,
  platform: Platform,
  results: Results
): Promise<{ notified: boolean }> {
  const found = await platform.findDashboard(preferredIssue(ctx))
  if (!found.issue) {
    ctx.reporter.warning(
      'notify: there is no dashboard to read the state from; run the status stage first'
    )
    return { notified: false }
  }
  const announcement = new Announcement(ctx, results, reportOf(results))
  const { state } = parseState(found.issue.body, ctx.now().toISOString())
  const plan = await ctx.reporter.group('Notifications', async () => {
    // Nothing to announce, or only to print: nothing is written.
    if (!announcement.wanted(state) || ctx.settings.inputs.dryRun)
      return announcement.finish(platform, { issue: found.issue, state })
    const claimed = await changeDashboard(
      ctx,
      platform,
      (s) => {
        announcement.claim(s)
        return s
      },
      { from: found.issue ?? undefined }
    )
    return announcement.finish(platform, claimed)
  })
  return { notified: plan.notified }
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
