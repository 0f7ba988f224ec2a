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
  /** Commits an empty change and returns its full SHA. */
  commit: (message: string) => Promise<string>
  remove: () => Promise<void>
}

/**
 * A repository on branch main, with one commit unless `initialCommit` is
 * false. Its own config carries an identity and turns signing off, since the
 * code under test runs git itself (commits, annotated tags) with the user's
 * global config: a global `tag.gpgSign` must not break the tests.
 */
export async function tempRepo(
  options: { initialCommit?: boolean } = {}
): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-git-'))
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' }
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', args, { cwd: dir, env })).stdout.trim()
  await git('init', '-q', '-b', 'main')
  await git('config', 'user.name', 'Runbook Test')
  await git('config', 'user.email', 'test@example.com')
  await git('config', 'tag.gpgSign', 'false')
  await git('config', 'commit.gpgSign', 'false')
  const commit = async (message: string): Promise<string> => {
    await git('commit', '-q', '--allow-empty', '-m', message)
    return git('rev-parse', 'HEAD')
  }
  if (options.initialCommit !== false) await commit('initial')
  return {
    dir,
    git,
    head: () => git('rev-parse', 'HEAD'),
    commit,
    remove: () => rm(dir, { recursive: true, force: true })
  }
}
