import { describe, expect, test } from '@jest/globals'
import {
  WORKFLOW,
  advise,
  agentTable,
  factsFromState,
  recommend
} from '../src/dashboard/advice.js'
import {
  mergeRun,
  outcomeFromResults,
  type MergeOptions
} from '../src/dashboard/merge.js'
import { situate } from '../src/dashboard/situation.js'
import type { DashboardState } from '../src/dashboard/state.js'
import type { Halt } from '../src/platform/platform.js'
import {
  needs,
  plusMinutes,
  report,
  services,
  stateOf,
  type Health,
  type NeedsSpec
} from './helpers/dashboard.js'

const NOW = '2025-12-22T13:00:00.000Z'
const SERVICES = services('api', 'web')
const OPTIONS: MergeOptions = {
  services: SERVICES,
  thresholds: { failure: 1, success: 1 }
}
const GOOD = 'deployment-20251222-100000'
const BAD = 'deployment-20251222-120000'
const SHA = 'd'.repeat(40)
const HALT: Halt = { by: 'hubot', at: NOW, reason: 'data loss' }

const gh = (args: string): string => `gh workflow run ${WORKFLOW} ${args}`
const HEALTHCHECK = gh('-f action=healthcheck')
const STOP = gh('-f action=emergency-stop -f reason="<why>"')
const RESUME = gh('-f action=resume -f reason="<what was fixed>"')
const DEPLOY = gh('-f action=deploy')
const rollbackTo = (tag: string, component?: string): string =>
  gh(
    `-f action=rollback -f rollback_version=${tag}${component ? ` -f target_component=${component}` : ''} -f reason="<why>"`
  )

/** Merges one run given as earlier jobs' results; its id is `id`. */
function merge(
  state: DashboardState,
  spec: NeedsSpec,
  id: string,
  options: Partial<MergeOptions> & { now?: string } = {}
): DashboardState {
  const outcome = outcomeFromResults(
    needs(spec),
    { id, url: '', actor: 'octocat' },
    options.now ?? NOW
  )
  return mergeRun(state, outcome, { ...OPTIONS, ...options })
}

const check = (at: string, states: Record<string, Health>): NeedsSpec => ({
  gate: { approved: true, action: 'healthcheck' },
  monitor: report(at, states)
})

const deploy = (
  tag: string,
  at: string,
  states: Record<string, Health>,
  components?: string[]
): NeedsSpec => ({
  gate: { approved: true, action: components ? 'update-component' : 'deploy' },
  deploy: { status: 'success', tag, time: at, sha: SHA, components },
  monitor: report(plusMinutes(at, 1), states)
})

const healthy = { api: 'healthy', web: 'healthy' } as const
const apiDown = { api: 'down', web: 'healthy' } as const

/** Healthy after a verified deploy at 10:00. */
function healthyState(): DashboardState {
  let state = stateOf('2025-12-22T00:00:00.000Z')
  state = merge(state, check('2025-12-22T09:00:00.000Z', healthy), 'r1')
  return merge(state, deploy(GOOD, '2025-12-22T10:00:00.000Z', healthy), 'r2')
}

/** Critical right after a deploy of both services that left api down. */
function criticalAfterDeploy(): DashboardState {
  return merge(
    healthyState(),
    deploy(BAD, '2025-12-22T12:00:00.000Z', apiDown),
    'r3'
  )
}

/** The deploy's rollback, failed: with its verification's report or without. */
function failedRollback(verified: boolean): DashboardState {
  return merge(
    criticalAfterDeploy(),
    {
      gate: { approved: true, action: 'rollback' },
      rollback: {
        status: 'failed',
        version: GOOD,
        ...(verified
          ? { report: report('2025-12-22T12:10:00.000Z', apiDown) }
          : {})
      }
    },
    'r4'
  )
}

describe('the advice read from the dashboard state', () => {
  test('before any check the advice is a health check, never a deploy', () => {
    expect(advise(stateOf(NOW), SERVICES)).toMatchObject({
      situation: 'unknown',
      command: HEALTHCHECK
    })
  })

  test('a degraded system is advised a health check, not a rollback', () => {
    const state = merge(
      healthyState(),
      check('2025-12-22T12:00:00.000Z', { api: 'degraded', web: 'healthy' }),
      'r3'
    )
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'degraded',
      command: HEALTHCHECK
    })
  })

  test('a healthy system after a verified deploy is advised nothing', () => {
    expect(advise(healthyState(), SERVICES)).toMatchObject({
      situation: 'healthy',
      command: null
    })
  })

  test('a deploy that broke one service is rolled back for that service alone', () => {
    expect(advise(criticalAfterDeploy(), SERVICES)).toMatchObject({
      situation: 'critical-after-deploy',
      command: rollbackTo(GOOD, 'api')
    })
  })

  test('a deploy of one service that broke it is rolled back to the last deploy that covered it', () => {
    const state = merge(
      healthyState(),
      deploy(BAD, '2025-12-22T12:00:00.000Z', apiDown, ['api']),
      'r3'
    )
    expect(advise(state, SERVICES).command).toBe(rollbackTo(GOOD, 'api'))
  })

  test('without the configuration, the services in the state are the ones advised on', () => {
    expect(advise(criticalAfterDeploy()).command).toBe(rollbackTo(GOOD, 'api'))
  })

  test('a rollback that failed with no check after it is read as failed in its commands', () => {
    expect(advise(failedRollback(false), SERVICES)).toMatchObject({
      situation: 'critical-rollback-failed-commands',
      command: STOP
    })
  })

  test('a rollback that failed the check after it is read as failed in its verification', () => {
    expect(advise(failedRollback(true), SERVICES)).toMatchObject({
      situation: 'critical-rollback-failed-verification',
      command: HEALTHCHECK
    })
  })

  test('an older failed rollback is read as failed in its commands once another run is the last', () => {
    const state = merge(
      failedRollback(true),
      check('2025-12-22T12:20:00.000Z', apiDown),
      'r5'
    )
    expect(advise(state, SERVICES).situation).toBe(
      'critical-rollback-failed-commands'
    )
  })

  test('an executed automatic rollback is advised a fix of main, not a redeploy', () => {
    const state = merge(
      healthyState(),
      {
        ...deploy(BAD, '2025-12-22T12:00:00.000Z', apiDown),
        rollback: {
          status: 'executed',
          version: GOOD,
          report: report('2025-12-22T12:05:00.000Z', healthy)
        }
      },
      'r3'
    )
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'rolled-back-automatically',
      command: null
    })
  })

  test('a rollback run on its own is no automatic rollback', () => {
    const state = merge(
      criticalAfterDeploy(),
      {
        gate: { approved: true, action: 'rollback' },
        rollback: {
          status: 'executed',
          version: GOOD,
          report: report('2025-12-22T12:05:00.000Z', healthy)
        }
      },
      'r4'
    )
    expect(advise(state, SERVICES).situation).toBe('healthy')
  })

  test('an emergency stop of this run stops the services and resume is advised', () => {
    const state = merge(
      healthyState(),
      {
        gate: { approved: true, action: 'emergency-stop' },
        deploy: { status: 'success', time: NOW }
      },
      'r3',
      { halt: HALT }
    )
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'stopped',
      command: RESUME
    })
  })

  test('after a resume the services are still stopped and a deploy is advised', () => {
    let state = merge(
      healthyState(),
      {
        gate: { approved: true, action: 'emergency-stop' },
        deploy: { status: 'success', time: NOW }
      },
      'r3',
      { halt: HALT }
    )
    state = merge(state, { gate: { approved: true, action: 'resume' } }, 'r4', {
      halt: null,
      now: plusMinutes(NOW, 5)
    })
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'resumed-still-stopped',
      command: DEPLOY
    })
  })

  test('a lock found without its run stops nothing: resume is advised while healthy', () => {
    const state = merge(healthyState(), {}, 'r3', { halt: HALT })
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'halted-healthy',
      command: RESUME
    })
  })

  test('a deploy after a stop starts the services again', () => {
    let state = merge(
      healthyState(),
      {
        gate: { approved: true, action: 'emergency-stop' },
        deploy: { status: 'success', time: NOW }
      },
      'r3',
      { halt: HALT }
    )
    state = merge(state, {}, 'r4', { halt: null, now: plusMinutes(NOW, 1) })
    state = merge(state, deploy(BAD, plusMinutes(NOW, 2), healthy), 'r5')
    expect(advise(state, SERVICES).situation).toBe('healthy')
  })

  test('a refused run is told as a refusal with its reason, and no command', () => {
    const state = merge(
      healthyState(),
      {
        gate: {
          approved: false,
          action: 'update-component',
          reason: 'octocat has read permission'
        }
      },
      'r3'
    )
    expect(advise(state, SERVICES)).toEqual({
      situation: 'run-refused',
      command: null,
      why: 'The last update-component was refused: octocat has read permission. A refusal is an answer: change the request, do not retry it.'
    })
  })

  test('a failed build is told as such, naming the action', () => {
    const state = merge(
      healthyState(),
      { gate: { approved: true, action: 'deploy' }, ci: 'failed' },
      'r3'
    )
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'ci-failed',
      command: null,
      why: expect.stringContaining('the last deploy deployed nothing')
    })
  })

  test('a deploy whose commands failed is a run that failed in its deploy stage', () => {
    const state = merge(
      healthyState(),
      {
        gate: { approved: true, action: 'deploy' },
        deploy: { status: 'failed', time: NOW }
      },
      'r3'
    )
    expect(advise(state, SERVICES)).toMatchObject({
      situation: 'run-failed',
      command: HEALTHCHECK,
      why: expect.stringContaining('The last deploy failed in its deploy stage')
    })
  })

  test('a health check run is named a health check', () => {
    const state = merge(
      healthyState(),
      {
        gate: { approved: true, action: 'healthcheck' },
        deploy: { status: 'failed', time: NOW }
      },
      'r3'
    )
    expect(factsFromState(state, ['api', 'web']).lastRun?.action).toBe(
      'healthcheck'
    )
  })

  test('the step kept in the state by the status stage is the advice', () => {
    const state = healthyState()
    state.next = {
      situation: 'critical-after-deploy',
      command: rollbackTo(GOOD),
      why: 'kept',
      target: GOOD
    }
    expect(advise(state, SERVICES)).toEqual({
      situation: 'critical-after-deploy',
      command: rollbackTo(GOOD),
      why: 'kept'
    })
  })

  test('a situation given is advised as it is', () => {
    const situation = situate(factsFromState(criticalAfterDeploy(), ['api']))
    expect(advise(situation)).toBe(situation.next)
  })
})

describe('the Now line', () => {
  test('names the situation and the command, then why', () => {
    expect(recommend(criticalAfterDeploy(), SERVICES)).toBe(
      [
        `**Now (critical-after-deploy):** \`${rollbackTo(GOOD, 'api')}\``,
        '',
        `api went down with ${BAD}, which is not verified; ${GOOD} was verified healthy before it.`
      ].join('\n')
    )
  })

  test('says none in code when the step is for a person', () => {
    expect(recommend(healthyState(), SERVICES).split('\n')[0]).toBe(
      '**Now (healthy):** `none`'
    )
  })
})

describe('the table of situation → command', () => {
  const table = (target: string): string =>
    [
      '| situation | command |',
      '| --- | --- |',
      '| healthy | none |',
      `| one service to update | \`${gh('-f action=update-component -f target_component=<service>')}\` |`,
      `| critical after a deployment | \`${rollbackTo(target)}\` |`,
      `| critical, not caused by a deployment (after fixing it) | \`${HEALTHCHECK}\` |`,
      `| critical, rollback failed, or doing harm | \`${STOP}\` |`,
      `| stopped or halted, cause fixed | \`${RESUME}\` |`,
      `| resumed, services still stopped | \`${DEPLOY}\` |`,
      `| to re-check at any time | \`${HEALTHCHECK}\` |`,
      '',
      "Emergency: `emergency-stop` never waits for approval; it takes the `runbook-halt` lock, runs every service's stop command and cancels other runs. Deploys are refused until `resume`, which restarts nothing: deploy or roll back then to start the services. Add `-f dry_run=true` to see the plan without acting."
    ].join('\n')

  test('names the rollback target when there is one', () => {
    expect(agentTable(criticalAfterDeploy(), SERVICES)).toBe(table(GOOD))
  })

  test('shows the shape of a tag when there is no target', () => {
    expect(agentTable(stateOf(NOW), SERVICES)).toBe(
      table('<deployment-YYYYMMDD-HHMMSS>')
    )
  })

  test('takes the target kept in the state by the status stage', () => {
    const state = stateOf(NOW)
    state.next = {
      situation: 'healthy',
      command: null,
      why: 'kept',
      target: GOOD
    }
    expect(agentTable(state, SERVICES)).toBe(table(GOOD))
  })
})

describe('the facts read back from an edited state', () => {
  const record = (
    over: Partial<DashboardState['deployments'][number]> = {}
  ): DashboardState['deployments'][number] => ({
    tag: GOOD,
    sha: SHA,
    time: '2025-12-22T10:00:00.000Z',
    actor: 'octocat',
    components: ['api', 'web'],
    verified: true,
    kind: 'deploy',
    run_url: '',
    ...over
  })
  const factsOf = (partial: Partial<DashboardState>) =>
    factsFromState(stateOf(NOW, partial), ['api', 'web'])

  test('a deployment whose time is not a time is left out', () => {
    const facts = factsOf({
      deployments: [record({ time: '' }), record({ tag: BAD })]
    })
    expect(facts.deployments.map((d) => d.tag)).toEqual([BAD])
  })

  test('a commit that is not hexadecimal is read as unknown', () => {
    const facts = factsOf({
      deployments: [record({ sha: 'main; rm -rf /' }), record()]
    })
    expect(facts.deployments.map((d) => d.sha)).toEqual(['', SHA])
  })

  test('a component that is not a service name is left out', () => {
    const facts = factsOf({
      deployments: [record({ components: ['api', 'Web Server!'] })]
    })
    expect(facts.deployments[0]?.components).toEqual(['api'])
  })

  test('a deploy not verified is blamed for what it deployed, or every service', () => {
    const facts = factsOf({
      deployments: [
        record({ verified: false, components: ['web'] }),
        record({ verified: null, components: [] }),
        record({ verified: true }),
        record({ verified: false, kind: 'rollback' })
      ]
    })
    expect(facts.deployments.map((d) => [d.kind, d.failure, d.blamed])).toEqual(
      [
        ['deploy', 'verification', ['web']],
        ['deploy', null, ['api', 'web']],
        ['deploy', null, []],
        ['rollback', 'commands', []]
      ]
    )
  })

  test('the newest of stops, deploys and rollbacks decides whether the services are stopped', () => {
    const event = (kind: string, run: string) => ({
      at: NOW,
      kind,
      text: kind,
      run,
      actor: ''
    })
    const stopped = (kinds: [string, string][]) =>
      factsOf({ events: kinds.map(([k, r]) => event(k, r)) }).stopped
    expect([
      stopped([['emergency-stop', 'r1']]),
      stopped([
        ['service-down', 'r2:api'],
        ['emergency-stop', 'r1']
      ]),
      stopped([['emergency-stop', `halt@${NOW}`]]),
      stopped([
        ['deploy', 'r2'],
        ['emergency-stop', 'r1']
      ]),
      stopped([
        ['rollback', 'r2'],
        ['emergency-stop', 'r1']
      ]),
      stopped([
        ['rollback-failed', 'r2'],
        ['emergency-stop', 'r1']
      ]),
      stopped([])
    ]).toEqual([true, true, false, false, false, false, false])
  })

  test('times that are not times fall back to the update time, or the epoch', () => {
    const facts = factsFromState(
      stateOf(NOW, {
        updated_at: '',
        halt: { by: 'hubot', at: '', reason: 'x' },
        last_run: { id: '1', url: '', at: '' }
      }),
      ['api']
    )
    expect([facts.now, facts.halt?.at, facts.lastRun]).toEqual([
      '1970-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      null
    ])
  })

  test('a halt keeps its time, who and why', () => {
    expect(factsOf({ halt: HALT }).halt).toEqual(HALT)
  })

  test('a configured service the state does not know is unknown, since no time', () => {
    const state = healthyState()
    state.services.api!.since = ''
    expect(factsFromState(state, ['api', 'web', 'worker']).services).toEqual({
      api: { status: 'healthy', since: null, reason: null },
      web: {
        status: 'healthy',
        since: '2025-12-22T09:00:00.000Z',
        reason: null
      },
      worker: { status: 'unknown', since: null, reason: null }
    })
  })

  test('a name that is not a service name is no service', () => {
    expect(
      Object.keys(factsFromState(healthyState(), ['api', 'Web!']).services)
    ).toEqual(['api'])
  })

  test('a refusal keeps its reason alone', () => {
    const state = merge(
      healthyState(),
      {
        gate: {
          approved: false,
          action: 'rollback',
          reason: 'no verified deployment'
        }
      },
      'r3'
    )
    expect(factsFromState(state, ['api', 'web']).lastRun).toEqual({
      action: 'rollback',
      at: NOW,
      outcome: { kind: 'refused', reason: 'no verified deployment' },
      ciFailed: false,
      rollback: null,
      blame: null
    })
  })

  test('the action of the last run is read from its events', () => {
    const actionOf = (spec: NeedsSpec, halt?: Halt | null) =>
      factsFromState(merge(healthyState(), spec, 'r3', { halt }), [
        'api',
        'web'
      ]).lastRun?.action
    expect([
      actionOf(deploy(BAD, NOW, healthy, ['api'])),
      actionOf(deploy(BAD, NOW, healthy)),
      actionOf({
        gate: { approved: true, action: 'rollback' },
        rollback: { status: 'executed', version: GOOD }
      }),
      actionOf(
        {
          gate: { approved: true, action: 'emergency-stop' },
          deploy: { status: 'success', time: NOW }
        },
        HALT
      ),
      actionOf(check(NOW, healthy))
    ]).toEqual([
      'update-component',
      'deploy',
      'rollback',
      'emergency-stop',
      'healthcheck'
    ])
  })

  test('a resume is read as the action of the run that released the lock', () => {
    let state = merge(healthyState(), {}, 'r3', { halt: HALT })
    state = merge(state, {}, 'r4', { halt: null, now: plusMinutes(NOW, 1) })
    expect(factsFromState(state, ['api']).lastRun?.action).toBe('resume')
  })

  test('a deploy event that names no action is read as a deploy', () => {
    const state = healthyState()
    state.events[0] = { ...state.events[0]!, text: 'something else' }
    state.last_run = { id: state.events[0]!.run, url: '', at: NOW }
    expect(factsFromState(state, ['api']).lastRun?.action).toBe('deploy')
  })
})
