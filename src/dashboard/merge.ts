// Merges one run's results into the dashboard state. Merging the same run
// twice gives the same state, so a re-run of the status stage writes nothing.

import type { Service } from '../config.js'
import type { Report } from '../health-report.js'
import type { DeploymentFact, Halt } from '../platform/platform.js'
import { decode } from '../contract.js'
import type { Results } from '../needs.js'
import { oneLine, readableTime } from '../safe-text.js'
import type {
  Check,
  DashboardEvent,
  DashboardState,
  ServiceHistory
} from './state.js'

export const MAX_EVENTS = 30

/** What was cancelled: an automatic rollback is named as such. */
function cancelledText(outcome: RunOutcome): string {
  const jobs = outcome.cancelledJobs
  const automatic =
    (outcome.action === 'deploy' || outcome.action === 'update-component') &&
    jobs.length === 1 &&
    jobs[0] === 'rollback'
  return automatic
    ? `the automatic rollback after the ${outcome.action} was cancelled`
    : `${outcome.action || 'the run'} was cancelled (${jobs.join(', ')})`
}

/** What a failed rollback's cause means, in the words agents act on. */
const ROLLBACK_CAUSE: Record<string, string> = {
  'no-target': 'there was no verified deployment to roll back to',
  commands: 'its deploy commands failed, so the old version may not be running',
  verification:
    'the old version was deployed but the check after it still failed'
}
export const MAX_DEPLOYMENTS = 20

export interface RunOutcome {
  runId: string
  runUrl: string
  actor: string
  /** When this run's results happened (the report's timestamp when there is one). */
  at: string
  action: string
  approved: boolean | null
  refusal: string
  /** Why an approved deploy did not run: an emergency stop overtook it. */
  overtaken: string
  reason: string
  build: string | null
  deployment: {
    status: string
    tag: string
    time: string
    sha: string
    components: string[]
  } | null
  /** The monitor's report (after a deploy, the deploy's verification). */
  report: Report | null
  rollback: {
    status: string
    version: string
    sha: string
    report: Report | null
    /** Why it failed: no target, its commands, or its verification. */
    cause: string
  } | null
  /** The deploy's verdict on what it deployed, and what it broke. */
  verdict: { verdict: string; broken: string[] } | null
  /** Jobs that failed before reporting any result, by id. */
  failedJobs: string[]
  /** Jobs that were cancelled, by id. */
  cancelledJobs: string[]
  /** Whether the emergency-stop lock is held now, when the run knows. */
  halted: boolean | null
  /** An emergency stop of this run took the lock. */
  stopTookLock: boolean
  /** An emergency stop of this run found the lock already held. */
  stopFoundHeld: boolean
}

/** Reads a run's outcome from `toJSON(needs)`-shaped results. */
export function outcomeFromResults(
  results: Results,
  run: { id: string; url: string; actor: string },
  now: string,
  reason = ''
): RunOutcome {
  const gate = decode('gate', results)
  const ci = decode('ci', results)
  const deploy = decode('deploy', results)
  const monitor = decode('monitor', results)
  const rollback = decode('rollback', results)
  const action = gate?.action ?? ''
  const report = monitor?.report ?? null
  const deployStatus = deploy?.['deployment-status']
  const rollbackStatus = rollback?.['rollback-status']
  const halted = deploy?.halted ?? gate?.halted
  return {
    runId: run.id,
    runUrl: run.url,
    actor: run.actor,
    at: report?.timestamp ?? deploy?.['deployment-time'] ?? now,
    action,
    approved: gate ? (gate.approved ?? false) : null,
    refusal: gate?.reason ?? '',
    overtaken: deploy?.refused ?? '',
    reason,
    build: ci?.['build-status'] ?? null,
    deployment:
      deployStatus &&
      deployStatus !== 'skipped' &&
      (action === 'deploy' || action === 'update-component')
        ? {
            status: deployStatus,
            tag: deploy?.['deployment-tag'] ?? '',
            time: deploy?.['deployment-time'] ?? now,
            sha: deploy?.['deployment-sha'] ?? '',
            components: deploy?.components ?? []
          }
        : null,
    report,
    rollback:
      rollbackStatus && rollbackStatus !== 'skipped'
        ? {
            status: rollbackStatus,
            version: rollback?.['rollback-version'] ?? '',
            sha: rollback?.['rollback-sha'] ?? '',
            report: rollback?.report ?? null,
            cause: rollback?.['rollback-failure'] ?? ''
          }
        : null,
    verdict: monitor?.['deploy-verdict']
      ? {
          verdict: monitor['deploy-verdict'],
          broken: monitor.broken ?? []
        }
      : null,
    failedJobs: Object.entries(results)
      .filter(
        ([, job]) =>
          job.result === 'failure' && Object.keys(job.outputs).length === 0
      )
      .map(([id]) => id),
    cancelledJobs: Object.entries(results)
      .filter(([, job]) => job.result === 'cancelled')
      .map(([id]) => id),
    halted: halted ?? null,
    stopTookLock:
      action === 'emergency-stop' &&
      (deployStatus === 'success' || deployStatus === 'failed'),
    stopFoundHeld:
      action === 'emergency-stop' &&
      deployStatus === 'skipped' &&
      deploy?.halted === true
  }
}

/** A service not checked yet. */
function newHistory(since: string): ServiceHistory {
  return {
    status: 'unknown',
    since,
    observed: 'unknown',
    streak: 0,
    latency_ms: null,
    reason: null,
    last_check: null,
    last_source: '',
    recent: [],
    daily: []
  }
}

const INITIAL = { healthy: 'h', degraded: 'd', down: 'x' } as const

export interface MergeOptions {
  services: Service[]
  thresholds: { failure: number; success: number }
  /** The lock as the platform sees it now; undefined when not read. */
  halt?: Halt | null
  /**
   * The deployments as Runbook recorded them (newest first); when given,
   * they replace the dashboard's cached list, which anyone can edit.
   */
  deployments?: DeploymentFact[]
}

/** The dashboard's deployments, re-derived from the recorded facts. */
export function deploymentsFromFacts(
  facts: DeploymentFact[]
): DashboardState['deployments'] {
  return facts
    .filter((d) => d.tag !== '' && d.failedIn !== 'commands')
    .map((d) => ({
      tag: d.tag,
      sha: d.sha,
      time: d.time,
      actor: d.actor,
      components: d.components,
      verified: d.verified,
      kind: d.kind,
      run_url: ''
    }))
    .sort(newestFirst)
    .slice(0, MAX_DEPLOYMENTS)
}

function newestFirst(a: { time: string }, b: { time: string }): number {
  return a.time < b.time ? 1 : a.time > b.time ? -1 : 0
}

function addEvent(state: DashboardState, event: DashboardEvent): void {
  if (
    state.events.some(
      (e) => e.run === event.run && e.kind === event.kind && event.run !== ''
    )
  )
    return
  state.events.unshift({ ...event, text: oneLine(event.text, 500) })
  state.events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  state.events.length = Math.min(state.events.length, MAX_EVENTS)
}

/** Applies one report's results with the cross-run thresholds. */
function applyReport(
  state: DashboardState,
  report: Report,
  options: MergeOptions,
  runId: string
): void {
  const at = report.timestamp
  const atS = Math.floor(Date.parse(at) / 1000)
  for (const service of options.services) {
    const result = report.services[service.name]
    if (!result) continue
    const history: ServiceHistory =
      state.services[service.name] ?? newHistory(at)
    const check: Check = [atS, INITIAL[result.status], result.latency_ms]
    const sameSecond = history.recent.find((c) => c[0] === atS)
    if (sameSecond) {
      // The same report merged twice changes nothing; a newer report within
      // the same second (a rollback's verification) replaces the check.
      const merged =
        history.last_check === null ||
        history.last_check > at ||
        (history.last_check === at && history.last_source === runId)
      if (merged) {
        state.services[service.name] = history
        continue
      }
      sameSecond[1] = check[1]
      sameSecond[2] = check[2]
    } else {
      history.recent.push(check)
      history.recent.sort((a, b) => a[0] - b[0])
    }
    if (history.last_check !== null && history.last_check > at) {
      state.services[service.name] = history
      continue
    }
    history.last_check = at
    history.last_source = runId.slice(0, 100)
    history.latency_ms = result.latency_ms
    history.reason = result.error === null ? null : oneLine(result.error, 300)
    const bad = result.status === 'down'
    const wasBad = history.observed === 'down'
    history.streak =
      history.observed !== 'unknown' && bad === wasBad ? history.streak + 1 : 1
    history.observed = result.status
    const confirmedBad = history.status === 'down'
    let next = history.status
    if (history.status === 'unknown') next = result.status
    else if (
      bad &&
      !confirmedBad &&
      history.streak >= options.thresholds.failure
    )
      next = 'down'
    else if (
      !bad &&
      confirmedBad &&
      history.streak >= options.thresholds.success
    )
      next = result.status
    else if (!bad && !confirmedBad) next = result.status
    if (next !== history.status) {
      const previous = history.status
      history.status = next
      history.since = at
      if (previous !== 'unknown' || next !== 'healthy')
        addEvent(state, {
          at,
          kind: `service-${next}`,
          text:
            `${service.name} is ${next}` +
            (previous === 'unknown' ? '' : ` (was ${previous})`) +
            (history.reason ? `: ${history.reason}` : ''),
          run: `${runId}:${service.name}`,
          actor: ''
        })
    }
    state.services[service.name] = history
  }
}

export function overallOf(
  state: DashboardState,
  services: Service[]
): DashboardState['overall'] {
  const states = services.map(
    (s) => state.services[s.name]?.status ?? 'unknown'
  )
  if (states.some((s) => s === 'down')) return 'critical'
  if (states.length > 0 && states.every((s) => s === 'healthy'))
    return 'healthy'
  if (states.every((s) => s === 'unknown')) return 'unknown'
  return 'degraded'
}

/** Merges a run's outcome into the state (in place) and returns it. */
export function mergeRun(
  state: DashboardState,
  outcome: RunOutcome,
  options: MergeOptions
): DashboardState {
  const { runId, actor } = outcome
  // The same run merged again keeps the time it was first merged at.
  if (state.last_run?.id === runId && !outcome.report)
    outcome = { ...outcome, at: state.last_run.at }
  state.thresholds = { ...options.thresholds }
  if (outcome.approved === false && outcome.refusal)
    addEvent(state, {
      at: outcome.at,
      kind: 'refused',
      text: `${outcome.action || 'the action'} was refused: ${outcome.refusal}`,
      run: runId,
      actor
    })
  if (outcome.overtaken)
    addEvent(state, {
      at: outcome.at,
      kind: 'refused',
      text: `${outcome.action || 'the deploy'} was refused: ${outcome.overtaken}`,
      run: runId,
      actor
    })
  if (outcome.failedJobs.length > 0)
    addEvent(state, {
      at: outcome.at,
      kind: 'run-failed',
      text: `${outcome.action || 'the run'} failed: the ${outcome.failedJobs.join(', ')} job failed before reporting a result (see the run's log)`,
      run: `${runId}:failed`,
      actor
    })
  if (outcome.cancelledJobs.length > 0)
    addEvent(state, {
      at: outcome.at,
      kind: 'run-cancelled',
      text: cancelledText(outcome),
      run: `${runId}:cancelled`,
      actor
    })
  if (outcome.build === 'failed')
    addEvent(state, {
      at: outcome.at,
      kind: 'ci-failed',
      text: 'CI failed: nothing was deployed',
      run: runId,
      actor
    })

  const deployment = outcome.deployment
  if (deployment && deployment.tag) {
    const verified =
      deployment.status === 'success'
        ? outcome.report
          ? outcome.report.overall_status !== 'critical'
          : null
        : false
    upsertDeployment(state, {
      tag: deployment.tag,
      sha: deployment.sha,
      time: deployment.time,
      actor,
      components: deployment.components,
      verified,
      kind:
        outcome.action === 'update-component' ? 'update-component' : 'deploy',
      run_url: outcome.runUrl
    })
  }
  // A deployment is only read for a deploy or an update-component; results
  // whose gate action was refused still name it a deploy.
  if (deployment)
    addEvent(state, {
      at: deployment.time,
      kind: deployment.status === 'success' ? 'deploy' : 'deploy-failed',
      text:
        deployment.status === 'success'
          ? `${outcome.action || 'deploy'} ${deployment.tag} (${deployment.components.join(', ') || 'all'})`
          : `${outcome.action || 'deploy'} failed${deployment.tag ? ` (${deployment.tag})` : ''}`,
      run: runId,
      actor
    })
  if (outcome.report) applyReport(state, outcome.report, options, runId)

  const rollback = outcome.rollback
  if (rollback) {
    if (rollback.report)
      applyReport(state, rollback.report, options, `${runId}:rollback`)
    if (rollback.version)
      upsertDeployment(
        state,
        {
          tag: rollback.version,
          sha: rollback.sha,
          time: rollback.report?.timestamp ?? outcome.at,
          actor,
          components: options.services.map((s) => s.name),
          verified: rollback.status === 'executed',
          kind: 'rollback',
          run_url: outcome.runUrl
        },
        true
      )
    addEvent(state, {
      at: rollback.report?.timestamp ?? outcome.at,
      kind: rollback.status === 'executed' ? 'rollback' : 'rollback-failed',
      text:
        rollback.status === 'executed'
          ? `rolled back to ${rollback.version}, verified healthy`
          : `rollback${rollback.version ? ` to ${rollback.version}` : ''} failed: ${ROLLBACK_CAUSE[rollback.cause] ?? ROLLBACK_CAUSE.verification}`,
      run: runId,
      actor
    })
  }

  if (options.halt !== undefined) {
    const held = options.halt
    if (held) {
      // Whose stop it was: this run's when it took the lock, else the
      // halt's own (another run's, or a tag made by hand).
      const ours = outcome.action === 'emergency-stop' && outcome.stopTookLock
      const theirs = `halt@${held.at}`
      if (ours) state.events = state.events.filter((e) => e.run !== theirs)
      if (ours || !state.halt)
        addEvent(state, {
          at: held.at,
          kind: 'emergency-stop',
          text: `emergency stop by ${held.by}: ${held.reason || 'no reason given'}`,
          run: ours ? runId : theirs,
          actor: held.by
        })
      if (outcome.stopFoundHeld)
        addEvent(state, {
          at: outcome.at,
          kind: 'emergency-stop-held',
          text: `emergency stop requested by ${actor}${outcome.reason ? ` (${outcome.reason})` : ''}: already in effect since ${readableTime(held.at)} by ${held.by}`,
          run: runId,
          actor
        })
      state.halt = held
    } else if (state.halt) {
      state.halt = null
      addEvent(state, {
        at: outcome.at,
        kind: 'resume',
        text: `resumed by ${actor}${outcome.reason ? `: ${outcome.reason}` : ''}`,
        run: runId,
        actor
      })
    }
  }

  // A service missing from this run's list (a one-off check of other
  // services, or one taken out of the configuration) keeps its history; one
  // not checked for 30 days leaves the dashboard, with a note.
  for (const [name, history] of Object.entries(state.services))
    if (
      !options.services.some((s) => s.name === name) &&
      (history.last_check === null ||
        Date.parse(outcome.at) - Date.parse(history.last_check) >
          30 * 86_400_000)
    ) {
      delete state.services[name]
      addEvent(state, {
        at: outcome.at,
        kind: 'service-removed',
        text: `${name} is no longer in the configuration and was not checked for 30 days`,
        run: `${runId}:${name}`,
        actor: ''
      })
    }
  for (const service of options.services)
    if (!state.services[service.name])
      state.services[service.name] = newHistory(outcome.at)

  if (options.deployments)
    state.deployments = deploymentsFromFacts(options.deployments)

  state.overall = overallOf(state, options.services)
  if (outcome.at > state.updated_at) state.updated_at = outcome.at
  // Never older than what it reports (a rollback's verification comes later).
  const newest = state.events[0]?.at
  if (newest && newest > state.updated_at) state.updated_at = newest
  if (!state.last_run || outcome.at >= state.last_run.at)
    state.last_run = { id: runId, url: outcome.runUrl, at: outcome.at }
  return state
}

function upsertDeployment(
  state: DashboardState,
  record: DashboardState['deployments'][number],
  keepVerifiedOnly = false
): void {
  const existing = state.deployments.find(
    (d) => d.tag === record.tag && d.kind === record.kind
  )
  if (existing) {
    // A repeated rollback to the same version is newer than what ran in
    // between: the record moves to its new time, and the list is re-sorted.
    if (!keepVerifiedOnly || record.verified) Object.assign(existing, record)
  } else state.deployments.unshift(record)
  state.deployments.sort(newestFirst)
  state.deployments.length = Math.min(state.deployments.length, MAX_DEPLOYMENTS)
}
