// A deploy is judged only on what it changed: a healthy update is never
// rolled back for someone else's outage, and a deploy that breaks its own
// service while another is already down rolls back that service alone.

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  expect,
  test
} from '@jest/globals'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runStage } from '../src/run-stages.js'
import { LocalPlatform } from '../src/platform/local.js'
import {
  depsOf,
  enterEmptyDir,
  gitRepo,
  opsContext,
  startOps,
  stateOf,
  tempDir,
  tickingClock,
  type GitRepo,
  type Ops
} from './helpers/ops.js'

const START = new Date('2025-12-22T13:00:00.000Z')
let ops: Ops
let repo: GitRepo
let stateDir: string
let leave: () => Promise<void>

// The CI stage runs in the current directory: an empty one, never ours.
beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})

beforeEach(async () => {
  ops = await startOps(['fastapi', 'flask'])
  repo = await gitRepo()
  stateDir = join(await tempDir('state'), '.runbook')
})
afterEach(async () => {
  await ops.close()
  await rm(repo.dir, { recursive: true, force: true })
  await rm(join(stateDir, '..'), { recursive: true, force: true })
})

const clock = tickingClock(START)
const local = () => new LocalPlatform(stateDir, repo.dir)

function run(inputs: Record<string, string> = {}) {
  const { ctx, reporter } = opsContext({
    reportPath: join(ops.dir, 'report.json'),
    now: clock,
    config: {
      services: ops.serviceConfig(),
      monitor: { 'grace-period-ms': 0 }
    },
    inputs: { action: 'deploy', ...inputs },
    run: { sha: '' }
  })
  return runStage('all', ctx, depsOf(local())).then((result) => ({
    result,
    reporter
  }))
}

const dashboard = async () =>
  stateOf(await readFile(join(stateDir, 'dashboard.md'), 'utf8'))

test('an update of a healthy service is kept while another service is down for its own reasons', async () => {
  const v1 = await repo.commit('v1')
  const first = await run()
  expect(first.result.failure).toBeNull()
  const v2 = await repo.commit('v2')
  // Flask goes down on its own, unrelated to any deploy.
  await ops.setService('flask', 'broken', v1)

  const { result, reporter } = await run({
    action: 'update-component',
    'target-component': 'fastapi'
  })
  expect(result.outputs['deployment-status']).toBe('success')
  expect(result.outputs['deploy-verdict']).toBe('verified')
  expect(result.outputs['rollback-status']).toBe('skipped')
  expect(result.failure).toBeNull()
  expect(await ops.serviceState('fastapi')).toBe(`ok ${v2}`)
  expect(
    reporter
      .of('warning')
      .map((w) => w.message)
      .join('\n')
  ).toMatch(/flask is down for reasons of its own/)
  const rollbacks = (await ops.evidence()).filter(
    (e) => e.runbook.RUNBOOK_ACTION === 'rollback'
  )
  expect(rollbacks).toEqual([])
  const state = await dashboard()
  expect(state.overall).toBe('critical')
  expect(state.next?.situation).toBe('critical-not-deploy')
  expect(state.next?.command).toContain('-f action=healthcheck')
  expect(state.next?.why).toContain('flask')
  expect(state.live.fastapi?.tag).toBe(result.outputs['deployment-tag'])
})

test('a deploy that breaks its own service while another is already down rolls back only that one, and the rollback is verified', async () => {
  const v1 = await repo.commit('v1')
  const first = await run()
  expect(first.result.failure).toBeNull()
  const good = first.result.outputs['deployment-tag']
  const v2 = await repo.commit('v2')
  await ops.setService('flask', 'broken', v1)
  // Whatever v2 deploys answers 503: fastapi breaks; flask stays down.
  await ops.setMode('broken', v2)

  const { result } = await run()
  expect(result.outputs['deploy-verdict']).toBe('broken')
  expect(result.outputs.broken).toBe('fastapi')
  expect(result.outputs['rollback-status']).toBe('executed')
  expect(result.outputs['rollback-version']).toBe(good)
  expect(await ops.serviceState('fastapi')).toBe(`ok ${v1}`)
  const rolledBack = (await ops.evidence())
    .filter((e) => e.runbook.RUNBOOK_ACTION === 'rollback')
    .map((e) => e.service)
  expect(rolledBack).toEqual(['fastapi'])
  const state = await dashboard()
  expect(state.next?.situation).not.toMatch(/rollback-failed/)
  expect(state.next?.command ?? '').not.toContain('emergency-stop')
})
