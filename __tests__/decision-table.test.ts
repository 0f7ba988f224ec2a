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
