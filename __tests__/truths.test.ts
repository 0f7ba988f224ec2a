// What the dashboard says after ordinary sequences of operations: the
// findings that made it name the wrong live version or the wrong next step,
// each kept as a test.

import { describe, expect, test } from '@jest/globals'
import {
  deploymentsFromFacts,
  mergeRun,
  outcomeFromResults
} from '../src/dashboard/merge.js'
import { renderDashboard } from '../src/dashboard/render.js'
import { emptyState, type DashboardState } from '../src/dashboard/state.js'
import type { DeploymentFact } from '../src/platform/platform.js'
import type { Results } from '../src/needs.js'
import {
  needs,
  plusMinutes,
  report,
  services,
  type NeedsSpec
} from './helpers/dashboard.js'

const T0 = '2025-12-22T06:00:00.000Z'
const SERVICES = services('api', 'web')
const OPTIONS = { services: SERVICES, thresholds: { failure: 1, success: 1 } }
const RUN = (id: string) => ({
  id,
  url: `https://github.com/octo-org/app/actions/runs/${id}`,
  actor: 'octocat'
})
const sha = (n: number) => String(n).repeat(40).slice(0, 40)
const tag = (minutes: number) => {
  const iso = plusMinutes(T0, minutes)
  return `deployment-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`
}

function run(
  state: DashboardState,
  id: string,
  at: string,
  results: Results
): DashboardState {
  return mergeRun(state, outcomeFromResults(results, RUN(id), at), OPTIONS)
}

const healthy = (at: string) => report(at, { api: 'healthy', web: 'healthy' })

function deployAt(minutes: number): NeedsSpec {
  const at = plusMinutes(T0, minutes)
  return {
    gate: { approved: true, action: 'deploy' },
    deploy: {
      status: 'success',
      tag: tag(minutes),
      time: at,
      sha: sha(minutes),
      components: ['api', 'web']
    },
    monitor: healthy(at)
  }
}

function rollbackAt(minutes: number, to: number): NeedsSpec {
  const at = plusMinutes(T0, minutes)
  return {
    gate: { approved: true, action: 'rollback' },
    rollback: {
      status: 'executed',
      version: tag(to),
      sha: sha(to),
      report: healthy(at)
    }
  }
}

describe('the live version after repeated rollbacks', () => {
  test('deploy v1, v2, roll back to v1, deploy v3, roll back to v1 again: the newest record is the second rollback', () => {
    let state = emptyState(T0)
    const steps: [string, number, NeedsSpec][] = [
      ['1', 1, deployAt(1)],
      ['2', 2, deployAt(2)],
      ['3', 3, rollbackAt(3, 1)],
      ['4', 4, deployAt(4)],
      ['5', 5, rollbackAt(5, 1)]
    ]
    for (const [id, minutes, spec] of steps)
      state = run(state, id, plusMinutes(T0, minutes), needs(spec))
    expect(state.deployments[0]).toMatchObject({
      tag: tag(1),
      kind: 'rollback',
      time: plusMinutes(T0, 5)
    })
    const times = state.deployments.map((d) => d.time)
    expect([...times].sort().reverse()).toEqual(times)
  })

  test('recorded deployments are listed newest first whatever order they come in', () => {
    const fact = (
      minutes: number,
      kind: DeploymentFact['kind'],
      to = minutes
    ) =>
      ({
        id: minutes,
        tag: tag(to),
        sha: sha(to),
        time: plusMinutes(T0, minutes),
        actor: 'octocat',
        kind,
        components: ['api', 'web'],
        verified: true,
        failedIn: null,
        stopped: false,
        blamed: []
      }) satisfies DeploymentFact
    const listed = deploymentsFromFacts([
      fact(3, 'rollback', 1),
      fact(5, 'rollback', 1),
      fact(1, 'deploy'),
      fact(4, 'deploy'),
      fact(2, 'deploy')
    ])
    expect(listed.map((d) => [d.kind, d.tag])).toEqual([
      ['rollback', tag(1)],
      ['deploy', tag(4)],
      ['rollback', tag(1)],
      ['deploy', tag(2)],
      ['deploy', tag(1)]
    ])
  })
})

describe('failures and cancellations leave a record', () => {
  test('a run whose gate failed on its input records a failed run', () => {
    const state = run(emptyState(T0), '41', T0, {
      'safety-gate': { result: 'failure', outputs: {} },
      ci: { result: 'skipped', outputs: {} }
    })
    expect(state.events[0]).toMatchObject({
      kind: 'run-failed',
      run: '41:failed'
    })
    expect(state.events[0]?.text).toContain('safety-gate')
  })

  test('a run cancelled while its deploy job waited records the cancellation', () => {
    const state = run(emptyState(T0), '42', T0, {
      'safety-gate': {
        result: 'success',
        outputs: { approved: 'true', action: 'deploy', reason: '' }
      },
      ci: { result: 'success', outputs: { 'build-status': 'success' } },
      deploy: { result: 'cancelled', outputs: {} }
    })
    expect(state.events[0]).toMatchObject({
      kind: 'run-cancelled',
      text: 'deploy was cancelled (deploy)'
    })
  })
})

test('a cancelled automatic rollback is named as one', () => {
  const state = run(emptyState(T0), '46', T0, {
    'safety-gate': {
      result: 'success',
      outputs: { approved: 'true', action: 'deploy', reason: '' }
    },
    rollback: { result: 'cancelled', outputs: {} }
  })
  expect(state.events[0]?.text).toBe(
    'the automatic rollback after the deploy was cancelled'
  )
})

describe('the cause of a failed rollback', () => {
  test('a rollback whose deploy commands failed says so, not that the system is still unhealthy', () => {
    const state = run(emptyState(T0), '43', T0, {
      'safety-gate': {
        result: 'success',
        outputs: { approved: 'true', action: 'rollback', reason: '' }
      },
      rollback: {
        result: 'failure',
        outputs: {
          'rollback-status': 'failed',
          'rollback-version': tag(1),
          'rollback-sha': sha(1),
          'rollback-failure': 'commands'
        }
      }
    })
    expect(state.events[0]?.text).toBe(
      `rollback to ${tag(1)} failed: its deploy commands failed, so the old version may not be running`
    )
  })
})

describe('smaller truths', () => {
  test('updated_at is never older than the newest event', () => {
    const verifiedLater = plusMinutes(T0, 3)
    const state = run(emptyState(T0), '44', T0, {
      ...needs({
        gate: { approved: true, action: 'rollback' },
        rollback: {
          status: 'executed',
          version: tag(1),
          sha: sha(1),
          report: healthy(verifiedLater)
        }
      })
    })
    for (const event of state.events)
      expect(state.updated_at >= event.at).toBe(true)
  })

  test('the first screen says the next step', () => {
    const state = run(emptyState(T0), '45', T0, needs(deployAt(0)))
    const body = renderDashboard(state, {
      services: SERVICES,
      now: state.updated_at,
      runUrl: '',
      repository: 'octo-org/app'
    })
    const top = body.split('\n').slice(0, 8)
    expect(top.some((line) => line.startsWith('**Next step ('))).toBe(true)
  })
})
