// The emergency-stop lock, stage by stage and without the engine: who holds
// it as read back from its tag, what an emergency stop does and reports, what
// a resume reports, and a deploy overtaken by the lock. Real git repositories
// (LocalPlatform) and the REST emulator where GitHub's part is under test.

import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunInfo } from '../src/context.js'
import type { InputName } from '../src/inputs.js'
import { HALT_TAG, parseHaltMessage } from '../src/platform/halt.js'
import { LocalPlatform } from '../src/platform/local.js'
import type { Platform } from '../src/platform/platform.js'
import { deploy, deployOutputs } from '../src/stages/deploy.js'
import { emergencyStop, resume } from '../src/stages/emergency.js'
import {
  DEFAULT_TOKEN,
  FULL_ACCESS,
  startEmulator,
  sha,
  type Emulator
} from './emulator/index.js'
import { stageContext } from './helpers/context.js'
import { tempRepo, type TempRepo } from './helpers/git.js'
import { githubPlatform } from './helpers/github.js'

const NOW = new Date('2025-12-22T13:00:00.000Z')
const DOWN = 'http://127.0.0.1:9/health'

describe('parseHaltMessage', () => {
  test('a lock taken by Runbook reads back who took it, when and why', () => {
    expect(
      parseHaltMessage(
        JSON.stringify({ by: 'alice', at: NOW.toISOString(), reason: 'fire' })
      )
    ).toEqual({ by: 'alice', at: NOW.toISOString(), reason: 'fire' })
  })

  test('a lock message without its fields reads as taken by unknown, at no known time, for no reason', () => {
    expect(parseHaltMessage('{}')).toEqual({
      by: 'unknown',
      at: '',
      reason: ''
    })
  })

  test('a lock message that is not JSON is kept as the reason, in one line', () => {
    expect(parseHaltMessage('stopped by hand\n::error::see ops')).toEqual({
      by: 'unknown',
      at: '',
      reason: 'stopped by hand ::error::see ops'
    })
  })

  test('each field of a lock message is cut to one line of bounded length', () => {
    const halt = parseHaltMessage(
      JSON.stringify({
        by: `::${'b'.repeat(200)}`,
        at: `${NOW.toISOString()}\n${'9'.repeat(60)}`,
        reason: `first\nsecond ${'r'.repeat(600)}`
      })
    )
    expect(halt.by).toHaveLength(100)
    expect(halt.by.startsWith('::')).toBe(false)
    expect(halt.at).toHaveLength(40)
    expect(halt.at.startsWith(`${NOW.toISOString()} 9`)).toBe(true)
    expect(halt.reason).toHaveLength(500)
    expect(halt.reason.startsWith('first second rrr')).toBe(true)
  })

  test('fields of a lock message that are not strings are read as text', () => {
    expect(
      parseHaltMessage(JSON.stringify({ by: 42, at: 7, reason: true }))
    ).toEqual({ by: '42', at: '7', reason: 'true' })
  })
})

let repo: TempRepo
let head: string

beforeEach(async () => {
  repo = await tempRepo()
  head = await repo.head()
})
afterEach(() => repo.remove())

const local = (): LocalPlatform =>
  new LocalPlatform(join(repo.dir, '.runbook'), repo.dir)

interface ServiceSpec {
  name: string
  deploy?: string
  stop?: string
}

function context(
  options: {
    inputs?: Partial<Record<InputName, string>>
    run?: Partial<RunInfo>
    services?: ServiceSpec[]
  } = {}
) {
  return stageContext({
    services: (options.services ?? [{ name: 'api' }]).map((s) => ({
      url: DOWN,
      ...s
    })),
    inputs: { action: 'emergency-stop', ...options.inputs },
    run: { id: '100', sha: head, ...options.run },
    now: NOW
  })
}

/** A stop command that records what Runbook told it, one line per run. */
function recordingStop(file: string): string {
  return `printf '%s|%s|%s|%s|%s\\n' "$RUNBOOK_ACTION" "$RUNBOOK_SERVICE" "$RUNBOOK_REF" "$RUNBOOK_VERSION" "$RUNBOOK_REASON" >> ${file}`
}

/** Takes the lock in the repository as someone else's Runbook would. */
async function heldBy(by: string, reason = 'held') {
  await repo.git(
    'tag',
    '-a',
    HALT_TAG,
    '-m',
    JSON.stringify({ by, at: '2025-12-22T12:00:00.000Z', reason })
  )
}

describe('emergency stop', () => {
  test('the lock reads back as held by the person who triggered the stop, at its time, for its reason', async () => {
    const { ctx } = context({
      inputs: { reason: 'payments double-charging' },
      run: { actor: 'octocat', triggeringActor: 'alice' }
    })
    await emergencyStop(ctx, local())
    expect(await local().readHalt()).toEqual({
      by: 'alice',
      at: NOW.toISOString(),
      reason: 'payments double-charging'
    })
  })

  test('without a triggering actor, the lock is held by the actor of the run', async () => {
    const { ctx } = context({
      run: { actor: 'octocat', triggeringActor: '' }
    })
    await emergencyStop(ctx, local())
    expect((await local().readHalt())?.by).toBe('octocat')
  })

  test('without any actor, the lock is held by unknown', async () => {
    const { ctx } = context({ run: { actor: '', triggeringActor: '' } })
    await emergencyStop(ctx, local())
    expect((await local().readHalt())?.by).toBe('unknown')
  })

  test('the lock is taken on the commit of the run', async () => {
    await repo.git('commit', '-q', '--allow-empty', '-m', 'second')
    const { ctx } = context({ run: { sha: head } })
    await emergencyStop(ctx, local())
    expect(await local().tagCommit(HALT_TAG)).toBe(head)
    expect(await repo.head()).not.toBe(head)
  })

  test('without a commit of the run, the lock is taken on the checked-out commit', async () => {
    const { ctx } = context({ run: { sha: '' } })
    const result = await emergencyStop(ctx, local())
    expect(await local().tagCommit(HALT_TAG)).toBe(head)
    expect(result.sha).toBe(head)
  })

  test('a stop that takes the lock reports it held, with every service and the time of the stop', async () => {
    const { ctx } = context({
      services: [{ name: 'api' }, { name: 'web' }]
    })
    const result = await emergencyStop(ctx, local())
    expect(result).toMatchObject({
      status: 'success',
      time: NOW.toISOString(),
      tag: '',
      sha: head,
      deploymentId: null,
      components: ['api', 'web'],
      halted: true
    })
    expect(deployOutputs(result).halted).toBe('true')
  })

  test('every service’s stop command runs, told the action, the service, the commit and the reason, and no version', async () => {
    const file = join(repo.dir, 'stops.txt')
    const { ctx } = context({
      inputs: { reason: 'disk full' },
      services: [
        { name: 'api', stop: recordingStop(file) },
        { name: 'web', stop: recordingStop(file) }
      ]
    })
    await emergencyStop(ctx, local())
    expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual([
      `emergency-stop|api|${head}||disk full`,
      `emergency-stop|web|${head}||disk full`
    ])
  })

  test('a stop command that fails does not keep the next service from stopping, and fails the stop', async () => {
    const file = join(repo.dir, 'stops.txt')
    const { ctx } = context({
      services: [
        { name: 'api', stop: 'exit 3' },
        { name: 'web', stop: recordingStop(file) }
      ]
    })
    const result = await emergencyStop(ctx, local())
    expect(await readFile(file, 'utf8')).toContain('|web|')
    expect(result.status).toBe('failed')
    expect(result.halted).toBe(true)
  })

  test('the summary counts the stop commands that succeeded and names the ones that failed', async () => {
    const { ctx, reporter } = context({
      run: { triggeringActor: 'alice' },
      services: [
        { name: 'api', stop: 'exit 3' },
        { name: 'web', stop: 'true' },
        { name: 'db' }
      ]
    })
    const result = await emergencyStop(ctx, local())
    const summary =
      'emergency stop by alice: lock taken, 1 of 2 stop commands succeeded (api: stop exit 3), 0 other runs cancelled'
    expect(result.summary).toBe(summary)
    expect(reporter.summaries).toEqual([`### Emergency stop\n\n${summary}`])
  })

  test('the summary names each failed stop command, separated by semicolons', async () => {
    const { ctx } = context({
      services: [
        { name: 'api', stop: 'exit 3' },
        { name: 'web', stop: 'exit 4' }
      ]
    })
    const result = await emergencyStop(ctx, local())
    expect(result.summary).toContain(
      '0 of 2 stop commands succeeded (api: stop exit 3; web: stop exit 4)'
    )
  })

  test('a service without a stop command is said to have none', async () => {
    const { ctx, reporter } = context({ services: [{ name: 'api' }] })
    const result = await emergencyStop(ctx, local())
    expect(result.commands).toEqual([])
    expect(reporter.of('info').map((l) => l.message)).toContain(
      'api: no stop command configured'
    )
  })

  test('the running deployment is recorded as stopped, so no one reads it as running', async () => {
    const platform = local()
    const id = await platform.createDeployment({
      sha: head,
      environment: 'production',
      description: 'deploy',
      payload: {
        runbook: '1',
        action: 'deploy',
        tag: 'deployment-20251222-120000',
        components: 'api',
        actor: 'octocat',
        time: '2025-12-22T12:00:00.000Z',
        run_id: '99'
      }
    })
    await platform.setDeploymentStatus(id, 'success', {
      logUrl: '',
      description: 'verified: healthy'
    })
    const { ctx } = context({ run: { triggeringActor: 'alice' } })
    await emergencyStop(ctx, platform)
    const [live] = await platform.listDeployments('production', 1)
    expect(live?.stopped).toBe(true)
    const log = await readFile(
      join(repo.dir, '.runbook', 'deployments.jsonl'),
      'utf8'
    )
    expect(JSON.parse(log.trim().split('\n').at(-1) ?? '')).toMatchObject({
      id,
      state: 'inactive',
      description: 'stopped by an emergency stop by alice'
    })
  })

  test('a stop whose deployments cannot be read still stops and says it could not mark them', async () => {
    // A directory where the log should be: reading it fails.
    await mkdir(join(repo.dir, '.runbook', 'deployments.jsonl'), {
      recursive: true
    })
    const file = join(repo.dir, 'stops.txt')
    const { ctx, reporter } = context({
      services: [{ name: 'api', stop: recordingStop(file) }]
    })
    const result = await emergencyStop(ctx, local())
    expect(result).toMatchObject({ status: 'success', halted: true })
    expect(await readFile(file, 'utf8')).toContain('|api|')
    expect(reporter.of('warning')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^the emergency stop could not mark the running deployment stopped: /
        ),
        title: 'Emergency stop'
      })
    ])
  })

  test('a dry run says what it would stop, takes no lock, runs nothing and does not read the lock', async () => {
    const file = join(repo.dir, 'stops.txt')
    const { ctx, reporter } = context({
      inputs: { 'dry-run': 'true' },
      services: [{ name: 'api', stop: recordingStop(file) }, { name: 'web' }]
    })
    const result = await emergencyStop(ctx, local())
    expect(await local().readHalt()).toBeNull()
    await expect(readFile(file, 'utf8')).rejects.toThrow('ENOENT')
    expect(result).toMatchObject({ status: 'skipped', halted: null })
    expect(deployOutputs(result)).not.toHaveProperty('halted')
    expect(reporter.of('info').map((l) => l.message)).toEqual([
      `dry run: would run the stop command of api: ${recordingStop(file)}`,
      'dry run: web has no stop command',
      'dry run: would take the runbook-halt lock, stop the services and cancel other runs'
    ])
  })
})

describe('an emergency stop that finds the lock held', () => {
  test('it reports the lock held, by whom and since when, and does nothing else', async () => {
    await heldBy('bob', 'first')
    const file = join(repo.dir, 'stops.txt')
    const { ctx, reporter } = context({
      inputs: { reason: 'second' },
      services: [{ name: 'api', stop: recordingStop(file) }]
    })
    const result = await emergencyStop(ctx, local())
    const summary =
      'the emergency stop is already in effect (since 2025-12-22 12:00:00 UTC by bob); nothing else done'
    expect(reporter.of('warning')).toEqual([
      { kind: 'warning', message: summary, title: 'Emergency stop' }
    ])
    expect(result).toMatchObject({ status: 'skipped', summary })
    await expect(readFile(file, 'utf8')).rejects.toThrow('ENOENT')
    expect((await local().readHalt())?.reason).toBe('first')
  })

  test('it reports the lock as held, so the dashboard records the stop as already in effect', async () => {
    await heldBy('bob')
    const result = await emergencyStop(context().ctx, local())
    expect(result.halted).toBe(true)
    expect(deployOutputs(result)).toMatchObject({
      'deployment-status': 'skipped',
      halted: 'true'
    })
  })

  test('a lock taken by hand without a message is reported as held by unknown since an unknown time', async () => {
    await repo.git('tag', HALT_TAG)
    const { ctx } = context()
    const result = await emergencyStop(ctx, local())
    expect(result.summary).toBe(
      'the emergency stop is already in effect (since an unknown time by unknown); nothing else done'
    )
  })
})

describe('resume', () => {
  test('a resume releases the lock and says who resumed', async () => {
    await heldBy('bob')
    const { ctx, reporter } = context({
      inputs: { action: 'resume' },
      run: { actor: 'octocat', triggeringActor: 'alice' }
    })
    const result = await resume(ctx, local())
    expect(await local().readHalt()).toBeNull()
    const summary = 'resumed by alice: the runbook-halt lock is released'
    expect(result).toMatchObject({ status: 'success', summary })
    expect(reporter.summaries).toEqual([`### Resume\n\n${summary}`])
  })

  test('a resume reports the lock free afterwards', async () => {
    await heldBy('bob')
    const result = await resume(
      context({ inputs: { action: 'resume' } }).ctx,
      local()
    )
    expect(result.halted).toBe(false)
    expect(deployOutputs(result).halted).toBe('false')
  })

  test('a resume without a triggering actor names the actor of the run', async () => {
    await heldBy('bob')
    const { ctx } = context({
      inputs: { action: 'resume' },
      run: { actor: 'octocat', triggeringActor: '' }
    })
    expect((await resume(ctx, local())).summary).toBe(
      'resumed by octocat: the runbook-halt lock is released'
    )
  })

  test('a resume without any actor names unknown', async () => {
    await heldBy('bob')
    const { ctx } = context({
      inputs: { action: 'resume' },
      run: { actor: '', triggeringActor: '' }
    })
    expect((await resume(ctx, local())).summary).toBe(
      'resumed by unknown: the runbook-halt lock is released'
    )
  })

  test('a resume without a stop in effect says so, is skipped, and reports the lock free', async () => {
    const { ctx, reporter } = context({ inputs: { action: 'resume' } })
    const result = await resume(ctx, local())
    const summary = 'resume: there was no emergency stop in effect'
    expect(result).toMatchObject({ status: 'skipped', halted: false, summary })
    expect(reporter.summaries).toEqual([`### Resume\n\n${summary}`])
  })

  test('a dry-run resume keeps the lock and does not report it read', async () => {
    await heldBy('bob')
    const { ctx } = context({ inputs: { action: 'resume', 'dry-run': 'true' } })
    const result = await resume(ctx, local())
    expect(await local().readHalt()).not.toBeNull()
    expect(result).toMatchObject({
      status: 'skipped',
      halted: null,
      summary: 'dry run: would release the runbook-halt lock'
    })
  })
})

describe('a deploy overtaken by the lock', () => {
  test('a deploy finding the lock taken since the gate runs nothing and says who took it and when', async () => {
    await heldBy('bob')
    const file = join(repo.dir, 'deploys.txt')
    const { ctx, reporter } = context({
      inputs: { action: 'deploy' },
      services: [{ name: 'api', deploy: `touch ${file}` }]
    })
    const result = await deploy(ctx, local(), 'deploy', 'all')
    const refused =
      'an emergency stop was taken after the gate approved this deploy (since 2025-12-22 12:00:00 UTC by bob); run resume first'
    expect(result).toMatchObject({
      status: 'skipped',
      refused,
      sha: head,
      components: ['api'],
      deploymentId: null,
      halted: true,
      summary: `deploy refused: ${refused}`
    })
    expect(reporter.of('warning')).toEqual([
      {
        kind: 'warning',
        message: `deploy stopped: ${refused}`,
        title: 'Safety gate'
      }
    ])
    expect(reporter.summaries).toEqual([`### Deploy: refused\n\n${refused}`])
    await expect(readFile(file, 'utf8')).rejects.toThrow('ENOENT')
  })

  test('a lock taken by hand overtaking a deploy is said to be since an unknown time', async () => {
    await repo.git('tag', HALT_TAG)
    const { ctx } = context({ inputs: { action: 'deploy' } })
    const result = await deploy(ctx, local(), 'deploy', 'all')
    expect(result.refused).toBe(
      'an emergency stop was taken after the gate approved this deploy (since an unknown time by unknown); run resume first'
    )
  })

  test('a lock taken while the deploy commands ran leaves the deploy untagged, refused under its recorded deployment', async () => {
    const message = JSON.stringify({
      by: 'carol',
      at: '2025-12-22T13:00:05.000Z',
      reason: 'stop'
    })
    const { ctx } = context({
      inputs: { action: 'deploy' },
      services: [
        {
          name: 'api',
          deploy: `git -C ${repo.dir} tag -a ${HALT_TAG} -m '${message}'`
        }
      ]
    })
    const platform = local()
    const result = await deploy(ctx, platform, 'deploy', 'all')
    const [recorded] = await platform.listDeployments('production', 1)
    expect(result).toMatchObject({
      status: 'skipped',
      tag: '',
      halted: true,
      deploymentId: recorded?.id,
      refused:
        'an emergency stop was taken after the gate approved this deploy (since 2025-12-22 13:00:05 UTC by carol); run resume first'
    })
    expect(await platform.listDeploymentTags()).toEqual([])
  })
})

describe('emergency stop on GitHub', () => {
  const V1 = sha('app v1')
  let emulator: Emulator

  async function start(permissions = FULL_ACCESS): Promise<Platform> {
    emulator = await startEmulator({
      tokens: { [DEFAULT_TOKEN]: permissions }
    })
    emulator.addCommit(V1, 'v1', { branch: 'main' })
    for (const [id, status] of [
      [100, 'in_progress'],
      [101, 'queued']
    ] as const)
      emulator.addWorkflowRun({ id, workflow_id: 7, status })
    return githubPlatform(emulator)
  }
  afterEach(() => emulator.close())

  test('the summary says how many other runs were cancelled, one in the singular', async () => {
    const platform = await start()
    const { ctx } = context({ run: { sha: V1, triggeringActor: 'alice' } })
    const result = await emergencyStop(ctx, platform)
    expect(result.summary).toBe(
      'emergency stop by alice: lock taken, 0 of 0 stop commands succeeded, 1 other run cancelled'
    )
  })

  test('a stop whose token may not cancel runs keeps the lock, warns and says the runs were not cancelled', async () => {
    const platform = await start({ ...FULL_ACCESS, actions: 'read' })
    const { ctx, reporter } = context({ run: { sha: V1 } })
    const result = await emergencyStop(ctx, platform)
    expect(result).toMatchObject({ status: 'success', halted: true })
    expect(result.summary).toMatch(/, other runs not cancelled$/)
    expect(reporter.of('warning')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^the emergency stop could not cancel the other runs: /
        ),
        title: 'Emergency stop'
      })
    ])
    expect(await platform.readHalt()).not.toBeNull()
  })
})
