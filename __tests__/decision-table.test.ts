import { describe, expect, test } from '@jest/globals'
import {
  SITUATIONS,
  SituationFactsSchema,
  situate,
  type DeploymentFact,
  type LastRun,
  type SituationFacts,
  type SituationId
} from '../src/dashboard/situation.js'
import { decisionTable } from './helpers/decision-table.js'

const NOW = '2026-01-01T12:00:00.000Z'
const T1 = 'deployment-20260101-080000'
const T2 = 'deployment-20260101-100000'
type Health = 'healthy' | 'degraded' | 'down' | 'unknown'

const deployed = (
  tag: string,
  hour: number,
  over: Partial<DeploymentFact> = {}
): DeploymentFact => ({
  tag,
  sha: 'a'.repeat(40),
  time: `2026-01-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
  kind: 'deploy',
  components: [],
  verified: true,
  failure: null,
  blamed: [],
  ...over
})

const good = deployed(T1, 8)
const broken = deployed(T2, 10, {
  verified: false,
  failure: 'verification',
  blamed: ['a']
})
const rollback = (over: Partial<DeploymentFact>): DeploymentFact =>
  deployed(T1, 11, { kind: 'rollback', components: ['a'], ...over })

const run = (over: Partial<LastRun> = {}): LastRun => ({
  action: 'deploy',
  at: NOW,
  outcome: { kind: 'succeeded' },
  ciFailed: false,
  rollback: null,
  blame: null,
  ...over
})

function facts(
  health: Partial<Record<'a' | 'b' | 'c', Health>>,
  over: Partial<SituationFacts> = {}
): SituationFacts {
  const status = { a: 'healthy', b: 'healthy', c: 'healthy', ...health }
  return SituationFactsSchema.parse({
    now: NOW,
    halt: null,
    deployments: [good],
    services: Object.fromEntries(
      Object.entries(status).map(([n, s]) => [
        n,
        { status: s, since: NOW, reason: null }
      ])
    ),
    stopped: false,
    lastRun: null,
    ...over
  })
}

const halt = { by: 'octocat', at: NOW, reason: 'harm' }
const allDown = { a: 'down', b: 'down', c: 'down' } as const

/** One representative situation per id; the type makes it complete. */
const CASES: Record<SituationId, SituationFacts> = {
  healthy: facts({}),
  degraded: facts({ b: 'degraded' }),
  unknown: facts({ c: 'unknown' }),
  'critical-after-deploy': facts(
    { a: 'down' },
    { deployments: [broken, good] }
  ),
  'no-rollback-target': facts({ a: 'down' }, { deployments: [broken] }),
  'rolled-back-automatically': facts(
    {},
    {
      deployments: [rollback({}), broken, good],
      lastRun: run({
        rollback: { automatic: true, result: 'executed' },
        blame: { verdict: 'broken', broken: ['a'], notOurs: [] }
      })
    }
  ),
  'critical-rollback-failed-commands': facts(
    { a: 'down' },
    {
      deployments: [
        rollback({ verified: false, failure: 'commands' }),
        broken,
        good
      ]
    }
  ),
  'critical-rollback-failed-verification': facts(
    { a: 'down' },
    {
      deployments: [
        rollback({ verified: false, failure: 'verification' }),
        broken,
        good
      ]
    }
  ),
  'critical-not-deploy': facts(
    { a: 'down' },
    {
      deployments: [
        deployed(T2, 10, { kind: 'update-component', components: ['b'] }),
        good
      ]
    }
  ),
  stopped: facts(allDown, { halt, stopped: true }),
  'resumed-still-stopped': facts(allDown, { stopped: true }),
  'resumed-head-broken': facts(allDown, {
    stopped: true,
    deployments: [rollback({ components: [] }), broken, good]
  }),
  'halted-healthy': facts({}, { halt }),
  'halted-critical': facts(
    { a: 'down' },
    { halt, deployments: [broken, good] }
  ),
  'halted-rollback-failed': facts(
    { a: 'down' },
    {
      halt,
      deployments: [
        rollback({ verified: false, failure: 'commands' }),
        broken,
        good
      ]
    }
  ),
  'ci-failed': facts(
    {},
    {
      lastRun: run({
        outcome: { kind: 'failed', stage: 'ci' },
        ciFailed: true
      })
    }
  ),
  'run-refused': facts(
    {},
    {
      lastRun: run({
        outcome: { kind: 'refused', reason: 'octocat has read permission' }
      })
    }
  ),
  'run-failed': facts(
    {},
    { lastRun: run({ outcome: { kind: 'failed', stage: 'deploy' } }) }
  )
}

const rows = decisionTable()

describe('the decision table in the runbook', () => {
  test('has one row per situation of the model and no other', () => {
    const ids = rows.map((r) => r.situation)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...SITUATIONS].sort())
  })

  test.each(rows.map((r) => [r.situation, r] as const))(
    'the model gives the %s row its situation and its step',
    (id, row) => {
      const next = situate(CASES[id as SituationId]).next
      expect(next.situation).toBe(id)
      if (row.pattern === null) expect(next.command).toBeNull()
      else expect(next.command).toMatch(row.pattern)
      expect(next.why).not.toBe('')
    }
  )
})

const gh = (args: string): string =>
  `gh workflow run ai-agent-handoff-runbook.yml ${args}`
const HEALTHCHECK = gh('-f action=healthcheck')
const STOP = gh('-f action=emergency-stop -f reason="<why>"')
const RESUME = gh('-f action=resume -f reason="<what was fixed>"')
const ROLLBACK_A = gh(
  `-f action=rollback -f rollback_version=${T1} -f target_component=a -f reason="<why>"`
)
const STOP_IF_HARM = 'Stop (-f action=emergency-stop) if it is doing harm.'

/** The exact step and why of each representative situation. */
const STEPS: Record<SituationId, [string | null, string]> = {
  healthy: [
    null,
    'Everything is healthy: nothing to do. A push to main deploys when there is something to ship.'
  ],
  degraded: [
    HEALTHCHECK,
    'Every service answers, but some slowly or rate-limited. Watch it; no rollback needed.'
  ],
  unknown: [HEALTHCHECK, 'No health check has confirmed every service yet.'],
  'critical-after-deploy': [
    ROLLBACK_A,
    `a went down with ${T2}, which is not verified; ${T1} was verified healthy before it.`
  ],
  'no-rollback-target': [
    null,
    `a went down with ${T2}, and there is no earlier verified deployment of a to roll back to. Fix forward (push a fix to main), or hand over to a person; stop (-f action=emergency-stop) if it is doing harm.`
  ],
  'rolled-back-automatically': [
    null,
    `The last deploy (${T2}) broke a and was rolled back and verified. Main's head is broken: fix it and push; do not redeploy it.`
  ],
  'critical-rollback-failed-commands': [
    STOP,
    `The rollback to ${T1} failed in its deploy commands, so the version that broke may still run. Stop, and hand over to a person: fix the deploy command or name another verified target; do not retry it in a loop.`
  ],
  'critical-rollback-failed-verification': [
    HEALTHCHECK,
    `The rollback to ${T1} ran, but a is still down at that version, which was verified healthy before: the cause is outside the deployment. Investigate a; run a health check after fixing it. ${STOP_IF_HARM}`
  ],
  'critical-not-deploy': [
    HEALTHCHECK,
    `a is down, and no deployment still running broke it (a), so a rollback would not help. Investigate a; run a health check after fixing it. ${STOP_IF_HARM}`
  ],
  stopped: [
    RESUME,
    'An emergency stop stopped the services and holds the lock. Find and fix the cause, resume with what was fixed, then deploy or roll back to start the services again.'
  ],
  'resumed-still-stopped': [
    gh('-f action=deploy'),
    'The lock is released, but the services are still stopped: resume restarts nothing. A deploy of main starts them again.'
  ],
  'resumed-head-broken': [
    gh(`-f action=rollback -f rollback_version=${T1} -f reason="<why>"`),
    `The services are still stopped and main's head (${T2}) failed its verification, so deploying it would start a broken version: roll back to ${T1}, the newest verified one, to start them.`
  ],
  'halted-healthy': [
    RESUME,
    'The emergency stop is in effect and the services answer (healthy); deploys are refused until resume. Resume once the cause is fixed, with what was fixed.'
  ],
  'halted-critical': [
    ROLLBACK_A,
    `a went down with ${T2}, which is not verified; ${T1} was verified healthy before it. Rollbacks run while the emergency stop is in effect; resume only once the cause is fixed.`
  ],
  'halted-rollback-failed': [
    null,
    `The rollback to ${T1} failed in its deploy commands while the emergency stop is in effect; another stop changes nothing. Hand over to a person: fix the deploy command or name another verified target.`
  ],
  'ci-failed': [
    null,
    'CI failed, so the last deploy deployed nothing and the earlier version runs. Fix the build and push to main.'
  ],
  'run-refused': [
    null,
    'The last deploy was refused: octocat has read permission. A refusal is an answer: change the request, do not retry it.'
  ],
  'run-failed': [
    HEALTHCHECK,
    'The last deploy failed in its deploy stage: read its log (gh run view <run-id> --log-failed). A health check shows what runs now.'
  ]
}

describe('the step of each situation', () => {
  test.each(Object.keys(STEPS) as SituationId[])(
    'the %s situation gives its exact command and why',
    (id) => {
      const next = situate(CASES[id]).next
      expect([next.command, next.why]).toEqual(STEPS[id])
    }
  )
})
