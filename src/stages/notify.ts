// The notify stage: decides from the dashboard state what people must hear
// (a change of state, a rollback, a stop, a resume, or a reminder while still
// critical), sends one message to every channel, and remembers what was
// sent in the dashboard state so the next run, anywhere, knows.

import type { StageContext } from '../context.js'
import type { DashboardState } from '../dashboard/state.js'
import {
  decide,
  readMemory,
  settle,
  type AffectedService,
  type NotifyEvent,
  type RunEventKind
} from '../notify/event.js'
import { notifyAll } from '../notify/index.js'
import type { Report } from '../report.js'
import { JOB_IDS, output, type Results } from '../results.js'

export interface NotifyPlan {
  event: NotifyEvent | null
  /** Applies what was sent (or not) to a dashboard state. */
  remember: (state: DashboardState) => void
  notified: boolean
}

/** What happened in this run that people are always told about. */
export function runEvents(results: Results): RunEventKind[] {
  const events: RunEventKind[] = []
  const action = output(results, JOB_IDS.gate, 'action')
  const rollback = output(results, JOB_IDS.rollback, 'rollback-status')
  if (rollback === 'executed') events.push('rollback-executed')
  if (rollback === 'failed') events.push('rollback-failed')
  const deployStatus = output(results, JOB_IDS.deploy, 'deployment-status')
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
 * Decides and sends. The returned `remember` is applied to the dashboard
 * state that is written afterwards (by the caller), once.
 */
export async function sendNotifications(
  ctx: StageContext,
  state: DashboardState,
  results: Results,
  dashboardUrl: string,
  report: Report | undefined
): Promise<NotifyPlan> {
  const { inputs, config, run } = ctx.settings
  const nothing: NotifyPlan = {
    event: null,
    remember: () => {},
    notified: false
  }
  if (!hasChannels(ctx)) {
    ctx.reporter.info('notify: no Slack, Discord or webhook configured')
    return nothing
  }
  const events = runEvents(results)
  // Before any health check the state is unknown: only what happened in
  // this run (a stop, a resume, a rollback) is worth a message.
  if (state.overall === 'unknown' && events.length === 0) return nothing
  const told = readMemory(state.notify)
  const overall =
    state.overall === 'unknown'
      ? (told?.last_overall ?? 'healthy')
      : state.overall
  const now = ctx.now()
  const decision = decide({
    memory: told,
    overall,
    events,
    reminderHours: config.notify.reminderHours,
    now
  })
  const [kind, ...also] = decision.kinds
  if (!kind) {
    ctx.reporter.info('notify: nothing changed, nothing to send')
    return nothing
  }
  const recovering = decision.kinds.includes('recovered')
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
  const event: NotifyEvent = {
    kind,
    also,
    overall,
    repository: run.repository,
    services,
    tag:
      output(results, JOB_IDS.rollback, 'rollback-version') ||
      output(results, JOB_IDS.deploy, 'deployment-tag') ||
      undefined,
    actor: run.triggeringActor || run.actor,
    reason: inputs.reason || undefined,
    runUrl: run.url,
    dashboardUrl,
    at: now.toISOString()
  }
  const sent = await notifyAll(
    event,
    {
      slack: inputs.slackWebhookUrl || undefined,
      discord: inputs.discordWebhookUrl || undefined,
      webhooks: config.notify.webhooks
    },
    report,
    ctx.reporter,
    { dryRun: inputs.dryRun }
  )
  if (inputs.dryRun) return { event, remember: () => {}, notified: false }
  const memory = settle(decision, sent.sent)
  const failures = sent.results.filter((r) => !r.ok)
  return {
    event,
    notified: sent.sent,
    remember: (target) => {
      target.notify = {
        ...target.notify,
        ...memory,
        last_error: failures.length
          ? failures
              .map((f) => f.error)
              .join('; ')
              .slice(0, 500)
          : null
      }
      if (failures.length)
        target.events.unshift({
          at: event.at,
          kind: 'notify-failed',
          text: `notification (${kind}) not delivered: ${failures.map((f) => f.error).join('; ')}`.slice(
            0,
            500
          ),
          run: `${run.id}:notify`,
          actor: ''
        })
    }
  }
}
