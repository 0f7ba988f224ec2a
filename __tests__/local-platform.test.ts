import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalPlatform, LocalPlatformError } from '../src/platform/local.js'
import {
  DASHBOARD_MARKER,
  HALT_TAG,
  type Halt
} from '../src/platform/platform.js'
import { status } from '../src/stages/status.js'
import { stageContext } from './helpers/context.js'
import { needs, report } from './helpers/dashboard.js'
import { tempRepo, type TempRepo } from './helpers/git.js'

const NOW = '2025-12-22T13:00:00.000Z'
const HALT: Halt = { by: 'octocat', at: NOW, reason: 'database on fire' }

let repo: TempRepo
let stateDir: string
let platform: LocalPlatform

beforeEach(async () => {
  repo = await tempRepo()
  stateDir = join(repo.dir, '.runbook')
  platform = new LocalPlatform(stateDir, repo.dir)
})
afterEach(() => repo.remove())

describe('the halt lock', () => {
  test('is not held in a fresh repository', async () => {
    expect(await platform.readHalt()).toBeNull()
  })

  test('taken once succeeds and taken again fails', async () => {
    const sha = await repo.head()
    expect(await platform.takeHalt(HALT, sha)).toBe(true)
    expect(await platform.takeHalt({ ...HALT, by: 'hubot' }, sha)).toBe(false)
    expect(await platform.readHalt()).toEqual(HALT)
  })

  test('taken by two at once goes to exactly one', async () => {
    const sha = await repo.head()
    const taken = await Promise.all(
      ['a', 'b', 'c', 'd'].map((by) => platform.takeHalt({ ...HALT, by }, sha))
    )
    expect(taken.filter(Boolean)).toHaveLength(1)
  })

  test('records who, when and why in an annotated runbook-halt tag', async () => {
    await platform.takeHalt(HALT, await repo.head())
    expect(await repo.git('cat-file', '-t', `refs/tags/${HALT_TAG}`)).toBe(
      'tag'
    )
    expect(
      JSON.parse(await repo.git('tag', '-l', '--format=%(contents)', HALT_TAG))
    ).toEqual(HALT)
    expect(await platform.readHalt()).toEqual({
      by: 'octocat',
      at: NOW,
      reason: 'database on fire'
    })
  })

  test('a tag message that is not JSON still reads as a stop', async () => {
    await repo.git('tag', '-a', HALT_TAG, '-m', 'stopped by hand')
    expect(await platform.readHalt()).toEqual({
      by: 'unknown',
      at: '',
      reason: 'stopped by hand'
    })
  })

  test('released, it is free again, and releasing twice says it was not held', async () => {
    const sha = await repo.head()
    await platform.takeHalt(HALT, sha)
    expect(await platform.releaseHalt()).toBe(true)
    expect(await platform.readHalt()).toBeNull()
    expect(await platform.releaseHalt()).toBe(false)
    expect(await platform.takeHalt(HALT, sha)).toBe(true)
  })
})

describe('tags', () => {
  test('createTag makes a tag once and reports an existing one', async () => {
    const sha = await repo.head()
    expect(await platform.createTag('deployment-20251222-130000', sha)).toBe(
      true
    )
    expect(await platform.createTag('deployment-20251222-130000', sha)).toBe(
      false
    )
    expect(await platform.tagCommit('deployment-20251222-130000')).toBe(sha)
  })

  test('tagCommit is null for a tag that does not exist', async () => {
    expect(await platform.tagCommit('deployment-20990101-000000')).toBeNull()
  })

  test('tagCommit gives the commit of an annotated tag, not the tag object', async () => {
    const sha = await repo.head()
    await repo.git('tag', '-a', 'deployment-20251222-120000', '-m', 'note')
    expect(await platform.tagCommit('deployment-20251222-120000')).toBe(sha)
  })

  test('listDeploymentTags lists deployment tags, plain or annotated, with their commits', async () => {
    const first = await repo.head()
    await platform.createTag('deployment-20251221-100000', first)
    await repo.git('commit', '-q', '--allow-empty', '-m', 'second')
    const second = await repo.head()
    await repo.git('tag', '-a', 'deployment-20251222-100000', '-m', 'annotated')
    await repo.git('tag', 'v1.0.0')
    await platform.takeHalt(HALT, second)
    const tags = await platform.listDeploymentTags()
    expect(tags.sort((a, b) => a.tag.localeCompare(b.tag))).toEqual([
      { tag: 'deployment-20251221-100000', sha: first },
      { tag: 'deployment-20251222-100000', sha: second }
    ])
  })
})

describe('the dashboard file', () => {
  const file = () => join(stateDir, 'dashboard.md')
  const body = `${DASHBOARD_MARKER}\n# Runbook status\n`

  test('is not found before it is written', async () => {
    expect(await platform.findDashboard()).toEqual({
      issue: null,
      foreign: false
    })
  })

  test('is written into the state directory and found again', async () => {
    const created = await platform.createDashboard(
      'Runbook status dashboard',
      body
    )
    expect(created).toEqual({ number: 1, url: file(), body })
    expect(await readFile(file(), 'utf8')).toBe(body)
    expect(await platform.findDashboard()).toEqual({
      issue: { number: 1, url: file(), body },
      foreign: false
    })
  })

  test('an update replaces it and leaves no temporary file behind', async () => {
    await platform.createDashboard('Runbook status dashboard', body)
    await platform.updateDashboard(1, `${body}more\n`)
    expect((await platform.readDashboard(1)).body).toBe(`${body}more\n`)
    expect(await readdir(stateDir)).toEqual(['dashboard.md'])
  })

  test('a dashboard.md without the marker is foreign', async () => {
    await mkdir(stateDir, { recursive: true })
    await writeFile(file(), '# My own notes\n')
    expect(await platform.findDashboard()).toEqual({
      issue: null,
      foreign: true
    })
  })

  test('the status stage writes a dashboard that the next run finds and updates', async () => {
    const run = (at: string) =>
      status(
        stageContext({
          services: [{ name: 'api', url: 'http://127.0.0.1:9/health' }],
          inputs: { stage: 'status' },
          run: { id: 'local', url: '', eventName: '' },
          now: new Date(at)
        }).ctx,
        platform,
        needs({ monitor: report(at, { api: 'healthy' }) })
      )
    const first = await run(NOW)
    expect(first.created).toBe(true)
    const second = await run('2025-12-22T19:00:00.000Z')
    expect(second).toMatchObject({ written: true, created: false })
    expect(second.state.services.api?.recent).toHaveLength(2)
    expect((await readFile(file(), 'utf8')).startsWith(DASHBOARD_MARKER)).toBe(
      true
    )
  })

  // Once, createDashboard wrote to the same dashboard.md that findDashboard
  // had just called foreign: the status stage warned that the file "is left
  // untouched" and then overwrote it. Nothing a person wrote may be
  // overwritten (DESIGN §5).
  test('the status stage does not overwrite a foreign dashboard.md', async () => {
    await mkdir(stateDir, { recursive: true })
    await writeFile(file(), '# My own notes\n\nDo not lose these.\n')
    const { ctx, reporter } = stageContext({
      services: [{ name: 'api', url: 'http://127.0.0.1:9/health' }],
      inputs: { stage: 'status' },
      run: { id: 'local', url: '', eventName: '' },
      now: new Date(NOW)
    })
    await status(
      ctx,
      platform,
      needs({ monitor: report(NOW, { api: 'healthy' }) })
    )
    expect(reporter.of('warning')[0]?.message).toContain('left untouched')
    expect(await readFile(file(), 'utf8')).toBe(
      '# My own notes\n\nDo not lose these.\n'
    )
  })
})

describe('the rest of the platform', () => {
  test('the local user may do everything', async () => {
    expect(await platform.permission()).toBe('admin')
  })

  test('the default branch is the checked-out one', async () => {
    expect(await platform.defaultBranch()).toBe('main')
  })
})

describe('absent is told apart from failed', () => {
  test('a branch without a commit yet is the default branch', async () => {
    await repo.git('checkout', '-q', '--orphan', 'release')
    expect(await platform.defaultBranch()).toBe('release')
  })

  test('a detached checkout has no branch to name', async () => {
    await repo.git('checkout', '-q', '--detach')
    expect(await platform.defaultBranch()).toBe('HEAD')
  })

  test('outside a git repository there is no lock, no tag and no deployment, and the branch is main', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'runbook-no-repo-'))
    try {
      const here = new LocalPlatform(join(outside, '.runbook'), outside)
      expect(await here.readHalt()).toBeNull()
      expect(await here.tagCommit('deployment-20251222-130000')).toBeNull()
      expect(await here.listDeploymentTags()).toEqual([])
      expect(await here.defaultBranch()).toBe('main')
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  test('when git cannot run, the lock and the tags are an error, never "not held"', async () => {
    const path = process.env.PATH
    process.env.PATH = ''
    try {
      await expect(platform.readHalt()).rejects.toThrow(LocalPlatformError)
      await expect(platform.tagCommit(HALT_TAG)).rejects.toThrow(
        /^read the tag runbook-halt: /
      )
      await expect(platform.listDeploymentTags()).rejects.toThrow(
        /^list the deployment tags: /
      )
    } finally {
      process.env.PATH = path
    }
  })

  test('a dashboard file that cannot be read is an error naming it, never "no dashboard"', async () => {
    await mkdir(join(stateDir, 'dashboard.md'), { recursive: true })
    await expect(platform.findDashboard()).rejects.toThrow(
      `read the dashboard file ${join(stateDir, 'dashboard.md')}: `
    )
  })
})
