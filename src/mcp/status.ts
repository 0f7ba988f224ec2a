// The `status` tool: the situation as an agent should act on it. The
// dashboard's state block is read only through parseState (validated and
// capped); what runs, what was verified and whether Runbook is halted are
// read again from the recorded deployments and the runbook-halt tag, so a
// stale or edited dashboard cannot claim them.

import type { Config } from '../config.js'
import { factsFromState } from '../dashboard/advice.js'
import {
  liveRecords,
  SituationFactsSchema,
  situate,
  type Situation
} from '../dashboard/situation.js'
import { parseState, type DashboardState } from '../dashboard/state.js'
import type { DeploymentFact, Halt, Platform } from '../platform/platform.js'
import { DEPLOYMENT_FACTS } from '../stages/gate.js'
import { modelDeployments, stoppedFrom } from '../stages/situation.js'
import { oneLine } from '../safe-text.js'
import type { StatusOutput } from './schemas.js'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
const EVENTS = 10

export interface StatusRead {
  output: StatusOutput
  /** The validated state, for the resources. */
  state: DashboardState
}

/** The newest verified deployment of each service, from the recorded facts. */
function lastVerified(
  facts: DeploymentFact[],
  name: string
): StatusOutput['services'][string]['last_verified'] {
  const found = facts.find(
    (d) => d.verified === true && d.components.includes(name)
  )
  return found ? { tag: found.tag, sha: found.sha, time: found.time } : null
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

export async function readStatus(
  platform: Platform,
  config: Config,
  where: { mode: 'github' | 'local'; repository: string }
): Promise<StatusRead> {
  const names = config.services.map((s) => s.name)
  const now = new Date().toISOString()
  const [found, recorded, halt] = await Promise.all([
    platform.findDashboard(config.dashboard.issue ?? 1),
    platform.listDeployments(config.deployment.environment, DEPLOYMENT_FACTS),
    platform.readHalt()
  ])
  const { state, problems } = parseState(found.issue?.body ?? null, now)
  if (!found.issue)
    problems.push(
      'there is no dashboard yet: run the healthcheck action once to create it'
    )
  if (found.foreign && found.why)
    problems.push(
      `issue #${config.dashboard.issue ?? 1} is not Runbook's dashboard (${oneLine(found.why, 200)})`
    )

  const situation = situationNow(state, names, recorded, halt, now)
  const live = liveRecords(situation)
  // The dashboard's own next step was worked out by the last run from the
  // same kind of facts and knows that run's outcome in full: it stands while
  // the facts still match it; otherwise the step is worked out again now.
  const current =
    state.next !== null &&
    same(state.live, live) &&
    (state.halt === null) === (halt === null)
  if (state.next !== null && !current)
    problems.push(
      'the recorded deployments or the halt lock changed since the dashboard was written: the next step is worked out from them now'
    )
  const next =
    current && state.next
      ? state.next
      : {
          situation: situation.next.situation,
          command: situation.next.command,
          why: situation.next.why,
          target: situation.target
        }

  const output: StatusOutput = {
    mode: where.mode,
    repository: where.repository,
    dashboard: found.issue
      ? { number: found.issue.number, url: found.issue.url }
      : null,
    updated_at: state.updated_at,
    overall: state.overall,
    stopped: current ? state.stopped : situation.overall === 'stopped',
    halt: halt
      ? {
          by: oneLine(halt.by, 100),
          at: halt.at,
          reason: oneLine(halt.reason, 500)
        }
      : null,
    services: Object.fromEntries(
      names.map((name) => {
        const h = state.services[name]
        return [
          name,
          {
            status: h?.status ?? 'unknown',
            since: h?.since ?? '',
            latency_ms: h?.latency_ms ?? null,
            reason: h?.reason ? oneLine(h.reason, 500) : null,
            last_check: h?.last_check ?? null,
            live: live[name] ?? null,
            last_verified: lastVerified(recorded, name)
          }
        ]
      })
    ),
    live,
    next: { ...next, why: oneLine(next.why, 1000) },
    events: state.events.slice(0, EVENTS).map((e) => ({
      at: e.at,
      kind: oneLine(e.kind, 40),
      text: oneLine(e.text, 500)
    })),
    problems: problems.map((p) => oneLine(p, 500))
  }
  return { output, state }
}

/** The model's answer from the state, with the platform's facts in place of its cache. */
function situationNow(
  state: DashboardState,
  names: string[],
  recorded: DeploymentFact[],
  halt: Halt | null,
  now: string
): Situation {
  const base = factsFromState(state, names)
  const parsed = SituationFactsSchema.safeParse({
    ...base,
    now: ISO.test(state.updated_at) ? state.updated_at : now,
    halt: halt
      ? {
          by: oneLine(halt.by, 100),
          at: ISO.test(halt.at) ? halt.at : now,
          reason: oneLine(halt.reason, 1000)
        }
      : null,
    deployments: modelDeployments(recorded, names),
    stopped: stoppedFrom(recorded, names) ?? base.stopped
  })
  return situate(parsed.success ? parsed.data : base)
}
