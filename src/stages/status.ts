// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed.

import type { StageContext } from '../context.js'
import { mergeRun, outcomeFromResults } from '../dashboard/merge.js'
import { changeDashboard, type DashboardWrite } from '../dashboard/store.js'
import type { Platform } from '../platform/platform.js'
import type { Results } from '../results.js'
import { markdownCell } from '../text.js'

export async function status(
  ctx: StageContext,
  platform: Platform,
  results: Results
): Promise<DashboardWrite> {
  const { config, run, inputs } = ctx.settings
  const outcome = outcomeFromResults(
    results,
    run,
    ctx.now().toISOString(),
    inputs.reason
  )
  const halt = await platform.readHalt()
  const write = await ctx.reporter.group('Dashboard', () =>
    changeDashboard(ctx, platform, (state) =>
      mergeRun(state, outcome, {
        services: config.services,
        thresholds: {
          failure: config.dashboard.failureThreshold,
          success: config.dashboard.successThreshold
        },
        halt
      })
    )
  )
  if (write.issue)
    ctx.reporter.summary(
      `### Dashboard\n\n${write.issue.url.startsWith('https://') ? `[Dashboard issue #${write.issue.number}](${write.issue.url})` : markdownCell(write.issue.url)}: **${write.state.overall}**` +
        (write.written ? '' : ' (unchanged)')
    )
  return write
}

export function statusOutputs(write: DashboardWrite): Record<string, string> {
  return write.issue
    ? {
        'issue-number': String(write.issue.number),
        'issue-url': write.issue.url
      }
    : {}
}
