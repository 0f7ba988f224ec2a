// A rollback runs the target version's own scripts, from a worktree at its
// commit; where the commit is not in the checkout it says so and why.

import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import {
  access,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { worktreeAt } from '../src/worktree.js'
import { tempRepo, type TempRepo } from './helpers/git.js'

const run = promisify(execFile)
let repo: TempRepo
let v1: string
let v2: string

beforeEach(async () => {
  repo = await tempRepo()
  await mkdir(join(repo.dir, 'scripts'))
  for (const version of ['v1', 'v2']) {
    await writeFile(join(repo.dir, 'scripts', 'deploy.sh'), `echo ${version}\n`)
    await repo.git('add', '.')
    await repo.git('commit', '-q', '-m', version)
    if (version === 'v1') v1 = await repo.head()
  }
  v2 = await repo.head()
})
afterEach(() => repo.remove())

test("a worktree at the target holds the target's scripts", async () => {
  const tree = await worktreeAt(v1, repo.dir)
  expect(tree.unavailable).toBe('')
  expect(await readFile(join(tree.dir, 'scripts', 'deploy.sh'), 'utf8')).toBe(
    'echo v1\n'
  )
  await tree.remove()
  await expect(access(tree.dir)).rejects.toThrow()
  expect(await repo.git('worktree', 'list')).not.toContain(tree.dir)
  expect(await repo.head()).toBe(v2)
})

test('a shallow checkout without the target says why and runs in place', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'runbook-shallow-'))
  const shallow = join(parent, 'clone')
  await run('git', [
    'clone',
    '-q',
    '--depth',
    '1',
    `file://${repo.dir}`,
    shallow
  ])
  const tree = await worktreeAt(v1, shallow)
  expect(tree.dir).toBe(shallow)
  expect(tree.unavailable).toMatch(/not in this checkout.*fetch-depth: 0/)
  await tree.remove()
  await rm(parent, { recursive: true, force: true })
})

test('a full clone, as the workflow checks out with fetch-depth: 0, has every version', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'runbook-full-'))
  const full = join(parent, 'clone')
  await run('git', ['clone', '-q', `file://${repo.dir}`, full])
  const tree = await worktreeAt(v1, full)
  expect(tree.unavailable).toBe('')
  expect(await readFile(join(tree.dir, 'scripts', 'deploy.sh'), 'utf8')).toBe(
    'echo v1\n'
  )
  await tree.remove()
  await rm(parent, { recursive: true, force: true })
})

test('outside a repository the commands run in place, with the reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-norepo-'))
  const tree = await worktreeAt(v1, dir)
  expect(tree).toMatchObject({ dir, unavailable: expect.any(String) })
  expect(tree.unavailable).not.toBe('')
  await rm(dir, { recursive: true, force: true })
})

test('a value that is not a full commit SHA never reaches git', async () => {
  const tree = await worktreeAt('--upload-pack=touch /tmp/x', repo.dir)
  expect(tree.unavailable).toBe('the target is not a full commit SHA')
})
