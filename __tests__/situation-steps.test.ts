import { describe, expect, test } from '@jest/globals'
import {
  SituationFactsSchema,
  applyRun,
  initialFacts,
  liveRecords,
  situate,
  type DeploymentFact,
  type LastRun,
  type SituationFacts
} from '../src/dashboard/situation.js'

const NOW = '2026-01-01T12:00:00.000Z'
const T1 = 'deployment-20260101-080000'
const T2 = 'deployment-20260101-100000'
const gh = (args: string): string =>
  `gh workflow run ai-agent-handoff-runbook.yml ${args}`
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
  health: Record<string, Health>,
  over: Partial<SituationFacts> = {},
  reasons: Record<string, string> = {}
): SituationFacts {
  return SituationFactsSchema.parse({
    now: NOW,
    halt: null,
    deployments: [good],
    services: Object.fromEntries(
      Object.entries(health).map(([n, s]) => [
        n,
        { status: s, since: NOW, reason: reasons[n] ?? null }
      ])
    ),
    stopped: false,
    lastRun: null,
    ...over
  })
}

describe('the step in more detail', () => {
  test('services broken together by one deploy are rolled back together', () => {
    const bad = deployed(T2, 10, {
      verified: false,
      failure: 'verification',
      blamed: ['a', 'b']
    })
    const next = situate(
      facts(
        { a: 'down', b: 'down', c: 'healthy' },
        { deployments: [bad, good] }
      )
    ).next
    expect(next).toEqual({
      situation: 'critical-after-deploy',
      command: gh(
        `-f action=rollback -f rollback_version=${T1} -f reason="<why>"`
      ),
      why: `a, b went down with ${T2}, which is not verified; ${T1} was verified healthy before it.`
    })
  })

  test('the one service of a configuration is rolled back without naming it', () => {
    const bad = deployed(T2, 10, {
      verified: false,
      failure: 'verification',
      blamed: ['a']
    })
    expect(
      situate(facts({ a: 'down' }, { deployments: [bad, good] })).next.command
    ).toBe(gh(`-f action=rollback -f rollback_version=${T1} -f reason="<why>"`))
  })

  test('a deploy no longer running on the service it broke is not blamed', () => {
    const bad = deployed(T2, 10, {
      verified: false,
      failure: 'verification',
      blamed: ['a']
    })
    const back = deployed(T1, 11, { kind: 'rollback', components: ['a'] })
    expect(
      situate(
        facts({ a: 'down', b: 'healthy' }, { deployments: [back, bad, good] })
      ).next.situation
    ).toBe('critical-not-deploy')
  })

  test('several services down on their own are named with their reasons', () => {
    const next = situate(
      facts(
        { a: 'down', b: 'down', c: 'healthy' },
        {},
        { a: 'HTTP 503', b: 'timeout\nafter 5 s' }
      )
    ).next
    expect(next.why).toBe(
      'a, b are down, and no deployment still running broke them (a: HTTP 503; b: timeout after 5 s), so a rollback would not help. Investigate a, b; run a health check after fixing it. Stop (-f action=emergency-stop) if it is doing harm.'
    )
  })

  test('a rollback that failed its verification on services now answering is not the cause', () => {
    const back = deployed(T1, 11, {
      kind: 'rollback',
      components: ['b'],
      verified: false,
      failure: 'verification'
    })
    expect(
      situate(facts({ a: 'down', b: 'healthy' }, { deployments: [back, good] }))
        .next.situation
    ).toBe('critical-not-deploy')
  })

  test('a cancelled run is told as cancelled, with a health check', () => {
    expect(
      situate(
        facts(
          { a: 'healthy' },
          { lastRun: run({ outcome: { kind: 'cancelled' } }) }
        )
      ).next
    ).toEqual({
      situation: 'run-failed',
      command: gh('-f action=healthcheck'),
      why: 'The last deploy was cancelled before it finished. A health check shows what runs now.'
    })
  })

  test('an automatic rollback with nothing known of what broke says a service', () => {
    expect(
      situate(
        facts(
          { a: 'healthy' },
          {
            lastRun: run({ rollback: { automatic: true, result: 'executed' } })
          }
        )
      ).next.why
    ).toBe(
      "The last deploy broke a service and was rolled back and verified. Main's head is broken: fix it and push; do not redeploy it."
    )
  })

  test('a rollback run by hand that worked is no automatic rollback', () => {
    expect(
      situate(
        facts(
          { a: 'healthy' },
          {
            lastRun: run({
              action: 'rollback',
              rollback: { automatic: false, result: 'executed' }
            })
          }
        )
      ).next.situation
    ).toBe('healthy')
  })

  test('stopped with a broken head and nothing verified to go back to, the step is for a person', () => {
    const bad = deployed(T2, 10, {
      verified: false,
      failure: 'verification',
      blamed: ['a']
    })
    expect(
      situate(facts({ a: 'down' }, { deployments: [bad], stopped: true })).next
    ).toEqual({
      situation: 'no-rollback-target',
      command: null,
      why: `The services are still stopped, main's head (${T2}) failed its verification and no verified deployment covers every service. Fix forward (push a fix to main), or hand over to a person; stop (-f action=emergency-stop) if it is doing harm.`
    })
  })

  test('with no service configured the situation is unknown', () => {
    expect(situate(facts({}, { deployments: [] })).overall).toBe('unknown')
  })

  test('a degraded and an unknown service together are unknown', () => {
    expect(situate(facts({ a: 'degraded', b: 'unknown' })).overall).toBe(
      'unknown'
    )
  })
})

describe('what runs, as kept in the state', () => {
  test('a tag that is not a deployment tag is kept as none', () => {
    const situation = situate(
      facts({ a: 'healthy' }, { deployments: [deployed('v1.0', 8)] })
    )
    expect(liveRecords(situation)).toEqual({
      a: {
        tag: '',
        sha: 'a'.repeat(40),
        kind: 'deploy',
        since: '2026-01-01T08:00:00.000Z',
        verified: true
      }
    })
  })

  test('a deployment of a service not configured moves nothing', () => {
    const situation = situate(
      facts(
        { a: 'healthy' },
        { deployments: [deployed(T1, 8, { components: ['z'] })] }
      )
    )
    expect(situation.components).toEqual({ a: null })
  })
})

describe('folding runs', () => {
  const base = {
    action: 'healthcheck',
    outcome: { kind: 'succeeded' },
    ciFailed: false,
    deploy: null,
    check: null,
    rollback: null,
    stopped: false,
    halt: null
  } as const

  test('a run dated before the facts does not move their time back', () => {
    const later = applyRun(initialFacts(['a'], NOW), {
      ...base,
      at: '2026-01-01T11:00:00.000Z'
    })
    expect(later.now).toBe(NOW)
  })

  test('the newest 100 deployments are kept', () => {
    let f = initialFacts(['a'], '2026-01-01T00:00:00.000Z')
    for (let i = 0; i < 101; i++) {
      const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000)
      f = applyRun(f, {
        ...base,
        action: 'deploy',
        at: at.toISOString(),
        deploy: { tag: `t${i}`, sha: '', components: ['a'] },
        check: { a: 'healthy' }
      })
    }
    expect([f.deployments.length, f.deployments[0]?.tag]).toEqual([100, 't100'])
  })

  test('a service down before a deploy and still down leaves it unverified, not blamed', () => {
    let f = applyRun(initialFacts(['a', 'b'], NOW), {
      ...base,
      at: NOW,
      check: { a: 'down', b: 'healthy' }
    })
    f = applyRun(f, {
      ...base,
      action: 'deploy',
      at: '2026-01-01T12:10:00.000Z',
      deploy: { tag: T2, sha: '', components: ['a', 'b'] },
      check: { a: 'down', b: 'healthy' }
    })
    expect(f.deployments[0]).toMatchObject({
      verified: null,
      failure: null,
      blamed: []
    })
  })

  test('a deploy is blamed for what it broke and what it could not check, in order', () => {
    const f = applyRun(initialFacts(['a', 'b', 'c'], NOW), {
      ...base,
      action: 'deploy',
      at: NOW,
      deploy: { tag: T2, sha: '', components: ['c', 'b', 'a'] },
      check: { c: 'down', a: 'healthy' }
    })
    expect(f.deployments[0]).toMatchObject({
      verified: false,
      failure: 'verification',
      blamed: ['b', 'c']
    })
  })

  test('a rollback of some services does not start the stopped others', () => {
    let f = applyRun(initialFacts(['a', 'b'], NOW), {
      ...base,
      action: 'emergency-stop',
      at: NOW,
      stopped: true
    })
    f = applyRun(f, {
      ...base,
      action: 'rollback',
      at: '2026-01-01T12:10:00.000Z',
      rollback: {
        automatic: false,
        tag: T1,
        sha: '',
        components: ['a'],
        commandsFailed: false,
        check: { a: 'healthy', b: 'down' }
      }
    })
    expect(f.stopped).toBe(true)
  })

  test('a rollback of every service whose commands failed starts nothing', () => {
    let f = applyRun(initialFacts(['a'], NOW), {
      ...base,
      action: 'emergency-stop',
      at: NOW,
      stopped: true
    })
    f = applyRun(f, {
      ...base,
      action: 'rollback',
      at: '2026-01-01T12:10:00.000Z',
      rollback: {
        automatic: false,
        tag: T1,
        sha: '',
        components: ['a'],
        commandsFailed: true,
        check: null
      }
    })
    expect([f.stopped, f.deployments[0]?.failure]).toEqual([true, 'commands'])
  })

  test('a rollback whose services were not all checked failed its verification', () => {
    const f = applyRun(initialFacts(['a', 'b'], NOW), {
      ...base,
      action: 'rollback',
      at: NOW,
      rollback: {
        automatic: false,
        tag: T1,
        sha: '',
        components: ['a', 'b'],
        commandsFailed: false,
        check: { a: 'healthy' }
      }
    })
    expect(f.deployments[0]).toMatchObject({
      verified: false,
      failure: 'verification'
    })
    expect(f.lastRun?.rollback).toEqual({
      automatic: false,
      result: 'failed-verification'
    })
  })

  test('a service that answers again has no reason, one still failing keeps its new reason', () => {
    let f = applyRun(initialFacts(['a', 'b'], NOW), {
      ...base,
      at: NOW,
      check: { a: 'down', b: 'down' },
      reasons: { a: 'HTTP 500', b: 'HTTP 502' }
    })
    f = applyRun(f, {
      ...base,
      at: '2026-01-01T12:10:00.000Z',
      check: { a: 'healthy', b: 'down' },
      reasons: { b: 'timeout' }
    })
    expect(f.services).toEqual({
      a: { status: 'healthy', since: '2026-01-01T12:10:00.000Z', reason: null },
      b: { status: 'down', since: NOW, reason: 'timeout' }
    })
  })
})
