// The situation: what runs, what is healthy and the one thing to do next, as
// a pure function of facts read from authoritative sources (deployment tags
// and GitHub Deployments, the runbook-halt tag, this run's results). The
// dashboard, the local tool and agents all take their advice from here.

import { z } from 'zod'
import { ACTIONS, DEPLOYMENT_TAG } from '../contract.js'
import { oneLine } from '../safe-text.js'
import { blame, judgeRollback, type Blame, type Health } from './blame.js'

export const WORKFLOW = 'ai-agent-handoff-runbook.yml'

/** The only tags a recommended command may carry (as `inputs.ts` accepts them). */
export const WELL_FORMED_TAG = DEPLOYMENT_TAG
/** Service names as `config.ts` allows them. */
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

const iso = z.string().regex(ISO)
const name = z.string().regex(SERVICE)
const health = z.enum(['healthy', 'degraded', 'down', 'unknown'])
const STAGES = [
  'gate',
  'ci',
  'deploy',
  'monitor',
  'rollback',
  'status',
  'notify'
] as const

export const HaltFactSchema = z.strictObject({
  by: z.string().max(100),
  at: iso,
  reason: z.string().max(1000)
})

export const DeploymentFactSchema = z.strictObject({
  /** For a rollback: the tag it went back to. */
  tag: z.string().max(100),
  sha: z.string().regex(/^[0-9a-f]{0,64}$/),
  time: iso,
  kind: z.enum(['deploy', 'update-component', 'rollback']),
  /** The services it deployed; empty means all of them. */
  components: z.array(name).max(500),
  /** `null`: not verified (no check, or a deployed service not answering). */
  verified: z.boolean().nullable(),
  /** How it failed: its commands (nothing, or not all, moved) or its verification. */
  failure: z.enum(['commands', 'verification']).nullable(),
  /**
   * The services it may have broken: those its verification found broken,
   * or could not check. A service that was already down is never here.
   */
  blamed: z.array(name).max(500).default([])
})

export const ServiceFactSchema = z.strictObject({
  status: health,
  since: iso.nullable(),
  reason: z.string().max(500).nullable()
})

export const RunOutcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('succeeded') }),
  z.strictObject({ kind: z.literal('refused'), reason: z.string().max(500) }),
  z.strictObject({ kind: z.literal('failed'), stage: z.enum(STAGES) }),
  z.strictObject({ kind: z.literal('cancelled') })
])

export const LastRunSchema = z.strictObject({
  action: z.enum(ACTIONS),
  at: iso,
  outcome: RunOutcomeSchema,
  ciFailed: z.boolean(),
  rollback: z
    .strictObject({
      automatic: z.boolean(),
      result: z.enum(['executed', 'failed-commands', 'failed-verification'])
    })
    .nullable(),
  /** The deploy's verdict, when this run deployed. */
  blame: z
    .strictObject({
      verdict: z.enum(['verified', 'broken', 'unverified']),
      broken: z.array(name),
      notOurs: z.array(name)
    })
    .nullable()
})

export const SituationFactsSchema = z.strictObject({
  now: iso,
  halt: HaltFactSchema.nullable(),
  /** Newest first. */
  deployments: z.array(DeploymentFactSchema).max(100),
  /** Every configured service, in the configuration's order. */
  services: z.record(name, ServiceFactSchema),
  /** The stop commands ran and no deploy or rollback of every service has started them since. */
  stopped: z.boolean(),
  lastRun: LastRunSchema.nullable()
})

export type SituationFacts = z.infer<typeof SituationFactsSchema>
export type DeploymentFact = z.infer<typeof DeploymentFactSchema>
export type LastRun = z.infer<typeof LastRunSchema>

/** Every situation the model can report; the runbook's decision table has one row each. */
export const SITUATIONS = [
  'healthy',
  'degraded',
  'unknown',
  'critical-after-deploy',
  'no-rollback-target',
  'rolled-back-automatically',
  'critical-rollback-failed-commands',
  'critical-rollback-failed-verification',
  'critical-not-deploy',
  'stopped',
  'resumed-still-stopped',
  'resumed-head-broken',
  'halted-healthy',
  'halted-critical',
  'halted-rollback-failed',
  'ci-failed',
  'run-refused',
  'run-failed'
] as const
export type SituationId = (typeof SITUATIONS)[number]

export interface NextStep {
  situation: SituationId
  /** The exact command to run, or null when the step is for a person. */
  command: string | null
  why: string
}

export interface LiveVersion {
  tag: string
  sha: string
  kind: DeploymentFact['kind']
  /** When this version started running. */
  since: string
  verified: boolean | null
  /** What is uncertain about it, or null. */
  note: string | null
}

export interface Situation {
  overall: 'healthy' | 'degraded' | 'critical' | 'stopped' | 'unknown'
  /** Per configured service, what runs there; null before any deployment. */
  components: Record<string, LiveVersion | null>
  /** Where a rollback of every running service would go now, if anywhere. */
  target: string | null
  next: NextStep
}

const gh = (args: string): string => `gh workflow run ${WORKFLOW} ${args}`
const REASON = '-f reason="<why>"'
const FIXED = '-f reason="<what was fixed>"'

export const COMMANDS = {
  healthcheck: gh('-f action=healthcheck'),
  deploy: gh('-f action=deploy'),
  stop: gh(`-f action=emergency-stop ${REASON}`),
  resume: gh(`-f action=resume ${FIXED}`),
  /** A rollback; only a well-formed tag and a service name reach it. */
  rollback(tag: string, component: string | null): string {
    const version = WELL_FORMED_TAG.test(tag)
      ? tag
      : '<deployment-YYYYMMDD-HHMMSS>'
    const only =
      component !== null && SERVICE.test(component)
        ? ` -f target_component=${component}`
        : ''
    return gh(
      `-f action=rollback -f rollback_version=${version}${only} ${REASON}`
    )
  }
}

/** The services a deployment touched. */
function scope(d: DeploymentFact, all: string[]): string[] {
  return d.components.length === 0 ? all : d.components
}

const shown = (tag: string): string =>
  WELL_FORMED_TAG.test(tag) ? tag : 'an unrecognised tag'

/**
 * What runs on each service: the deployments folded oldest first. A deploy
 * moves the services it deployed; a rollback moves those it rolled back;
 * a rollback whose commands failed moves nothing (what ran before is
 * assumed to run still, and the note says so).
 */
export function liveVersions(
  facts: SituationFacts
): Record<string, LiveVersion | null> {
  const all = Object.keys(facts.services)
  const live: Record<string, LiveVersion | null> = Object.fromEntries(
    all.map((n) => [n, null])
  )
  for (const d of [...facts.deployments].reverse()) {
    const names = scope(d, all).filter((n) => Object.hasOwn(live, n))
    if (d.failure === 'commands') {
      for (const n of names) {
        const current = live[n]
        if (current)
          current.note = `a ${d.kind} to ${shown(d.tag)} failed in its commands at ${d.time}; this is what ran before it, unless its commands changed it partly`
      }
      continue
    }
    for (const n of names)
      live[n] = {
        tag: d.tag,
        sha: d.sha,
        kind: d.kind,
        since: d.time,
        verified: d.verified,
        note: null
      }
  }
  return live
}

/** Older than `than`: by the tag's own time when both are well formed. */
function older(d: DeploymentFact, than: LiveVersion): boolean {
  if (WELL_FORMED_TAG.test(d.tag) && WELL_FORMED_TAG.test(than.tag))
    return d.tag < than.tag
  return d.time < than.since
}

/**
 * Where to roll `names` back to: the newest verified deployment, older than
 * what runs on each of them now and never what runs, that covered them all.
 * With nothing running (`live` all null), the newest verified one.
 */
export function rollbackTarget(
  facts: SituationFacts,
  live: Record<string, LiveVersion | null>,
  names: string[]
): string | null {
  const all = Object.keys(facts.services)
  for (const d of facts.deployments) {
    if (d.verified !== true || d.failure !== null) continue
    if (!WELL_FORMED_TAG.test(d.tag)) continue
    const covered = scope(d, all)
    if (!names.every((n) => covered.includes(n))) continue
    const fits = names.every((n) => {
      const now = live[n]
      return !now || (now.tag !== d.tag && older(d, now))
    })
    if (fits) return d.tag
  }
  return null
}

function overallOf(facts: SituationFacts): Situation['overall'] {
  if (facts.stopped) return 'stopped'
  const states = Object.values(facts.services).map((s) => s.status)
  if (states.includes('down')) return 'critical'
  if (states.length === 0 || states.includes('unknown')) return 'unknown'
  if (states.includes('degraded')) return 'degraded'
  return 'healthy'
}

const list = (names: string[]): string => names.join(', ')

/**
 * The newest deploy that still runs, unverified, on a service it is blamed
 * for that is down now; null when no deployment explains the outage.
 */
function culprit(
  facts: SituationFacts,
  live: Record<string, LiveVersion | null>,
  down: string[]
): { deployment: DeploymentFact; broken: string[] } | null {
  for (const d of facts.deployments) {
    if (d.kind === 'rollback' || d.failure === 'commands') continue
    if (d.verified === true) continue
    const broken = d.blamed.filter(
      (n) =>
        down.includes(n) && live[n]?.tag === d.tag && live[n]?.kind === d.kind
    )
    if (broken.length > 0) return { deployment: d, broken }
  }
  return null
}

/** Main's head is known broken: its newest deploy failed its verification. */
function headBroken(facts: SituationFacts): DeploymentFact | null {
  const d = facts.deployments.find((e) => e.kind !== 'rollback')
  return d && d.verified === false ? d : null
}

function decide(
  facts: SituationFacts,
  live: Record<string, LiveVersion | null>,
  overall: Situation['overall']
): NextStep {
  const all = Object.keys(facts.services)
  const down = all.filter((n) => facts.services[n]?.status === 'down')
  const halt = facts.halt
  if (facts.stopped) {
    if (halt)
      return {
        situation: 'stopped',
        command: COMMANDS.resume,
        why: 'An emergency stop stopped the services and holds the lock. Find and fix the cause, resume with what was fixed, then deploy or roll back to start the services again.'
      }
    const broken = headBroken(facts)
    if (!broken)
      return {
        situation: 'resumed-still-stopped',
        command: COMMANDS.deploy,
        why: 'The lock is released, but the services are still stopped: resume restarts nothing. A deploy of main starts them again.'
      }
    const target = rollbackTarget(facts, nulls(all), all)
    return target
      ? {
          situation: 'resumed-head-broken',
          command: COMMANDS.rollback(target, null),
          why: `The services are still stopped and main's head (${shown(broken.tag)}) failed its verification, so deploying it would start a broken version: roll back to ${target}, the newest verified one, to start them.`
        }
      : noTarget(
          `The services are still stopped, main's head (${shown(broken.tag)}) failed its verification and no verified deployment covers every service`
        )
  }
  if (overall === 'critical') {
    const newest = facts.deployments[0]
    if (newest?.kind === 'rollback' && newest.failure === 'commands')
      return halt
        ? {
            situation: 'halted-rollback-failed',
            command: null,
            why: `The rollback to ${shown(newest.tag)} failed in its deploy commands while the emergency stop is in effect; another stop changes nothing. Hand over to a person: fix the deploy command or name another verified target.`
          }
        : {
            situation: 'critical-rollback-failed-commands',
            command: COMMANDS.stop,
            why: `The rollback to ${shown(newest.tag)} failed in its deploy commands, so the version that broke may still run. Stop, and hand over to a person: fix the deploy command or name another verified target; do not retry it in a loop.`
          }
    if (
      newest?.kind === 'rollback' &&
      newest.failure === 'verification' &&
      scope(newest, all).some((n) => down.includes(n))
    ) {
      const still = scope(newest, all).filter((n) => down.includes(n))
      return {
        situation: 'critical-rollback-failed-verification',
        command: COMMANDS.healthcheck,
        why: `The rollback to ${shown(newest.tag)} ran, but ${list(still)} is still down at that version, which was verified healthy before: the cause is outside the deployment. Investigate ${list(still)}; run a health check after fixing it. Stop (-f action=emergency-stop) if it is doing harm.`
      }
    }
    const blamed = culprit(facts, live, down)
    if (blamed) {
      const d = blamed.deployment
      // One broken service goes back alone; several go back together, with
      // every service that runs the same version.
      const one = blamed.broken.length === 1 ? blamed.broken[0]! : null
      const names = one ? [one] : all.filter((n) => live[n]?.tag === d.tag)
      const target = rollbackTarget(facts, live, names)
      if (!target)
        return noTarget(
          `${list(blamed.broken)} went down with ${shown(d.tag)}, and there is no earlier verified deployment of ${list(names)} to roll back to`
        )
      return {
        situation: halt ? 'halted-critical' : 'critical-after-deploy',
        command: COMMANDS.rollback(
          target,
          one !== null && all.length > 1 ? one : null
        ),
        why:
          `${list(blamed.broken)} went down with ${shown(d.tag)}, which is not verified; ${target} was verified healthy before it.` +
          (halt
            ? ' Rollbacks run while the emergency stop is in effect; resume only once the cause is fixed.'
            : '')
      }
    }
    const reasons = down
      .map((n) => {
        const reason = facts.services[n]?.reason
        return reason ? `${n}: ${oneLine(reason, 80)}` : n
      })
      .join('; ')
    return {
      situation: 'critical-not-deploy',
      command: COMMANDS.healthcheck,
      why: `${list(down)} ${down.length === 1 ? 'is' : 'are'} down, and no deployment still running broke ${down.length === 1 ? 'it' : 'them'} (${reasons}), so a rollback would not help. Investigate ${list(down)}; run a health check after fixing it. Stop (-f action=emergency-stop) if it is doing harm.`
    }
  }
  if (overall === 'unknown')
    return {
      situation: 'unknown',
      command: COMMANDS.healthcheck,
      why: 'No health check has confirmed every service yet.'
    }
  if (halt)
    return {
      situation: 'halted-healthy',
      command: COMMANDS.resume,
      why: `The emergency stop is in effect and the services answer (${overall}); deploys are refused until resume. Resume once the cause is fixed, with what was fixed.`
    }
  const run = facts.lastRun
  if (run?.outcome.kind === 'refused')
    return {
      situation: 'run-refused',
      command: null,
      why: `The last ${run.action} was refused: ${oneLine(run.outcome.reason, 200)}. A refusal is an answer: change the request, do not retry it.`
    }
  if (run?.ciFailed)
    return {
      situation: 'ci-failed',
      command: null,
      why: `CI failed, so the last ${run.action} deployed nothing and the earlier version runs. Fix the build and push to main.`
    }
  if (run?.rollback?.automatic && run.rollback.result === 'executed') {
    const broken = headBroken(facts)
    return {
      situation: 'rolled-back-automatically',
      command: null,
      why: `The last ${run.action}${broken ? ` (${shown(broken.tag)})` : ''} broke ${list(run.blame?.broken ?? []) || 'a service'} and was rolled back and verified. Main's head is broken: fix it and push; do not redeploy it.`
    }
  }
  if (run?.outcome.kind === 'failed' || run?.outcome.kind === 'cancelled')
    return {
      situation: 'run-failed',
      command: COMMANDS.healthcheck,
      why:
        run.outcome.kind === 'failed'
          ? `The last ${run.action} failed in its ${run.outcome.stage} stage: read its log (gh run view <run-id> --log-failed). A health check shows what runs now.`
          : `The last ${run.action} was cancelled before it finished. A health check shows what runs now.`
    }
  if (overall === 'degraded')
    return {
      situation: 'degraded',
      command: COMMANDS.healthcheck,
      why: 'Every service answers, but some slowly or rate-limited. Watch it; no rollback needed.'
    }
  return {
    situation: 'healthy',
    command: null,
    why: 'Everything is healthy: nothing to do. A push to main deploys when there is something to ship.'
  }
}

function nulls(names: string[]): Record<string, LiveVersion | null> {
  return Object.fromEntries(names.map((n) => [n, null]))
}

function noTarget(what: string): NextStep {
  return {
    situation: 'no-rollback-target',
    command: null,
    why: `${what}. Fix forward (push a fix to main), or hand over to a person; stop (-f action=emergency-stop) if it is doing harm.`
  }
}

/** The situation for the facts: what runs, how healthy, and the one next step. */
export function situate(facts: SituationFacts): Situation {
  const components = liveVersions(facts)
  const overall = overallOf(facts)
  const running = Object.keys(components).filter((n) => components[n])
  return {
    overall,
    components,
    target:
      running.length > 0 ? rollbackTarget(facts, components, running) : null,
    next: decide(facts, components, overall)
  }
}

// ---------------------------------------------------------------------------
// Building the facts, one run at a time.

export const RunRecordSchema = z.strictObject({
  action: z.enum(ACTIONS),
  at: iso,
  outcome: RunOutcomeSchema,
  ciFailed: z.boolean(),
  /** A deploy whose commands ran; `tag` is '' when they failed (no tag is made). */
  deploy: z
    .strictObject({
      tag: z.string().max(100),
      sha: z.string().regex(/^[0-9a-f]{0,64}$/),
      components: z.array(name).min(1)
    })
    .nullable(),
  /** The monitor's check: after a deploy its verification, else the scheduled one. */
  check: z.record(name, health).nullable(),
  reasons: z.record(name, z.string().max(500)).default({}),
  rollback: z
    .strictObject({
      automatic: z.boolean(),
      tag: z.string().max(100),
      sha: z.string().regex(/^[0-9a-f]{0,64}$/),
      components: z.array(name).min(1),
      commandsFailed: z.boolean(),
      /** Its verification; null when its commands failed. */
      check: z.record(name, health).nullable()
    })
    .nullable(),
  /** An emergency stop of this run ran the stop commands. */
  stopped: z.boolean(),
  /** The lock as this run left it. */
  halt: HaltFactSchema.nullable()
})
export type RunRecord = z.input<typeof RunRecordSchema>

export const MAX_DEPLOYMENT_FACTS = 100

/** The services stay stopped until every one of them has been started again. */
const coversAll = (components: string[], all: string[]): boolean =>
  all.every((n) => components.includes(n))

function applyCheck(
  facts: SituationFacts,
  check: Record<string, Health>,
  reasons: Record<string, string>,
  at: string
): void {
  for (const [n, status] of Object.entries(check)) {
    const current = facts.services[n]
    if (!current) continue
    if (current.status !== status) {
      current.status = status
      current.since = at
    }
    current.reason = status === 'healthy' ? null : (reasons[n] ?? null)
  }
}

/**
 * Folds one run into the facts (a new object; the input is not changed). A
 * deploy is judged by `blame` against the health just before it (after an
 * emergency stop the services were stopped on purpose, not broken, so their
 * earlier state does not excuse a deploy); a rollback by `judgeRollback` on
 * the services it rolled back.
 */
export function applyRun(
  previous: SituationFacts,
  input: RunRecord
): SituationFacts {
  const run = RunRecordSchema.parse(input)
  const facts = structuredClone(previous)
  const all = Object.keys(facts.services)
  const before: Record<string, Health> = Object.fromEntries(
    all.map((n) => [
      n,
      previous.stopped ? 'unknown' : (previous.services[n]?.status ?? 'unknown')
    ])
  )
  let verdict: Blame | null = null
  if (run.deploy && run.deploy.tag !== '') {
    verdict = blame({
      before,
      after: run.check ?? {},
      deployed: run.deploy.components
    })
    facts.deployments.unshift({
      tag: run.deploy.tag,
      sha: run.deploy.sha,
      time: run.at,
      kind: run.action === 'update-component' ? 'update-component' : 'deploy',
      components: run.deploy.components,
      verified:
        verdict.verdict === 'verified'
          ? true
          : verdict.verdict === 'broken'
            ? false
            : null,
      failure: verdict.verdict === 'broken' ? 'verification' : null,
      blamed: [...verdict.broken, ...verdict.unchecked].sort()
    })
    if (coversAll(run.deploy.components, all)) facts.stopped = false
  }
  if (run.check) applyCheck(facts, run.check, run.reasons, run.at)
  let rollbackResult: NonNullable<LastRun['rollback']>['result'] | null = null
  if (run.rollback) {
    const r = run.rollback
    const judged =
      r.commandsFailed || !r.check ? null : judgeRollback(r.check, r.components)
    rollbackResult = r.commandsFailed
      ? 'failed-commands'
      : judged?.ok
        ? 'executed'
        : 'failed-verification'
    facts.deployments.unshift({
      tag: r.tag,
      sha: r.sha,
      time: run.at,
      kind: 'rollback',
      components: r.components,
      verified: rollbackResult === 'executed',
      failure:
        rollbackResult === 'failed-commands'
          ? 'commands'
          : rollbackResult === 'failed-verification'
            ? 'verification'
            : null,
      blamed: []
    })
    if (r.check) applyCheck(facts, r.check, run.reasons, run.at)
    if (!r.commandsFailed && coversAll(r.components, all)) facts.stopped = false
  }
  if (run.stopped) facts.stopped = true
  facts.deployments.length = Math.min(
    facts.deployments.length,
    MAX_DEPLOYMENT_FACTS
  )
  facts.halt = run.halt
  if (run.at > facts.now) facts.now = run.at
  facts.lastRun = {
    action: run.action,
    at: run.at,
    outcome: run.outcome,
    ciFailed: run.ciFailed,
    rollback: run.rollback
      ? { automatic: run.rollback.automatic, result: rollbackResult! }
      : null,
    blame: verdict
      ? {
          verdict: verdict.verdict,
          broken: verdict.broken,
          notOurs: verdict.notOurs
        }
      : null
  }
  return SituationFactsSchema.parse(facts)
}

/** Facts before any run: every configured service unknown, nothing deployed. */
export function initialFacts(services: string[], now: string): SituationFacts {
  return SituationFactsSchema.parse({
    now,
    halt: null,
    deployments: [],
    services: Object.fromEntries(
      services.map((n) => [n, { status: 'unknown', since: null, reason: null }])
    ),
    stopped: false,
    lastRun: null
  })
}

/**
 * What runs on each service, as the state block and the MCP server keep it:
 * only a well-formed tag, and no note.
 */
export function liveRecords(
  situation: Situation
): Record<string, Omit<LiveVersion, 'note'> | null> {
  return Object.fromEntries(
    Object.entries(situation.components).map(([name, live]) => [
      name,
      live
        ? {
            tag: WELL_FORMED_TAG.test(live.tag) ? live.tag : '',
            sha: live.sha,
            kind: live.kind,
            since: live.since,
            verified: live.verified
          }
        : null
    ])
  )
}
