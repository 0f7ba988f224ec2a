// The stages that run commands, end to end on the GitHub emulator: a reason
// pasted from a terminal cannot keep an emergency stop from happening, a
// command receives the variables pass-env names and never the action's
// tokens, and a failed command's output is never published outside the log.

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  expect,
  test
} from '@jest/globals'
import { join } from 'node:path'
import { runStage } from '../src/run-stages.js'
import { REASON_MAX } from '../src/reason.js'
import { startEmulator, sha, type Emulator } from './emulator/index.js'
import {
  depsOf,
  enterEmptyDir,
  githubPlatform,
  opsContext,
  startOps,
  stateOf,
  type Ops
} from './helpers/ops.js'
import { startReceiver, type Receiver } from './helpers/receivers.js'

const V1 = sha('app v1')
const NOW = new Date('2025-12-22T13:00:00.000Z')

// What the runner gives the action's process, and the deploy secret the
// workflow's author put in the step's `env:`.
const STEP_ENV = {
  'INPUT_GITHUB-TOKEN': 'ghs_input_token',
  ACTIONS_RUNTIME_TOKEN: 'runtime_token',
  GITHUB_TOKEN: 'ghs_env_token',
  DEPLOY_KEY: 'deploy-key-value'
}

// A reason as pasted from a terminal: colour, a hyperlink, a bidi override,
// a zero-width space, line breaks, and far more than 500 characters.
const PASTED =
  '\u001b[1;31mERROR\u001b[0m payments double-charging, see ' +
  '\u001b]8;;https://grafana.example/d/1\u0007dashboard\u001b]8;;\u0007\r\n' +
  '\u202eevil\u202c \u200bzero-width\t' +
  'x'.repeat(600)

let leave: () => Promise<void>
let emulator: Emulator
let ops: Ops
let slack: Receiver
let saved: NodeJS.ProcessEnv

beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})
beforeEach(async () => {
  saved = { ...process.env }
  Object.assign(process.env, STEP_ENV)
  emulator = await startEmulator()
  emulator.addCommit(V1, 'v1', { branch: 'main' })
  emulator.setPermission('octocat', 'write')
  emulator.addWorkflowRun({ id: 100, workflow_id: 7, status: 'in_progress' })
  ops = await startOps(['api', 'web'])
  await ops.setService('api', 'ok', V1)
  await ops.setService('web', 'ok', V1)
  slack = await startReceiver()
})
afterEach(async () => {
  process.env = saved
  await emulator.close()
  await ops.close()
  await slack.close()
})

function context(
  inputs: Record<string, string>,
  services = ops.serviceConfig()
) {
  return opsContext({
    reportPath: join(ops.dir, 'report.json'),
    now: () => NOW,
    config: {
      services,
      monitor: { 'grace-period-ms': 0 },
      deployment: { environment: 'staging', 'pass-env': ['DEPLOY_KEY'] }
    },
    inputs: { 'slack-webhook-url': slack.url, ...inputs },
    run: { sha: V1 }
  })
}

const run = (ctx: ReturnType<typeof context>['ctx']) =>
  runStage('all', ctx, depsOf(githubPlatform(emulator)))

function haltReason(): unknown {
  const ref = emulator.ref('tags/runbook-halt')
  const tag = ref ? emulator.tagObject(ref.object.sha) : undefined
  return tag ? (JSON.parse(tag.message) as { reason: unknown }).reason : null
}

test('an emergency stop with a long reason pasted from a terminal takes the lock, stops every service, records the halt and notifies', async () => {
  const { ctx } = context({ action: 'emergency-stop', reason: PASTED })
  const result = await run(ctx)
  expect(result.failure).toBeNull()
  expect(result.outputs.halted).toBe('true')
  expect(result.outputs['deployment-status']).toBe('success')
  const reason = haltReason()
  expect(typeof reason).toBe('string')
  expect((reason as string).length).toBe(REASON_MAX)
  expect(reason).toMatch(
    /^ERROR payments double-charging, see dashboard evil zero-width x+…$/
  )
  const stops = await ops.evidence()
  expect(stops.map((e) => [e.kind, e.runbook.RUNBOOK_REASON])).toEqual([
    ['stop', reason],
    ['stop', reason]
  ])
  const state = stateOf(
    emulator.issue(Number(result.outputs['issue-number']))?.body
  )
  expect(state.halt?.reason).toBe(reason)
  expect(result.outputs.notified).toBe('true')
  expect(slack.requests).toHaveLength(1)
})

test('a stop command receives the variable named in pass-env and none of the action’s tokens', async () => {
  const { ctx } = context({ action: 'emergency-stop', reason: 'drill' })
  await run(ctx)
  const stops = await ops.evidence()
  expect(stops).toHaveLength(2)
  for (const { env } of stops) {
    expect(env.DEPLOY_KEY).toBe('deploy-key-value')
    expect(env['INPUT_GITHUB-TOKEN']).toBeUndefined()
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined()
    expect(env.GITHUB_TOKEN).toBeUndefined()
  }
})

test('a deploy command receives the variable named in pass-env and none of the action’s tokens', async () => {
  const { ctx } = context({ action: 'deploy' })
  await run(ctx)
  const deploys = await ops.evidence()
  expect(deploys.map((e) => e.kind)).toEqual(['deploy', 'deploy'])
  for (const { env } of deploys) {
    expect(env.DEPLOY_KEY).toBe('deploy-key-value')
    expect(env['INPUT_GITHUB-TOKEN']).toBeUndefined()
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined()
    expect(env.GITHUB_TOKEN).toBeUndefined()
  }
})

test('a failed deploy that printed a bearer token publishes only "api: deploy exit 3" in its Deployment status and summary', async () => {
  const leaky = 'echo "Authorization: Bearer prodsecret_x -> 401" >&2; exit 3'
  const { ctx, reporter } = context(
    { action: 'deploy' },
    ops.serviceConfig({ deploy: leaky })
  )
  const result = await run(ctx)
  expect(result.outputs['deployment-status']).toBe('failed')
  const [failure] = emulator.deployments()[0]?.statuses ?? []
  expect(failure?.state).toBe('failure')
  expect(failure?.description).toBe('commands failed: api: deploy exit 3')
  const published = [
    ...reporter.summaries,
    ...reporter.of('error').map((e) => e.message),
    result.failure ?? '',
    JSON.stringify(emulator.issues()),
    ...slack.requests.map((r) => r.body)
  ].join('\n')
  expect(published).toContain('api: deploy exit 3')
  expect(published).not.toContain('prodsecret')
  expect(
    reporter.of('info').some((e) => e.message.includes('prodsecret_x'))
  ).toBe(true)
})
