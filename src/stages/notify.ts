// The notify stage: decides from the dashboard state what people must hear
// (a change of state, a rollback, a stop, a resume, or a reminder while still
// critical), claims the message in the dashboard, sends it to every channel
// only when its claim survived, and records how it went there, so that the
// next run, anywhere, knows and two runs never send the same message.

import { randomBytes } from 'node:crypto'
import type { StageContext } from '../context.js'
import { changeDashboard, preferredIssue } from './dashboard-store.js'
import { parseState, type DashboardState } from '../dashboard/state.js'
import {
  addClaim,
  claimKey,
  claimWon,
  heldBy,
  settleClaim,
  type Claim,
  type ClaimResult
} from '../notify/claim.js'
import {
  decide,
  readMemory,
  settle,
  type AffectedService,
  type Decision,
  type NotifyEvent,
  type NotifyKind,
  type RunEventKind
} from '../notify/event.js'
import { notifyAll, type NotifyResult } from '../notify/send.js'
import type { DashboardIssue, Platform } from '../platform/platform.js'
import type { OverallStatus, Report } from '../health-report.js'
import { readableTime } from '../safe-text.js'
import { decode } from '../contract.js'
import type { Results } from '../needs.js'

export interface NotifyPlan {
  /** The message this run sent (or, in a dry run, would send). */
  event: NotifyEvent | null
  notified: boolean
}

/** What this run would announce, decided from one dashboard state. */
interface Pending {
  decision: Decision
  kinds: [NotifyKind, ...NotifyKind[]]
  overall: OverallStatus
  claim: Claim
}

/** What happened in this run that people are always told about. */
export function runEvents(results: Results): RunEventKind[] {
  const events: RunEventKind[] = []
  const action = decode('gate', results)?.action
  const rollback = decode('rollback', results)?.['rollback-status']
  if (rollback === 'executed') events.push('rollback-executed')
  if (rollback === 'failed') events.push('rollback-failed')
  const deployStatus = decode('deploy', results)?.['deployment-status']
  if (
    action === 'emergency-stop' &&
    deployStatus !== undefined &&
    deployStatus !== 'skipped'
  )
    events.push('emergency-stop')
  if (action === 'resume' && deployStatus === 'success') events.push('resume')
  return events
}

export function hasChannels(ctx: StageContext): boolean {
  const { inputs, config } = ctx.settings
  return Boolean(
    inputs.slackWebhookUrl ||
    inputs.discordWebhookUrl ||
    config.notify.webhooks.length
  )
}

/**
 * One run's announcement: `claim` goes into the dashboard change (applied to
 * every body that change is merged into), then `finish` sends when the claim
 * survived and records the result with a second write.
 */
export class Announcement {
  private readonly token = randomBytes(8).toString('hex')
  private readonly now: Date
  private readonly events: RunEventKind[]

  constructor(
    private readonly ctx: StageContext,
    private readonly results: Results,
    private readonly report: Report | undefined
  ) {
    this.now = ctx.now()
    this.events = runEvents(results)
  }

  /** Whether a claim is written at all: a dry run and no channel write none. */
  private get claiming(): boolean {
    return hasChannels(this.ctx) && !this.ctx.settings.inputs.dryRun
  }

  /** Whether this state leaves something to announce. */
  wanted(state: DashboardState): boolean {
    return hasChannels(this.ctx) && this.pending(state) !== null
  }

  /** Adds this run's claim on what `state` leaves to announce, if anything. */
  claim(state: DashboardState): void {
    if (!this.claiming) return
    const pending = this.pending(state)
    if (pending) addClaim(state, pending.claim, this.now)
  }

  /**
   * Sends when this run's claim is the one in `written` (the dashboard as
   * written and read back), then records the result in the dashboard.
   * `again` is the rest of this run's change, applied again if the record
   * has to be merged into another run's write.
   */
  async finish(
    platform: Platform,
    written: { issue: DashboardIssue | null; state: DashboardState },
    again: (state: DashboardState) => DashboardState = (s) => s
  ): Promise<NotifyPlan> {
    const { ctx } = this
    const nothing: NotifyPlan = { event: null, notified: false }
    if (!hasChannels(ctx)) {
      ctx.reporter.info('notify: no Slack, Discord or webhook configured')
      return nothing
    }
    const pending = this.pending(written.state)
    if (!pending) {
      ctx.reporter.info('notify: nothing changed, nothing to send')
      return nothing
    }
    const event = this.event(written.state, pending, written.issue?.url ?? '')
    const { inputs } = ctx.settings
    if (inputs.dryRun) {
      await this.send(event)
      return { event, notified: false }
    }
    const key = pending.claim.key
    if (!claimWon(written.state, key, this.token, this.now)) {
      const holder = heldBy(written.state, key, this.token, this.now)
      ctx.reporter.info(
        holder
          ? `notify: ${key} was claimed by run ${holder.run} at ${readableTime(holder.at)} (${holder.result}): not sent again`
          : `notify: this run's claim on ${key} did not stay in the dashboard: not sent, the next run decides again`
      )
      return nothing
    }
    const sent = await this.send(event)
    const result: ClaimResult = sent.sent
      ? 'sent'
      : sent.unconfirmed
        ? 'unconfirmed'
        : 'failed'
    if (written.issue)
      await changeDashboard(
        ctx,
        platform,
        (state) => {
          const merged = again(state)
          this.record(merged, pending, sent, event)
          settleClaim(merged, pending.claim, result, this.now)
          return merged
        },
        { from: written.issue }
      )
    return { event, notified: sent.sent }
  }

  private pending(state: DashboardState): Pending | null {
    const { config, run } = this.ctx.settings
    const events = this.events
    // Before any health check the state is unknown: only what happened in
    // this run (a stop, a resume, a rollback) is worth a message.
    if (state.overall === 'unknown' && events.length === 0) return null
    const told = readMemory(state.notify)
    const overall =
      state.overall === 'unknown'
        ? (told?.last_overall ?? 'healthy')
        : state.overall
    const decision = decide({
      memory: told,
      overall,
      events,
      reminderHours: config.notify.reminderHours,
      now: this.now
    })
    const [kind, ...also] = decision.kinds
    if (!kind) return null
    const key = claimKey({
      kinds: decision.kinds,
      from: told?.last_overall ?? null,
      to: overall,
      events,
      run: run.id
    })
    return {
      decision,
      kinds: [kind, ...also],
      overall,
      claim: {
        key,
        overall,
        run: run.id.slice(0, 40),
        token: this.token,
        at: this.now.toISOString(),
        result: 'pending'
      }
    }
  }

  private event(
    state: DashboardState,
    pending: Pending,
    dashboardUrl: string
  ): NotifyEvent {
    const { config, run, inputs } = this.ctx.settings
    const [kind, ...also] = pending.kinds
    const recovering = pending.kinds.includes('recovered')
    const services: AffectedService[] = config.services.flatMap((service) => {
      const history = state.services[service.name]
      if (!history || history.status === 'unknown') return []
      if (!recovering && history.status === 'healthy') return []
      return [
        {
          name: service.name,
          title: service.title,
          status: history.status,
          reason: history.reason
        }
      ]
    })
    return {
      kind,
      also,
      overall: pending.overall,
      repository: run.repository,
      services,
      tag:
        decode('rollback', this.results)?.['rollback-version'] ||
        decode('deploy', this.results)?.['deployment-tag'] ||
        undefined,
      actor: run.triggeringActor || run.actor,
      reason: inputs.reason || undefined,
      runUrl: run.url,
      dashboardUrl,
      at: this.now.toISOString()
    }
  }

  private send(event: NotifyEvent): Promise<NotifyResult> {
    const { inputs, config } = this.ctx.settings
    return notifyAll(
      event,
      {
        slack: inputs.slackWebhookUrl || undefined,
        discord: inputs.discordWebhookUrl || undefined,
        webhooks: config.notify.webhooks
      },
      this.report,
      this.ctx.reporter,
      { dryRun: inputs.dryRun }
    )
  }

  /**
   * What was sent, in the memory the next run decides from. A message that
   * may have arrived counts as told: sending it again could say it twice.
   * Applying it twice gives the same state.
   */
  private record(
    target: DashboardState,
    pending: Pending,
    sent: NotifyResult,
    event: NotifyEvent
  ): void {
    const memory = settle(pending.decision, sent.sent || sent.unconfirmed)
    const failed = sent.results.filter((r) => !r.ok && !r.unconfirmed)
    const unsure = sent.results.filter((r) => r.unconfirmed)
    const errors = [...failed, ...unsure].map((r) => r.error)
    target.notify = {
      ...target.notify,
      ...memory,
      last_error: errors.length ? errors.join('; ').slice(0, 500) : null
    }
    const note = (kind: string, text: string): void => {
      const entry = {
        at: event.at,
        kind,
        text: text.slice(0, 500),
        run: `${this.ctx.settings.run.id}:notify`.slice(0, 40),
        actor: ''
      }
      const there = target.events.some(
        (e) => e.at === entry.at && e.kind === kind && e.run === entry.run
      )
      if (!there) target.events.unshift(entry)
    }
    if (failed.length)
      note(
        'notify-failed',
        `notification (${event.kind}) not delivered: ${failed.map((f) => f.error).join('; ')}`
      )
    if (unsure.length)
      note(
        'notify-unconfirmed',
        `notification (${event.kind}) sent without confirmation, not sent again: ${unsure.map((f) => f.error).join('; ')}`
      )
  }
}

export function reportOf(results: Results): Report | undefined {
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
