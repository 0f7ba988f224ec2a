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
