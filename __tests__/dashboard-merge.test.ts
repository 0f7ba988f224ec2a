import { describe, expect, test } from '@jest/globals'
import {
  MAX_DEPLOYMENTS,
  MAX_EVENTS,
  mergeRun,
  outcomeFromResults,
  type MergeOptions
} from '../src/dashboard/merge.js'
import {
  emptyState,
  type DashboardState,
  type ServiceHistory
} from '../src/dashboard/state.js'
import type { Halt } from '../src/platform/platform.js'
import {
  needs,
  plusMinutes,
  report,
  services,
  toSeconds,
  type Health,
  type NeedsSpec
} from './helpers/dashboard.js'

const T0 = '2025-12-22T06:00:00.000Z'
const SERVICES = services('api', 'web')
const OPTIONS: MergeOptions = {
  services: SERVICES,
  thresholds: { failure: 1, success: 1 }
}

let runs = 0

/** Merges one run, given as earlier jobs' results, into `state`. */
function merge(
  state: DashboardState,
  spec: NeedsSpec,
  options: Partial<MergeOptions> & {
    runId?: string
    actor?: string
    now?: string
    reason?: string
  } = {}
): DashboardState {
  runs += 1
  const runId = options.runId ?? String(runs)
  const outcome = outcomeFromResults(
    needs(spec),
    {
      id: runId,
      url: `https://github.com/octo-org/app/actions/runs/${runId}`,
      actor: options.actor ?? 'octocat'
    },
    options.now ?? T0,
    options.reason ?? ''
  )
  return mergeRun(state, outcome, { ...OPTIONS, ...options })
}

/** A scheduled health check at `at` that saw these states. */
const healthcheck = (
  at: string,
  states: Record<string, Health>
): NeedsSpec => ({
  gate: { approved: true, action: 'healthcheck' },
  monitor: report(at, states)
})

const fresh = (): DashboardState => emptyState('2025-12-01T00:00:00.000Z')

const api = (state: DashboardState): ServiceHistory =>
  state.services.api as ServiceHistory

describe('outcomeFromResults', () => {
  test('reads every stage from results shaped like toJSON(needs)', () => {
    const monitor = report(T0, { api: 'healthy', web: 'down' })
    const outcome = outcomeFromResults(
      needs({
        gate: { approved: true, action: 'deploy', halted: false },
        ci: 'success',
        deploy: {
          status: 'success',
          tag: 'deployment-20251222-055900',
          time: '2025-12-22T05:59:00.000Z',
          sha: 'b'.repeat(40),
          components: ['api', 'web']
        },
        monitor,
        rollback: {
          status: 'executed',
          version: 'deployment-20251221-000000',
          sha: 'a'.repeat(40),
          report: report(plusMinutes(T0, 5), { api: 'healthy', web: 'healthy' })
        }
      }),
      { id: '9', url: 'https://example.com/9', actor: 'octocat' },
      '2025-12-22T07:00:00.000Z',
      'bad release'
    )
    expect(outcome).toMatchObject({
      runId: '9',
      actor: 'octocat',
      at: T0,
      action: 'deploy',
      approved: true,
      refusal: '',
      reason: 'bad release',
      build: 'success',
      deployment: {
        status: 'success',
        tag: 'deployment-20251222-055900',
        time: '2025-12-22T05:59:00.000Z',
        sha: 'b'.repeat(40),
        components: ['api', 'web']
      },
      report: monitor,
      rollback: {
        status: 'executed',
        version: 'deployment-20251221-000000',
        sha: 'a'.repeat(40)
      },
      halted: false
    })
    expect(outcome.rollback?.report?.timestamp).toBe(plusMinutes(T0, 5))
  })

  test('reads the workflow job outputs by their snake_case names too', () => {
    const outcome = outcomeFromResults(
      {
        'safety-gate': {
          result: 'success',
          outputs: { approved: 'true', action: 'deploy' }
        },
        deploy: {
          result: 'success',
          outputs: {
            deployment_status: 'failed',
            deployment_time: T0
          }
        }
      },
      { id: '1', url: '', actor: 'octocat' },
      T0
    )
    expect(outcome.deployment).toEqual({
      status: 'failed',
      tag: '',
      time: T0,
      sha: '',
      components: []
    })
  })

  test('a gate job without outputs counts as not approved', () => {
    const outcome = outcomeFromResults(
      { 'safety-gate': { result: 'failure', outputs: {} } },
      { id: '1', url: '', actor: 'octocat' },
      T0
    )
    expect(outcome.approved).toBe(false)
    expect(merge(fresh(), {}).events).toEqual([])
  })

  test('a skipped deploy or rollback is no deployment and no rollback', () => {
    const outcome = outcomeFromResults(
      needs({
        deploy: { status: 'skipped', time: T0 },
        rollback: { status: 'skipped' }
      }),
      { id: '1', url: '', actor: 'octocat' },
      T0
    )
    expect(outcome.deployment).toBeNull()
    expect(outcome.rollback).toBeNull()
    expect(outcome.approved).toBeNull()
  })
})

describe('mergeRun', () => {
  test('merging the same run twice gives the identical state', () => {
    const runsToMerge: NeedsSpec[] = [
      healthcheck(T0, { api: 'healthy', web: 'degraded' }),
      { gate: { approved: false, action: 'deploy', reason: 'halted' } },
      {
        gate: { approved: true, action: 'deploy' },
        deploy: {
          status: 'success',
          tag: 'deployment-20251222-070000',
          time: '2025-12-22T07:00:00.000Z',
          components: ['api']
        },
        monitor: report(plusMinutes(T0, 61), { api: 'down', web: 'healthy' }),
        rollback: {
          status: 'executed',
          version: 'deployment-20251221-000000',
          report: report(plusMinutes(T0, 65), {
            api: 'healthy',
            web: 'healthy'
          })
        }
      }
    ]
    const halt: Halt = { by: 'octocat', at: T0, reason: 'why not' }
    let state = fresh()
    runsToMerge.forEach((spec, i) => {
      state = merge(state, spec, {
        runId: `r${i}`,
        halt: i === 1 ? halt : null
      })
      const once = structuredClone(state)
      const twice = merge(state, spec, {
        runId: `r${i}`,
        halt: i === 1 ? halt : null
      })
      expect(twice).toEqual(once)
    })
    expect(state.events.map((e) => e.kind)).toEqual([
      'rollback',
      'service-healthy',
      'resume',
      'service-healthy',
      'service-down',
      'deploy',
      'emergency-stop',
      'refused',
      'service-degraded'
    ])
  })

  // src/dashboard/merge.ts:73: a run without a report or deployment time
  // takes `now` as its time, and lines 367-369 move updated_at and
  // last_run.at to it. Re-running the status job of a refused run later
  // therefore changes the state and rewrites the dashboard, against "merging
  // the same run twice gives the same state, so a re-run of the status stage
  // writes nothing".
  test('merging the same refused run again later changes nothing', () => {
    const spec: NeedsSpec = {
      gate: { approved: false, action: 'deploy', reason: 'halted' }
    }
    const state = merge(fresh(), spec, { runId: 'r1', now: T0 })
    const once = structuredClone(state)
    merge(state, spec, { runId: 'r1', now: plusMinutes(T0, 10) })
    expect(state).toEqual(once)
  })

  test('a first healthy check makes the service healthy without an event', () => {
    const state = merge(
      fresh(),
      healthcheck(T0, { api: 'healthy', web: 'healthy' })
    )
    expect(api(state)).toMatchObject({
      status: 'healthy',
      since: T0,
      observed: 'healthy',
      streak: 1,
      latency_ms: 42,
      last_check: T0
    })
    expect(state.overall).toBe('healthy')
    expect(state.events).toEqual([])
  })

  test('with failure threshold 2, one down run keeps the service healthy and the second flips it', () => {
    const options = { thresholds: { failure: 2, success: 1 } }
    let state = merge(
      fresh(),
      healthcheck(T0, { api: 'healthy', web: 'healthy' }),
      options
    )
    state = merge(
      state,
      healthcheck(plusMinutes(T0, 360), { api: 'down', web: 'healthy' }),
      options
    )
    expect(api(state)).toMatchObject({
      status: 'healthy',
      observed: 'down',
      streak: 1,
      since: T0,
      reason: 'HTTP 503'
    })
    expect(state.overall).toBe('healthy')
    expect(state.events).toEqual([])

    const second = plusMinutes(T0, 720)
    state = merge(
      state,
      healthcheck(second, { api: 'down', web: 'healthy' }),
      options
    )
    expect(api(state)).toMatchObject({
      status: 'down',
      streak: 2,
      since: second
    })
    expect(state.overall).toBe('critical')
    expect(state.events).toEqual([
      expect.objectContaining({
        at: second,
        kind: 'service-down',
        text: 'api is down (was healthy): HTTP 503'
      })
    ])
  })

  test('with success threshold 2, one good run keeps the service down and the second brings it back', () => {
    const options = { thresholds: { failure: 1, success: 2 } }
    let state = merge(
      fresh(),
      healthcheck(T0, { api: 'down', web: 'healthy' }),
      options
    )
    expect(api(state).status).toBe('down')
    state = merge(
      state,
      healthcheck(plusMinutes(T0, 360), { api: 'healthy', web: 'healthy' }),
      options
    )
    expect(api(state)).toMatchObject({
      status: 'down',
      observed: 'healthy',
      streak: 1
    })
    expect(state.overall).toBe('critical')
    const second = plusMinutes(T0, 720)
    state = merge(
      state,
      healthcheck(second, { api: 'healthy', web: 'healthy' }),
      options
    )
    expect(api(state)).toMatchObject({ status: 'healthy', since: second })
    expect(state.overall).toBe('healthy')
    expect(state.events[0]).toMatchObject({
      kind: 'service-healthy',
      text: 'api is healthy (was down)'
    })
  })

  test('a report older than the last check is recorded but does not change the status', () => {
    let state = merge(
      fresh(),
      healthcheck(T0, { api: 'healthy', web: 'healthy' })
    )
    state = merge(
      state,
      healthcheck(plusMinutes(T0, -60), { api: 'down', web: 'healthy' })
    )
    expect(api(state).status).toBe('healthy')
    expect(api(state).last_check).toBe(T0)
    expect(api(state).recent.map((c) => c[1])).toEqual(['x', 'h'])
  })

  test('a refusal is an event with its reason', () => {
    const state = merge(
      fresh(),
      {
        gate: {
          approved: false,
          action: 'deploy',
          reason: 'an emergency stop is in effect'
        }
      },
      { runId: '77', actor: 'hubot' }
    )
    expect(state.events).toEqual([
      {
        at: T0,
        kind: 'refused',
        text: 'deploy was refused: an emergency stop is in effect',
        run: '77',
        actor: 'hubot'
      }
    ])
  })

  test('a failed build is an event', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'deploy' },
      ci: 'failed'
    })
    expect(state.events.map((e) => [e.kind, e.text])).toEqual([
      ['ci-failed', 'CI failed: nothing was deployed']
    ])
  })

  test('a deploy is recorded newest first, verified by its report', () => {
    const deploy = (
      tag: string,
      time: string,
      states: Record<string, Health> | null
    ) => ({
      gate: { approved: true, action: 'deploy' },
      deploy: {
        status: 'success' as const,
        tag,
        time,
        sha: 'c'.repeat(40),
        components: ['api', 'web']
      },
      ...(states ? { monitor: report(plusMinutes(time, 1), states) } : {})
    })
    let state = merge(
      fresh(),
      deploy('deployment-20251222-060000', T0, {
        api: 'healthy',
        web: 'healthy'
      })
    )
    state = merge(
      state,
      deploy('deployment-20251222-070000', plusMinutes(T0, 60), null)
    )
    state = merge(
      state,
      deploy('deployment-20251222-080000', plusMinutes(T0, 120), {
        api: 'down',
        web: 'healthy'
      })
    )
    expect(state.deployments.map((d) => [d.tag, d.verified, d.kind])).toEqual([
      ['deployment-20251222-080000', false, 'deploy'],
      ['deployment-20251222-070000', null, 'deploy'],
      ['deployment-20251222-060000', true, 'deploy']
    ])
    expect(state.deployments[2]).toMatchObject({
      sha: 'c'.repeat(40),
      time: T0,
      actor: 'octocat',
      components: ['api', 'web']
    })
    expect(
      state.events.filter((e) => e.kind === 'deploy').map((e) => e.text)
    ).toEqual([
      'deploy deployment-20251222-080000 (api, web)',
      'deploy deployment-20251222-070000 (api, web)',
      'deploy deployment-20251222-060000 (api, web)'
    ])
  })

  test('a failed deploy is an unverified record and a deploy-failed event', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'update-component' },
      deploy: {
        status: 'failed',
        tag: 'deployment-20251222-060000',
        time: T0,
        components: ['api']
      }
    })
    expect(state.deployments).toEqual([
      expect.objectContaining({ verified: false, kind: 'update-component' })
    ])
    expect(state.events[0]).toMatchObject({
      kind: 'deploy-failed',
      text: 'update-component failed (deployment-20251222-060000)'
    })
  })

  test('an executed rollback is a verified rollback record and an event', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'rollback' },
      rollback: {
        status: 'executed',
        version: 'deployment-20251221-000000',
        sha: 'a'.repeat(40),
        report: report(T0, { api: 'healthy', web: 'healthy' })
      }
    })
    expect(state.deployments).toEqual([
      expect.objectContaining({
        tag: 'deployment-20251221-000000',
        kind: 'rollback',
        verified: true,
        time: T0,
        components: ['api', 'web']
      })
    ])
    expect(state.events).toEqual([
      expect.objectContaining({
        kind: 'rollback',
        text: 'rolled back to deployment-20251221-000000, verified healthy'
      })
    ])
    expect(state.overall).toBe('healthy')
  })

  test('a failed rollback is an unverified record and a rollback-failed event', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'rollback' },
      rollback: {
        status: 'failed',
        version: 'deployment-20251221-000000',
        report: report(T0, { api: 'down', web: 'healthy' })
      }
    })
    expect(state.deployments[0]).toMatchObject({
      kind: 'rollback',
      verified: false
    })
    expect(state.events[0]).toMatchObject({
      kind: 'rollback-failed',
      text: 'rollback to deployment-20251221-000000 failed: the old version was deployed but the check after it still failed'
    })
    expect(state.overall).toBe('critical')
  })

  test('an emergency stop seen by the run is recorded with who and why', () => {
    const halt: Halt = { by: 'hubot', at: T0, reason: 'data loss' }
    const state = merge(
      fresh(),
      { gate: { approved: true, action: 'emergency-stop' } },
      { halt }
    )
    expect(state.halt).toEqual(halt)
    expect(state.events).toEqual([
      expect.objectContaining({
        at: T0,
        kind: 'emergency-stop',
        text: 'emergency stop by hubot: data loss',
        actor: 'hubot'
      })
    ])
  })

  test('a released stop clears the halt with a resume event', () => {
    const halt: Halt = { by: 'hubot', at: T0, reason: 'data loss' }
    let state = merge(fresh(), {}, { halt })
    state = merge(
      state,
      { gate: { approved: true, action: 'resume' } },
      {
        halt: null,
        actor: 'octocat',
        reason: 'restored',
        now: plusMinutes(T0, 30)
      }
    )
    expect(state.halt).toBeNull()
    expect(state.events[0]).toMatchObject({
      kind: 'resume',
      text: 'resumed by octocat: restored',
      actor: 'octocat'
    })
  })

  test('without a look at the lock the halt is left as it was', () => {
    const halt: Halt = { by: 'hubot', at: T0, reason: 'data loss' }
    let state = merge(fresh(), {}, { halt })
    state = merge(
      state,
      healthcheck(plusMinutes(T0, 5), { api: 'healthy', web: 'healthy' }),
      { halt: undefined }
    )
    expect(state.halt).toEqual(halt)
  })

  test('a one-off check of other services keeps the history of every configured one', () => {
    let state = merge(
      fresh(),
      healthcheck(T0, { api: 'healthy', web: 'healthy' })
    )
    const before = structuredClone(state.services.web)
    state = merge(state, healthcheck(plusMinutes(T0, 5), { api: 'healthy' }), {
      services: services('api')
    })
    expect(state.services.web).toEqual(before)
    expect(state.events.map((e) => e.kind)).not.toContain('service-removed')
  })

  test('a service out of the configuration and unchecked for 30 days leaves with an event', () => {
    let state = merge(
      fresh(),
      healthcheck(T0, { api: 'healthy', web: 'healthy' })
    )
    state = merge(
      state,
      healthcheck(plusMinutes(T0, 31 * 24 * 60), { api: 'healthy' }),
      { services: services('api') }
    )
    expect(Object.keys(state.services)).toEqual(['api'])
    expect(state.events[0]).toMatchObject({
      kind: 'service-removed',
      text: 'web is no longer in the configuration and was not checked for 30 days'
    })
  })

  test('a newly configured service starts unknown', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      services: services('api', 'web', 'worker')
    })
    expect(state.services.worker).toMatchObject({
      status: 'unknown',
      recent: []
    })
    expect(state.overall).toBe('degraded')
  })

  test('events and deployments are bounded, newest kept', () => {
    let state = fresh()
    for (let i = 0; i < MAX_EVENTS + 5; i++)
      state = merge(state, {
        gate: { approved: true, action: 'deploy' },
        deploy: {
          status: 'success',
          tag: `deployment-20251222-${String(i).padStart(6, '0')}`,
          time: plusMinutes(T0, i)
        }
      })
    expect(state.events).toHaveLength(MAX_EVENTS)
    expect(state.deployments).toHaveLength(MAX_DEPLOYMENTS)
    expect(state.deployments[0]?.tag).toBe(
      `deployment-20251222-${String(MAX_EVENTS + 4).padStart(6, '0')}`
    )
    expect(state.events[0]?.at).toBe(plusMinutes(T0, MAX_EVENTS + 4))
  })

  test('event text from services is kept to one line', () => {
    const state = merge(fresh(), {
      monitor: report(
        T0,
        { api: 'down', web: 'healthy' },
        {
          error: 'boom\n::error::injected\r\nmore'
        }
      )
    })
    for (const event of state.events) expect(event.text).not.toMatch(/[\r\n]/)
    expect(api(state).reason).toBe('boom ::error::injected more')
  })
})

describe('what runs now, after runs merged out of order', () => {
  const TAG_A = 'deployment-20251222-060000'
  const TAG_B = 'deployment-20251222-070000'
  const OLD = 'deployment-20251221-000000'

  const deployAt = (tag: string, time: string): NeedsSpec => ({
    gate: { approved: true, action: 'deploy' },
    deploy: { status: 'success', tag, time, components: ['api', 'web'] },
    monitor: report(time, { api: 'healthy', web: 'healthy' })
  })

  const rollbackTo = (
    tag: string,
    at: string,
    status: 'executed' | 'failed'
  ): NeedsSpec => ({
    gate: { approved: true, action: 'rollback' },
    rollback: {
      status,
      version: tag,
      report: report(at, {
        api: status === 'executed' ? 'healthy' : 'down',
        web: 'healthy'
      })
    }
  })

  const listed = (state: DashboardState) =>
    state.deployments.map((d) => [d.tag, d.kind, d.time, d.verified])

  test('a deploy merged after a newer one is listed after it', () => {
    let state = merge(fresh(), deployAt(TAG_B, plusMinutes(T0, 60)))
    state = merge(state, deployAt(TAG_A, T0))
    expect(state.deployments.map((d) => d.tag)).toEqual([TAG_B, TAG_A])
  })

  test('recorded deployments given oldest first are listed newest first', () => {
    const fact = (tag: string, time: string) => ({
      id: 1,
      tag,
      sha: 'c'.repeat(40),
      time,
      actor: 'octocat',
      kind: 'deploy' as const,
      components: ['api', 'web'],
      verified: true,
      failedIn: null,
      blamed: [],
      stopped: false
    })
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      deployments: [
        fact(TAG_A, T0),
        fact(TAG_B, plusMinutes(T0, 60)),
        fact(TAG_A, T0)
      ]
    })
    expect(state.deployments.map((d) => d.tag)).toEqual([TAG_B, TAG_A, TAG_A])
  })

  test('recorded deployments of the same second keep their recorded order', () => {
    const fact = (tag: string, kind: 'deploy' | 'rollback') => ({
      id: 1,
      tag,
      sha: 'c'.repeat(40),
      time: T0,
      actor: 'octocat',
      kind,
      components: ['api', 'web'],
      verified: true,
      failedIn: null,
      blamed: [],
      stopped: false
    })
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      deployments: [fact(OLD, 'rollback'), fact(TAG_A, 'deploy')]
    })
    expect(state.deployments.map((d) => d.kind)).toEqual(['rollback', 'deploy'])
  })

  test('a second verified rollback to the same version moves its record to the top', () => {
    let state = merge(fresh(), rollbackTo(OLD, T0, 'executed'))
    state = merge(state, deployAt(TAG_B, plusMinutes(T0, 10)))
    const again = plusMinutes(T0, 20)
    state = merge(state, rollbackTo(OLD, again, 'executed'))
    expect(listed(state)).toEqual([
      [OLD, 'rollback', again, true],
      [TAG_B, 'deploy', plusMinutes(T0, 10), true]
    ])
  })

  test('a failed rollback to a version does not overwrite its verified rollback record', () => {
    let state = merge(fresh(), rollbackTo(OLD, T0, 'executed'))
    state = merge(state, rollbackTo(OLD, plusMinutes(T0, 20), 'failed'))
    expect(listed(state)).toEqual([[OLD, 'rollback', T0, true]])
  })

  test('a rollback verified in the same second as the failing check leaves the service healthy', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'deploy' },
      deploy: { status: 'success', tag: TAG_B, time: T0 },
      monitor: report(T0, { api: 'down', web: 'healthy' }),
      rollback: {
        status: 'executed',
        version: OLD,
        report: report(T0, { api: 'healthy', web: 'healthy' })
      }
    })
    expect(api(state)).toMatchObject({ status: 'healthy', reason: null })
    expect(api(state).recent).toEqual([[toSeconds(T0), 'h', 42]])
    expect(state.overall).toBe('healthy')
  })

  test('an older report from the same second does not replace the newer check', () => {
    const later = new Date(Date.parse(T0) + 500).toISOString()
    let state = merge(fresh(), healthcheck(later, { api: 'healthy' }))
    state = merge(state, healthcheck(T0, { api: 'down' }))
    expect(api(state).recent).toEqual([[toSeconds(T0), 'h', 42]])
    expect(api(state)).toMatchObject({ status: 'healthy', last_check: later })
  })
})

describe('what a run tells the dashboard', () => {
  const RUN = { id: '5', url: '', actor: 'octocat' }
  const stop: NeedsSpec = { gate: { approved: true, action: 'emergency-stop' } }
  const halt: Halt = { by: 'hubot', at: T0, reason: 'data loss' }

  /** The results of `spec` with some jobs' outputs or results changed. */
  const results = (
    spec: NeedsSpec,
    change: (r: ReturnType<typeof needs>) => void
  ) => {
    const r = needs(spec)
    change(r)
    return r
  }

  test('a run without a gate job has no action, approval, reason or lock state', () => {
    const outcome = outcomeFromResults(needs({}), RUN, T0)
    expect(outcome).toMatchObject({
      action: '',
      approved: null,
      reason: '',
      refusal: '',
      halted: null,
      stopTookLock: false,
      stopFoundHeld: false
    })
  })

  test('the lock state a gate saw is kept', () => {
    const outcome = outcomeFromResults(
      needs({ gate: { approved: true, action: 'deploy', halted: true } }),
      RUN,
      T0
    )
    expect(outcome.halted).toBe(true)
  })

  test('a deploy without a report is dated by its deployment time', () => {
    const time = plusMinutes(T0, -3)
    const outcome = outcomeFromResults(
      needs({
        gate: { approved: true, action: 'deploy' },
        deploy: { status: 'success', tag: 'deployment-20251222-055700', time }
      }),
      RUN,
      T0
    )
    expect(outcome.at).toBe(time)
  })

  test('a deploy the gate approved that skipped itself is no deployment', () => {
    const outcome = outcomeFromResults(
      needs({
        gate: { approved: true, action: 'deploy' },
        deploy: { status: 'skipped', time: T0 }
      }),
      RUN,
      T0
    )
    expect(outcome.deployment).toBeNull()
  })

  test('the stop commands of an emergency stop are no deployment', () => {
    const outcome = outcomeFromResults(
      needs({ ...stop, deploy: { status: 'success', time: T0 } }),
      RUN,
      T0
    )
    expect(outcome.deployment).toBeNull()
  })

  test('an emergency stop whose stop commands ran, or failed, took the lock', () => {
    for (const status of ['success', 'failed'] as const) {
      const outcome = outcomeFromResults(
        needs({ ...stop, deploy: { status, time: T0 } }),
        RUN,
        T0
      )
      expect([outcome.stopTookLock, outcome.stopFoundHeld]).toEqual([
        true,
        false
      ])
    }
  })

  test('an emergency stop that skipped its commands under a held lock found it held', () => {
    const outcome = outcomeFromResults(
      needs({ ...stop, deploy: { status: 'skipped', time: T0, halted: true } }),
      RUN,
      T0
    )
    expect([outcome.stopTookLock, outcome.stopFoundHeld]).toEqual([false, true])
  })

  test('a deploy whose stage took no lock neither took nor found a stop', () => {
    for (const status of ['success', 'skipped'] as const) {
      const outcome = outcomeFromResults(
        needs({
          gate: { approved: true, action: 'deploy' },
          deploy: { status, time: T0, halted: true }
        }),
        RUN,
        T0
      )
      expect([outcome.stopTookLock, outcome.stopFoundHeld]).toEqual([
        false,
        false
      ])
    }
  })

  test('an emergency stop that skipped its commands with the lock free found nothing held', () => {
    const outcome = outcomeFromResults(
      needs({
        ...stop,
        deploy: { status: 'skipped', time: T0, halted: false }
      }),
      RUN,
      T0
    )
    expect(outcome.stopFoundHeld).toBe(false)
  })

  test("the deploy's verdict and what it broke are read from the monitor", () => {
    const outcome = outcomeFromResults(
      results(
        {
          gate: { approved: true, action: 'deploy' },
          monitor: report(T0, { api: 'down', web: 'healthy' })
        },
        (r) => {
          r.monitor!.outputs['deploy-verdict'] = 'broken'
          r.monitor!.outputs.broken = 'api'
        }
      ),
      RUN,
      T0
    )
    expect(outcome.verdict).toEqual({ verdict: 'broken', broken: ['api'] })
  })

  test('a verdict without broken services breaks nothing', () => {
    const outcome = outcomeFromResults(
      results(
        {
          gate: { approved: true, action: 'deploy' },
          monitor: report(T0, { api: 'healthy', web: 'healthy' })
        },
        (r) => (r.monitor!.outputs['deploy-verdict'] = 'verified')
      ),
      RUN,
      T0
    )
    expect(outcome.verdict).toEqual({ verdict: 'verified', broken: [] })
  })

  test('a rollback without a version or commit is recorded with neither', () => {
    const outcome = outcomeFromResults(
      needs({ rollback: { status: 'failed' } }),
      RUN,
      T0
    )
    expect(outcome.rollback).toEqual({
      status: 'failed',
      version: '',
      sha: '',
      report: null,
      cause: ''
    })
  })

  test('a rollback that found no target says there was none to roll back to', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        results(
          {
            gate: { approved: true, action: 'rollback' },
            rollback: { status: 'failed' }
          },
          (r) => (r.rollback!.outputs['rollback-failure'] = 'no-target')
        ),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.deployments).toEqual([])
    expect(state.events.map((e) => [e.kind, e.text])).toEqual([
      [
        'rollback-failed',
        'rollback failed: there was no verified deployment to roll back to'
      ]
    ])
  })

  test('a rollback whose commands failed says the old version may not be running', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        results(
          {
            gate: { approved: true, action: 'rollback' },
            rollback: {
              status: 'failed',
              version: 'deployment-20251221-000000'
            }
          },
          (r) => (r.rollback!.outputs['rollback-failure'] = 'commands')
        ),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events[0]?.text).toBe(
      'rollback to deployment-20251221-000000 failed: its deploy commands failed, so the old version may not be running'
    )
  })

  test('a job that failed before reporting is a run-failed event naming it', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        results({ gate: { approved: true, action: 'deploy' } }, (r) => {
          r.ci = { result: 'failure', outputs: {} }
          r.monitor = { result: 'cancelled', outputs: {} }
        }),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events.find((e) => e.kind === 'run-failed')).toEqual({
      at: T0,
      kind: 'run-failed',
      text: "deploy failed: the ci job failed before reporting a result (see the run's log)",
      run: '5:failed',
      actor: 'octocat'
    })
  })

  test('a failed job that reported its result, and a successful one, are no run-failed event', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        needs({
          gate: { approved: true, action: 'deploy' },
          ci: 'failed',
          monitor: report(T0, { api: 'down', web: 'healthy' })
        }),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events.map((e) => e.kind)).not.toContain('run-failed')
  })

  test('a run without an action that failed is "the run"', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        { 'safety-gate': { result: 'failure', outputs: {} } },
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events.map((e) => e.text)).toEqual([
      "the run failed: the safety-gate job failed before reporting a result (see the run's log)"
    ])
  })

  test('cancelled jobs are a run-cancelled event naming them', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        results({ gate: { approved: true, action: 'rollback' } }, (r) => {
          r.ci = { result: 'success', outputs: {} }
          r.rollback = { result: 'cancelled', outputs: {} }
          r.monitor = { result: 'cancelled', outputs: {} }
        }),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events).toEqual([
      {
        at: T0,
        kind: 'run-cancelled',
        text: 'rollback was cancelled (rollback, monitor)',
        run: '5:cancelled',
        actor: 'octocat'
      }
    ])
  })

  test('a cancelled run without an action is "the run"', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        { deploy: { result: 'cancelled', outputs: {} } },
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events.map((e) => e.text)).toEqual([
      'the run was cancelled (deploy)'
    ])
  })

  test.each(['deploy', 'update-component'])(
    'a cancelled automatic rollback after a %s is named as such',
    (action) => {
      const state = mergeRun(
        fresh(),
        outcomeFromResults(
          results({ gate: { approved: true, action } }, (r) => {
            r.rollback = { result: 'cancelled', outputs: {} }
          }),
          RUN,
          T0
        ),
        OPTIONS
      )
      expect(state.events.map((e) => e.text)).toEqual([
        `the automatic rollback after the ${action} was cancelled`
      ])
    }
  )

  test('a rollback cancelled with another job, or in a rollback run, is no automatic rollback', () => {
    const texts = [
      { action: 'deploy', jobs: ['rollback', 'monitor'] },
      { action: 'rollback', jobs: ['rollback'] },
      { action: 'deploy', jobs: ['monitor'] }
    ].map(({ action, jobs }) => {
      const state = mergeRun(
        fresh(),
        outcomeFromResults(
          results({ gate: { approved: true, action } }, (r) => {
            for (const job of jobs)
              r[job] = { result: 'cancelled', outputs: {} }
          }),
          RUN,
          T0
        ),
        OPTIONS
      )
      return state.events[0]?.text
    })
    expect(texts).toEqual([
      'deploy was cancelled (rollback, monitor)',
      'rollback was cancelled (rollback)',
      'deploy was cancelled (monitor)'
    ])
  })

  test('a deploy overtaken by an emergency stop is a refusal with its reason', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        results(
          {
            gate: { approved: true, action: 'update-component' },
            deploy: { status: 'skipped', time: T0 }
          },
          (r) =>
            (r.deploy!.outputs.refused =
              'an emergency stop was taken meanwhile')
        ),
        RUN,
        T0
      ),
      OPTIONS
    )
    expect(state.events).toEqual([
      {
        at: T0,
        kind: 'refused',
        text: 'update-component was refused: an emergency stop was taken meanwhile',
        run: '5',
        actor: 'octocat'
      }
    ])
  })

  test('an approved run that gives a reason is no refusal', () => {
    const state = merge(fresh(), {
      gate: { approved: true, action: 'deploy', reason: 'approved by policy' }
    })
    expect(state.events).toEqual([])
  })

  test('a stop that took the lock replaces the lock seen before without its run', () => {
    let state = merge(fresh(), {}, { runId: 'r1', halt })
    expect(state.events.map((e) => e.run)).toEqual([`halt@${T0}`])
    state = merge(
      state,
      { ...stop, deploy: { status: 'success', time: T0 } },
      { runId: 'r2', halt }
    )
    expect(state.events.map((e) => [e.kind, e.run])).toEqual([
      ['emergency-stop', 'r2']
    ])
  })

  test('a lock seen again by a later run is not recorded twice', () => {
    let state = merge(fresh(), {}, { runId: 'r1', halt })
    state = merge(state, {}, { runId: 'r2', halt })
    expect(state.events.map((e) => e.kind)).toEqual(['emergency-stop'])
  })

  test('a stop without a reason says none was given', () => {
    const state = merge(fresh(), {}, { halt: { ...halt, reason: '' } })
    expect(state.events[0]?.text).toBe(
      'emergency stop by hubot: no reason given'
    )
  })

  test('a stop that found the lock held says since when and by whom', () => {
    const state = merge(
      fresh(),
      {
        ...stop,
        deploy: {
          status: 'skipped',
          time: plusMinutes(T0, 5),
          halted: true
        }
      },
      {
        runId: 'r3',
        actor: 'octocat',
        reason: 'again',
        halt
      }
    )
    expect(state.events[0]).toEqual({
      at: plusMinutes(T0, 5),
      kind: 'emergency-stop-held',
      text: 'emergency stop requested by octocat (again): already in effect since 2025-12-22 06:00:00 UTC by hubot',
      run: 'r3',
      actor: 'octocat'
    })
  })
})

describe('how the checks of a run change a service', () => {
  test('a service first found down is down at once, whatever the failure threshold', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'down' }), {
      thresholds: { failure: 3, success: 3 }
    })
    expect(api(state)).toMatchObject({ status: 'down', since: T0, streak: 1 })
  })

  test('a service first found down is told without a previous state', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'down' }), {
      runId: 'r7'
    })
    expect(state.events).toEqual([
      {
        at: T0,
        kind: 'service-down',
        text: 'api is down: HTTP 503',
        run: 'r7:api',
        actor: ''
      }
    ])
  })

  test('a service that recovers is told with its previous state and no reason', () => {
    let state = merge(fresh(), healthcheck(T0, { api: 'down' }))
    state = merge(state, healthcheck(plusMinutes(T0, 5), { api: 'healthy' }))
    expect(state.events[0]?.text).toBe('api is healthy (was down)')
  })

  test('a new service has no checks, no source and no daily totals', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }))
    expect(state.services.web).toEqual({
      status: 'unknown',
      since: T0,
      observed: 'unknown',
      streak: 0,
      latency_ms: null,
      reason: null,
      last_check: null,
      last_source: '',
      recent: [],
      daily: []
    })
  })

  test('a run id too long for the state is cut to 100 characters', () => {
    const runId = '9'.repeat(150)
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      runId
    })
    expect(api(state).last_source).toBe('9'.repeat(100))
  })

  test('the thresholds of the run are kept in the state', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      thresholds: { failure: 2, success: 3 }
    })
    expect(state.thresholds).toEqual({ failure: 2, success: 3 })
  })

  test('with no service checked yet the overall state is unknown', () => {
    const state = merge(fresh(), {
      gate: { approved: false, action: 'deploy', reason: 'no' }
    })
    expect(state.overall).toBe('unknown')
  })

  test('with no service configured the overall state is unknown', () => {
    const state = merge(fresh(), healthcheck(T0, { api: 'healthy' }), {
      services: []
    })
    expect(state.overall).toBe('unknown')
  })

  test('events merged out of order are listed newest first', () => {
    let state = merge(
      fresh(),
      healthcheck(plusMinutes(T0, 10), { api: 'down' })
    )
    state = merge(state, healthcheck(plusMinutes(T0, 20), { web: 'down' }))
    state = merge(state, {
      gate: { approved: false, action: 'deploy', reason: 'no' }
    })
    expect(state.events.map((e) => e.at)).toEqual([
      plusMinutes(T0, 20),
      plusMinutes(T0, 10),
      T0
    ])
  })

  test('the events of runs without an id are never taken for repeats', () => {
    let state = merge(
      fresh(),
      { gate: { approved: false, action: 'deploy', reason: 'no' } },
      { runId: '' }
    )
    state = merge(
      state,
      { gate: { approved: false, action: 'rollback', reason: 'no' } },
      { runId: '', now: plusMinutes(T0, 1) }
    )
    expect(state.events).toHaveLength(2)
  })

  test('a refusal without an action is "the action"', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        {
          'safety-gate': {
            result: 'success',
            outputs: { approved: 'false', reason: 'no such action' }
          }
        },
        { id: '3', url: '', actor: 'octocat' },
        T0
      ),
      OPTIONS
    )
    expect(state.events.map((e) => e.text)).toEqual([
      'the action was refused: no such action'
    ])
  })

  test('a deploy refused without a gate job is "the deploy"', () => {
    const state = mergeRun(
      fresh(),
      outcomeFromResults(
        {
          deploy: {
            result: 'success',
            outputs: {
              'deployment-status': 'skipped',
              refused: 'an emergency stop is in effect'
            }
          }
        },
        { id: '3', url: '', actor: 'octocat' },
        T0
      ),
      OPTIONS
    )
    expect(state.events.map((e) => e.text)).toEqual([
      'the deploy was refused: an emergency stop is in effect'
    ])
  })
})
