// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step runs inside it, so one
// write carries both the run's results and what was sent.

import type { StageContext } from '../context.js'
import { mergeRun, outcomeFromResults } from '../dashboard/merge.js'
import {
  changeDashboard,
  preferredIssue,
  type DashboardWrite
} from '../dashboard/store.js'
import { parseState, type DashboardState } from '../dashboard/state.js'
import type {
  DashboardIssue,
  DeploymentFact,
  Platform
} from '../platform/platform.js'
import { errorMessage } from '../errors.js'
import { DEPLOYMENT_FACTS } from './gate.js'
import { reportFrom, JOB_IDS, type Results } from '../results.js'
import { markdownCell } from '../text.js'
import { sendNotifications, type NotifyPlan } from './notify.js'

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
  let plan: NotifyPlan | null = null
  const write = await ctx.reporter.group('Dashboard', () =>
    changeDashboard(
      ctx,
      platform,
      (state) =>
        mergeRun(state, outcome, {
          services: config.services,
          thresholds: {
            failure: config.dashboard.failureThreshold,
            success: config.dashboard.successThreshold
          },
          halt,
          deployments
        }),
      options.notify
        ? async (state, issue) => {
            plan = await notifyFrom(ctx, state, results, issue)
            return plan.remember
          }
        : undefined
    )
  )
  summarise(ctx, write)
  return { ...write, notify: plan, halted: Boolean(halt) }
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

function notifyFrom(
  ctx: StageContext,
  state: DashboardState,
  results: Results,
  issue: DashboardIssue | null
): Promise<NotifyPlan> {
  const report =
    reportFrom(results, JOB_IDS.rollback) ??
    reportFrom(results, JOB_IDS.monitor) ??
    undefined
  return ctx.reporter.group('Notifications', () =>
    sendNotifications(ctx, state, results, issue?.url ?? '', report)
  )
}

/** The notify stage on its own (its own job): decide, send, remember. */
export async function notifyStage(
  ctx: StageContext,
  platform: Platform,
  results: Results
): Promise<{ notified: boolean }> {
  let plan: NotifyPlan | null = null
  const found = await platform.findDashboard(preferredIssue(ctx))
  if (!found.issue) {
    ctx.reporter.warning(
      'notify: there is no dashboard to read the state from; run the status stage first'
    )
    return { notified: false }
  }
  const { state } = parseState(found.issue.body, ctx.now().toISOString())
  plan = await notifyFrom(ctx, state, results, found.issue)
  if (plan.event && !ctx.settings.inputs.dryRun) {
    const remember = plan.remember
    await changeDashboard(ctx, platform, (s) => {
      remember(s)
      return s
    })
  }
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
  return {
    ...(write.issue
      ? {
          'issue-number': String(write.issue.number),
          'issue-url': write.issue.url
        }
      : {}),
    halted: String(write.halted),
    ...(write.notify ? { notified: String(write.notify.notified) } : {})
  }
}
