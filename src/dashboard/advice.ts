// The "For AI agents" section: the one next step from the situation model,
// and the table of situation → command. Until the engine hands the renderer
// facts read from the tags, the Deployments and the halt tag,
// `factsFromState` reads them back from the dashboard's own state.

import type { Service } from '../config.js'
import { markdownCell } from '../text.js'
import {
  COMMANDS,
  SituationFactsSchema,
  WORKFLOW,
  situate,
  type DeploymentFact,
  type LastRun,
  type NextStep,
  type Situation,
  type SituationFacts
} from './situation.js'
import type { DashboardEvent, DashboardState } from './state.js'

export { WORKFLOW }

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/
const EPOCH = '1970-01-01T00:00:00.000Z'

export type Advice = NextStep

/** A situation, or the dashboard state to read one from. */
export type AdviceSource = Situation | DashboardState

const isSituation = (source: AdviceSource): source is Situation =>
  'next' in source

function situationOf(source: AdviceSource, services: Service[]): Situation {
  return isSituation(source)
    ? source
    : situate(factsFromState(source, services))
}

/** What an operator should do now. */
export function advise(source: AdviceSource, services: Service[] = []): Advice {
  return situationOf(source, services).next
}

/** The "Now" line: the situation id, the command (or "none") and why. */
export function recommend(
  source: AdviceSource,
  services: Service[] = []
): string {
  const { situation, command, why } = advise(source, services)
  return [
    `**Now (${situation}):** ${command === null ? 'none' : `\`${command}\``}`,
    '',
    markdownCell(why, 500)
  ].join('\n')
}

/** The table of situation → command, with the rollback target filled in when one exists. */
export function agentTable(
  source: AdviceSource,
  services: Service[] = []
): string {
  const situation = situationOf(source, services)
  const target = situation.target ?? '<deployment-YYYYMMDD-HHMMSS>'
  const rows: [string, string | null][] = [
    ['healthy', null],
    [
      'one service to update',
      COMMANDS.deploy.replace(
        '-f action=deploy',
        '-f action=update-component -f target_component=<service>'
      )
    ],
    ['critical after a deployment', COMMANDS.rollback(target, null)],
    [
      'critical, not caused by a deployment (after fixing it)',
      COMMANDS.healthcheck
    ],
    ['critical, rollback failed, or doing harm', COMMANDS.stop],
    ['stopped or halted, cause fixed', COMMANDS.resume],
    ['resumed, services still stopped', COMMANDS.deploy],
    ['to re-check at any time', COMMANDS.healthcheck]
  ]
  return [
    '| situation | command |',
    '| --- | --- |',
    ...rows.map(
      ([name, command]) =>
        `| ${name} | ${command === null ? 'none' : `\`${command}\``} |`
    ),
    '',
    "Emergency: `emergency-stop` never waits for approval; it takes the `runbook-halt` lock, runs every service's stop command and cancels other runs. Deploys are refused until `resume`, which restarts nothing: deploy or roll back then to start the services. Add `-f dry_run=true` to see the plan without acting."
  ].join('\n')
}

// ---------------------------------------------------------------------------
// Facts read back from the dashboard state. The body is editable, so each
// value is checked again here and what does not fit is left out.

const isoOr = (value: string | null | undefined, fallback: string): string =>
  value && ISO.test(value) ? value : fallback

function deploymentFacts(state: DashboardState): DeploymentFact[] {
  return state.deployments.flatMap((d): DeploymentFact[] => {
    if (!ISO.test(d.time)) return []
    const sha = /^[0-9a-f]{0,64}$/.test(d.sha) ? d.sha : ''
    // The state does not keep why a rollback failed; reading it as its
    // commands failing keeps the advice on the careful side (stop, hand over).
    const failure =
      d.verified === false
        ? d.kind === 'rollback'
          ? 'commands'
          : 'verification'
        : null
    return [
      {
        tag: d.tag,
        sha,
        time: d.time,
        kind: d.kind,
        components: d.components.filter((c) => SERVICE.test(c)),
        verified: d.verified,
        failure
      }
    ]
  })
}

/** Stopped: the newest of stop, deploy and rollback events is a stop. */
function stoppedFrom(events: DashboardEvent[]): boolean {
  const newest = events.find((e) =>
    ['emergency-stop', 'deploy', 'rollback', 'rollback-failed'].includes(e.kind)
  )
  return newest?.kind === 'emergency-stop'
}

const ACTION_WORDS = [
  'update-component',
  'deploy',
  'rollback',
  'emergency-stop',
  'resume',
  'healthcheck'
] as const

function lastRunFrom(state: DashboardState): LastRun | null {
  const run = state.last_run
  if (!run || !ISO.test(run.at)) return null
  const events = state.events.filter((e) => e.run === run.id)
  const has = (kind: string) => events.find((e) => e.kind === kind)
  const refused = has('refused')
  const deploy = has('deploy') ?? has('deploy-failed')
  const rolledBack = has('rollback') ?? has('rollback-failed')
  const named = (text: string) =>
    ACTION_WORDS.find((a) => text.startsWith(`${a} `))
  const action =
    (refused && named(refused.text)) ||
    (deploy && (named(deploy.text) ?? 'deploy')) ||
    (rolledBack && 'rollback') ||
    (has('emergency-stop') && 'emergency-stop') ||
    (has('resume') && 'resume') ||
    'healthcheck'
  const ciFailed = has('ci-failed') !== undefined
  return {
    action,
    at: run.at,
    outcome: refused
      ? {
          kind: 'refused',
          reason: refused.text.replace(/^.*? was refused: /, '').slice(0, 500)
        }
      : ciFailed
        ? { kind: 'failed', stage: 'ci' }
        : deploy?.kind === 'deploy-failed'
          ? { kind: 'failed', stage: 'deploy' }
          : { kind: 'succeeded' },
    ciFailed,
    rollback: rolledBack
      ? {
          automatic: deploy !== undefined,
          result:
            rolledBack.kind === 'rollback' ? 'executed' : 'failed-commands'
        }
      : null,
    blame: null
  }
}

/** The model's facts as far as the dashboard state records them. */
export function factsFromState(
  state: DashboardState,
  services: Service[]
): SituationFacts {
  const now = isoOr(state.updated_at, EPOCH)
  const facts = {
    now,
    halt: state.halt
      ? {
          by: state.halt.by,
          at: isoOr(state.halt.at, now),
          reason: state.halt.reason
        }
      : null,
    deployments: deploymentFacts(state).slice(0, 100),
    services: Object.fromEntries(
      services
        .filter((s) => SERVICE.test(s.name))
        .map((s) => {
          const h = state.services[s.name]
          return [
            s.name,
            {
              status: h?.status ?? 'unknown',
              since: h && ISO.test(h.since) ? h.since : null,
              reason: h?.reason ?? null
            }
          ]
        })
    ),
    stopped: stoppedFrom(state.events),
    lastRun: lastRunFrom(state)
  }
  return SituationFactsSchema.parse(facts)
}
