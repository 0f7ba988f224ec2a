// Real git repositories in temp folders, isolated from the user's git config.

import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TempRepo {
  dir: string
  git: (...args: string[]) => Promise<string>
  /** The commit HEAD points at. */
  head: () => Promise<string>
  remove: () => Promise<void>
}

/**
 * A repository on branch main with one commit. Its own config carries an
 * identity, since the code under test runs git itself (annotated tags).
 */
export async function tempRepo(): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-git-'))
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' }
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', args, { cwd: dir, env })).stdout.trim()
  await git('init', '-q', '-b', 'main')
  await git('config', 'user.name', 'Runbook Test')
  await git('config', 'user.email', 'test@example.com')
  await git('config', 'tag.gpgSign', 'false')
  await git('config', 'commit.gpgSign', 'false')
  await git('commit', '-q', '--allow-empty', '-m', 'initial')
  return {
    dir,
    git,
    head: () => git('rev-parse', 'HEAD'),
    remove: () => rm(dir, { recursive: true, force: true })
  }
}
