// Builds the situation model's facts for the status stage: the deployments
// as Runbook recorded them on the platform (never the dashboard's text), the
// lock, the services' confirmed health, and what this run did; then keeps
// the model's answer (what runs, stopped, the one next step) in the state.

import { factsFromState } from '../dashboard/advice.js'
import type { RunOutcome } from '../dashboard/merge.js'
import {
  SituationFactsSchema,
  liveRecords,
  situate,
  type DeploymentFact as ModelDeployment,
  type LastRun,
  type Situation,
  type SituationFacts
} from '../dashboard/situation.js'
import type { DashboardState } from '../dashboard/state.js'
import type { DeploymentFact } from '../platform/platform.js'
import { ACTIONS as ACTION_NAMES } from '../contract.js'
import { oneLine } from '../safe-text.js'

const ACTIONS = new Set<string>(ACTION_NAMES)
const STAGE_OF_JOB: Record<string, LastRunStage> = {
  'safety-gate': 'gate',
  ci: 'ci',
  deploy: 'deploy',
  monitor: 'monitor',
  rollback: 'rollback',
  'update-status': 'status',
  notify: 'notify'
}
type LastRunStage = Extract<LastRun['outcome'], { kind: 'failed' }>['stage']

/** The recorded deployments in the model's terms, newest first. */
export function modelDeployments(
  facts: DeploymentFact[],
  services: string[]
): ModelDeployment[] {
  // A deployment that touched none of these services (a one-off check of
  // others) says nothing about them; to the model an empty list is "all".
  return facts
    .filter((d) => d.components.some((c) => services.includes(c)))
    .map((d) => ({
      tag: d.tag,
      sha: /^[0-9a-f]{40}$/.test(d.sha) ? d.sha : '',
      time: d.time,
      kind: d.kind,
      // A deployment of every service is "all" to the model.
      components: services.every((n) => d.components.includes(n))
        ? []
        : d.components.filter((c) => services.includes(c)),
      verified: d.verified,
      failure: d.failedIn,
      blamed: d.blamed.filter((c) => services.includes(c))
    }))
}

/**
 * Stopped, from the recorded deployments: an emergency stop marked the one
 * running then, and no deployment of every service has started them since.
 */
export function stoppedFrom(
  facts: DeploymentFact[],
  services: string[]
): boolean | null {
  const index = facts.findIndex((d) => d.stopped)
  if (index === -1) return null
  return !facts
    .slice(0, index)
    .some(
      (d) =>
        d.failedIn !== 'commands' &&
        services.every((n) => d.components.includes(n))
    )
}

/** What this run did, in the model's terms; null for an unknown action. */
export function lastRunOf(outcome: RunOutcome): LastRun | null {
  if (!ACTIONS.has(outcome.action)) return null
  const action = outcome.action as LastRun['action']
  const failedStage = outcome.failedJobs
    .map((job) => STAGE_OF_JOB[job])
    .find((stage) => stage !== undefined)
  const refusal =
    outcome.approved === false ? outcome.refusal : outcome.overtaken
  const rollback = outcome.rollback
  return {
    action,
    at: outcome.at,
    outcome: refusal
      ? { kind: 'refused', reason: refusal.slice(0, 500) }
      : outcome.cancelledJobs.length > 0
        ? { kind: 'cancelled' }
        : failedStage
          ? { kind: 'failed', stage: failedStage }
          : outcome.deployment?.status === 'failed'
            ? { kind: 'failed', stage: 'deploy' }
            : { kind: 'succeeded' },
    ciFailed: outcome.build === 'failed',
    rollback: rollback
      ? {
          automatic: action === 'deploy' || action === 'update-component',
          result:
            rollback.status === 'executed'
              ? 'executed'
              : rollback.cause === 'commands' || rollback.cause === 'no-target'
                ? 'failed-commands'
                : 'failed-verification'
        }
      : null,
    blame:
      outcome.verdict &&
      ['verified', 'broken', 'unverified'].includes(outcome.verdict.verdict)
        ? {
            verdict: outcome.verdict.verdict as
              'verified' | 'broken' | 'unverified',
            broken: outcome.verdict.broken.filter((n) =>
              /^[a-z0-9-]{1,100}$/.test(n)
            ),
            notOurs: []
          }
        : null
  }
}

/**
 * The situation after this run: the state's own reading, with what the
 * platform recorded and what this run did put in its place.
 */
export function situationOf(
  state: DashboardState,
  services: string[],
  recorded: DeploymentFact[] | undefined,
  outcome: RunOutcome
): Situation {
  const base = factsFromState(state, services)
  // Stopped only on evidence: the recorded deployments, or this run's own
  // stop; with neither, the state's word is kept only while the lock is
  // held (the body is editable: a typed event must not stop anything).
  const stopped =
    (recorded ? stoppedFrom(recorded, services) : null) ??
    (outcome.stopTookLock || (state.halt !== null && state.stopped))
  const facts: SituationFacts = {
    ...base,
    deployments: recorded
      ? modelDeployments(recorded, services)
      : base.deployments,
    stopped,
    lastRun: lastRunOf(outcome) ?? base.lastRun
  }
  const parsed = SituationFactsSchema.safeParse(facts)
  return situate(parsed.success ? parsed.data : base)
}

/** Keeps the model's answer in the state, for the page and for agents. */
export function keepSituation(
  state: DashboardState,
  situation: Situation
): void {
  state.stopped = situation.overall === 'stopped'
  state.next = {
    situation: situation.next.situation,
    command: situation.next.command,
    // The state caps it: many services down make a long explanation.
    why: oneLine(situation.next.why, 1000),
    target: situation.target
  }
  state.live = liveRecords(situation)
}
