// Reads, changes and writes the dashboard the careful way: found by its
// marker, re-read just before writing, written only when the body changed.

import type { StageContext } from '../context.js'
import {
  DASHBOARD_MARKER,
  type DashboardIssue,
  type Platform
} from '../platform/platform.js'
import { renderDashboard } from './render.js'
import { parseState, type DashboardState } from './state.js'

export const DASHBOARD_TITLE = 'Runbook status dashboard'
const MAX_ROUNDS = 3

export interface DashboardWrite {
  issue: DashboardIssue | null
  state: DashboardState
  body: string
  written: boolean
  created: boolean
}

/** The dashboard issue number to use: the input when set, else the config, else 1. */
export function preferredIssue(ctx: StageContext): number {
  const { inputs, config } = ctx.settings
  return inputs.statusIssue !== 1
    ? inputs.statusIssue
    : (config.dashboard.issue ?? 1)
}

/**
 * Applies `change` to the dashboard's state and writes the result. When the
 * body changed between the read and the write, it starts again from the new
 * body, so nothing another run or a person wrote is lost.
 */
export async function changeDashboard(
  ctx: StageContext,
  platform: Platform,
  change: (state: DashboardState) => DashboardState,
  /**
   * Runs once, on the first merged state, before anything is written (the
   * notify step sends here); what it returns is applied in every round.
   */
  afterMerge?: (
    state: DashboardState,
    issue: DashboardIssue | null
  ) => Promise<(state: DashboardState) => void>
): Promise<DashboardWrite> {
  const { reporter } = ctx
  let extra: ((state: DashboardState) => void) | undefined
  const preferred = preferredIssue(ctx)
  const found = await platform.findDashboard(preferred)
  if (found.foreign)
    reporter.warning(
      platform.kind === 'github'
        ? `issue #${preferred} is not a Runbook dashboard (no ${DASHBOARD_MARKER} marker): it is left untouched, and Runbook ${found.issue ? `uses its own dashboard #${found.issue.number}` : 'creates its own dashboard issue'}`
        : `${preferred === 1 ? 'the dashboard file' : 'the dashboard'} exists without the Runbook marker and is left untouched`,
      'Dashboard issue'
    )
  let issue = found.issue
  for (let round = 1; ; round++) {
    const now = ctx.now().toISOString()
    const parsed = parseState(issue?.body ?? null, now)
    if (parsed.problems.length > 0) {
      reporter.warning(
        `the dashboard's state was partly unreadable and has been rebuilt: ${parsed.problems.join('; ')}`,
        'Dashboard recovered'
      )
      parsed.state.events.unshift({
        at: now,
        kind: 'dashboard-recovered',
        text: `state rebuilt: ${parsed.problems.join('; ')}`.slice(0, 500),
        run: '',
        actor: ''
      })
    }
    const state = change(parsed.state)
    if (afterMerge && !extra) extra = await afterMerge(state, issue)
    extra?.(state)
    const body = renderDashboard(state, {
      services: ctx.settings.config.services,
      now: state.updated_at,
      runUrl: ctx.settings.run.url,
      repository: ctx.settings.run.repository
    })
    if (issue && body === issue.body) {
      reporter.info(
        `dashboard #${issue.number} is already up to date: nothing written`
      )
      return { issue, state, body, written: false, created: false }
    }
    if (ctx.settings.inputs.dryRun) {
      reporter.info(
        `dry run: the dashboard would be ${issue ? 'updated' : 'created'}; its body:`
      )
      for (const line of body.split('\n')) reporter.info(`  ${line}`)
      return { issue, state, body, written: false, created: false }
    }
    if (!issue) {
      const created = await platform.createDashboard(DASHBOARD_TITLE, body)
      reporter.info(`dashboard created: ${created.url}`)
      return { issue: created, state, body, written: true, created: true }
    }
    const current = await platform.readDashboard(issue.number)
    if (current.body === issue.body || round >= MAX_ROUNDS) {
      if (current.body !== issue.body)
        reporter.warning(
          "the dashboard kept changing while it was being written; this run's update was applied over the latest read"
        )
      await platform.updateDashboard(issue.number, body)
      reporter.info(`dashboard #${issue.number} updated: ${issue.url}`)
      return { issue, state, body, written: true, created: false }
    }
    reporter.info('the dashboard changed since it was read: merging again')
    issue = current
  }
}
