// Reads, changes and writes the dashboard the careful way: found by its
// marker, written only when the body changed, and read back after each write.
// GitHub has no conditional update for an issue, so a write can overwrite
// another run's: reading back, a little later, shows that, and this run
// merges its change again into what the other run wrote.

import type { StageContext } from '../context.js'
import { DASHBOARD_MARKER } from '../contract.js'
import type { DashboardIssue, Platform } from '../platform/platform.js'
import { sleep } from '../sleep.js'
import { renderDashboard, renderedByRunbook } from '../dashboard/render.js'
import { parseState, type DashboardState } from '../dashboard/state.js'

export const DASHBOARD_TITLE = 'Runbook status dashboard'
const MAX_ROUNDS = 5

export interface DashboardWrite {
  /** The dashboard, its body as last read or written; null before one exists. */
  issue: DashboardIssue | null
  /** The state in the dashboard as far as this run knows. */
  state: DashboardState
  /** What this run rendered last. */
  body: string
  written: boolean
  created: boolean
  /** False when another run kept writing and the rounds ran out. */
  confirmed: boolean
}

/** The dashboard issue number to use: the input when set, else the config, else 1. */
export function preferredIssue(ctx: StageContext): number {
  const { inputs, config } = ctx.settings
  return inputs.statusIssue !== 1
    ? inputs.statusIssue
    : (config.dashboard.issue ?? 1)
}

/**
 * Applies `change` to the dashboard's state and writes the result, then reads
 * it back; when another run wrote in between, `change` is applied again to
 * what that run wrote. So `change` must give the same state when applied to a
 * state that already has it. `from` skips finding the dashboard: a body this
 * run has just read.
 */
export async function changeDashboard(
  ctx: StageContext,
  platform: Platform,
  change: (state: DashboardState) => DashboardState,
  options: { from?: DashboardIssue } = {}
): Promise<DashboardWrite> {
  let issue = options.from ?? null
  if (!options.from) {
    const preferred = preferredIssue(ctx)
    const found = await platform.findDashboard(preferred)
    if (found.foreign)
      ctx.reporter.warning(
        platform.kind === 'github'
          ? `issue #${preferred} is not a Runbook dashboard (${found.why || `no ${DASHBOARD_MARKER} marker`}): it is left untouched, and Runbook ${found.issue ? `uses its own dashboard #${found.issue.number}` : 'creates its own dashboard issue'}`
          : `${preferred === 1 ? 'the dashboard file' : 'the dashboard'} exists without the Runbook marker and is left untouched`,
        'Dashboard issue'
      )
    issue = found.issue
  }
  const writing = new Writing(ctx, platform, change)
  const result = await writing.run(issue)
  if (writing.superseded && result.issue)
    await retire(ctx, platform, writing.superseded, result.issue)
  return result
}

class Writing {
  written = false
  created = false
  /** Our own new dashboard, when another run's older one was found instead. */
  superseded: DashboardIssue | null = null

  constructor(
    private readonly ctx: StageContext,
    private readonly platform: Platform,
    private readonly change: (state: DashboardState) => DashboardState
  ) {}

  async run(start: DashboardIssue | null): Promise<DashboardWrite> {
    const { ctx, platform } = this
    const { reporter } = ctx
    let issue = start
    for (let round = 1; ; round++) {
      const state = this.merged(issue)
      const body = render(ctx, state)
      const result = (
        at: DashboardIssue | null,
        confirmed = true
      ): DashboardWrite => ({
        issue: at,
        state,
        body,
        written: this.written,
        created: this.created,
        confirmed
      })
      if (issue && body === issue.body) {
        if (!this.written)
          reporter.info(
            `dashboard #${issue.number} is already up to date: nothing written`
          )
        return result(issue)
      }
      if (ctx.settings.inputs.dryRun) {
        reporter.info(
          `dry run: the dashboard would be ${issue ? 'updated' : 'created'}; its body:`
        )
        for (const line of body.split('\n')) reporter.info(`  ${line}`)
        return result(issue)
      }
      if (!issue) {
        const made = await platform.createDashboard(DASHBOARD_TITLE, body)
        this.written = this.created = true
        reporter.info(`dashboard created: ${made.url}`)
        const older = await this.olderDashboard(made)
        if (!older) return result(made)
        reporter.info(
          `another run created dashboard #${older.number} at the same moment: this run's update goes there, and #${made.number} is closed`
        )
        this.superseded = made
        issue = older
        continue
      }
      await platform.updateDashboard(issue.number, body)
      this.written = true
      await sleep(platform.settleMs)
      const back = await platform.readDashboard(issue.number)
      if (back.body === body) {
        reporter.info(`dashboard #${issue.number} updated: ${issue.url}`)
        return result(back)
      }
      if (round >= MAX_ROUNDS) {
        const now = ctx.now().toISOString()
        const theirs = parseState(back.body, now).state
        const missing = notMerged(
          theirs,
          this.change(parseState(back.body, now).state)
        )
        reporter.warning(
          `dashboard #${issue.number} kept changing while this run wrote it (${MAX_ROUNDS} rounds)${missing.length ? `; not merged: ${missing.join('; ')}` : ''}`,
          'Dashboard not fully updated'
        )
        return { ...result(back, false), state: theirs }
      }
      reporter.info(
        `another run wrote dashboard #${issue.number} at the same time: merging again`
      )
      issue = back
    }
  }

  /** The state of `issue` with this run's change, or of a new dashboard. */
  private merged(issue: DashboardIssue | null): DashboardState {
    const now = this.ctx.now().toISOString()
    const parsed = parseState(issue?.body ?? null, now)
    if (parsed.problems.length > 0) {
      this.ctx.reporter.warning(
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
    // Only the body first read is checked: later reads may hold another
    // run's write, which is Runbook's too.
    if (
      this.checkEdits &&
      issue &&
      parsed.problems.length === 0 &&
      this.sameServices(parsed.state) &&
      !renderedByRunbook(issue.body, parsed.state, {
        services: this.ctx.settings.config.services,
        runUrl: this.ctx.settings.run.url,
        repository: this.ctx.settings.run.repository
      })
    ) {
      this.ctx.reporter.warning(
        `dashboard #${issue.number} was edited since Runbook last wrote it: what is deployed, verified and halted is read again from the deployments and the lock, and the page is written anew`,
        'Dashboard edited'
      )
      parsed.state.events.unshift({
        at: now,
        kind: 'dashboard-edited',
        text: 'the dashboard was edited outside Runbook since its last write; facts were read again from the deployments and the lock',
        run: `${this.ctx.settings.run.id}:edited`.slice(0, 200),
        actor: ''
      })
    }
    this.checkEdits = false
    return this.change(parsed.state)
  }

  private checkEdits = true

  /** The configured services are the ones the state holds (else the page changed for that). */
  private sameServices(state: DashboardState): boolean {
    const configured = this.ctx.settings.config.services.map((s) => s.name)
    const held = Object.keys(state.services)
    return (
      configured.length === held.length &&
      configured.every((name) => held.includes(name))
    )
  }

  /**
   * Another dashboard that wins over the one just made: two first runs at
   * the same moment each create one, and every later run uses the preferred
   * issue, else the oldest labelled one. When ours has the preferred number
   * it is the one, and nothing need be asked.
   */
  private async olderDashboard(
    made: DashboardIssue
  ): Promise<DashboardIssue | null> {
    const preferred = preferredIssue(this.ctx)
    if (made.number === preferred) return null
    const found = await this.platform.findDashboard(preferred)
    return found.issue && found.issue.number !== made.number
      ? found.issue
      : null
  }
}

function render(ctx: StageContext, state: DashboardState): string {
  return renderDashboard(state, {
    services: ctx.settings.config.services,
    now: state.updated_at,
    runUrl: ctx.settings.run.url,
    repository: ctx.settings.run.repository
  })
}

/** Closes our duplicate with a pointer to the dashboard that holds its update. */
async function retire(
  ctx: StageContext,
  platform: Platform,
  ours: DashboardIssue,
  home: DashboardIssue
): Promise<void> {
  await platform.closeDashboard(ours.number, {
    title: `${DASHBOARD_TITLE} (superseded by #${home.number})`,
    body: `Superseded by #${home.number}: another run created that dashboard at the same moment, and this one's update was merged into it. The dashboard is ${home.url}`
  })
  ctx.reporter.info(
    `dashboard #${ours.number} closed, superseded by #${home.number}`
  )
}

/** What this run's change adds to `theirs`, in words, to say what is missing. */
export function notMerged(
  theirs: DashboardState,
  ours: DashboardState
): string[] {
  const missing: string[] = []
  const eventKey = (e: DashboardState['events'][number]) =>
    `${e.at}|${e.kind}|${e.run}`
  const known = new Set(theirs.events.map(eventKey))
  const events = ours.events.filter((e) => !known.has(eventKey(e)))
  if (events.length)
    missing.push(
      `events ${events.map((e) => `${e.kind}${e.run ? ` (run ${e.run})` : ''}`).join(', ')}`
    )
  const tags = new Set(theirs.deployments.map((d) => d.tag))
  const deployments = ours.deployments.filter((d) => !tags.has(d.tag))
  if (deployments.length)
    missing.push(`deployments ${deployments.map((d) => d.tag).join(', ')}`)
  const checks = Object.keys(ours.services).filter(
    (name) =>
      JSON.stringify(ours.services[name]) !==
      JSON.stringify(theirs.services[name])
  )
  if (checks.length) missing.push(`checks of ${checks.join(', ')}`)
  if (JSON.stringify(ours.halt) !== JSON.stringify(theirs.halt))
    missing.push('the emergency stop')
  if (JSON.stringify(ours.notify) !== JSON.stringify(theirs.notify))
    missing.push('the notification record')
  return missing
}
