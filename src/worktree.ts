// A rollback runs the deploy commands of the version it goes back to: the
// target commit is checked out into a temporary git worktree beside the
// current checkout, used as the commands' working directory, then removed.

import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Worktree {
  /** Where the target's files are; the current directory when unavailable. */
  dir: string
  /** Why the target's own files could not be used, or ''. */
  unavailable: string
  remove: () => Promise<void>
}

/**
 * Checks `sha` out into a temporary worktree of the repository at `cwd`.
 * Never throws: without git, a repository or the commit (a shallow clone),
 * the commands run in `cwd` and `unavailable` says why.
 */
export async function worktreeAt(sha: string, cwd: string): Promise<Worktree> {
  const here: Worktree = { dir: cwd, unavailable: '', remove: async () => {} }
  if (!/^[0-9a-f]{40}$/.test(sha))
    return { ...here, unavailable: 'the target is not a full commit SHA' }
  const git = (args: string[], dir = cwd) =>
    run('git', args, { cwd: dir, timeout: 120_000, maxBuffer: 1 << 24 })
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`])
  } catch {
    return {
      ...here,
      unavailable: `commit ${sha.slice(0, 7)} is not in this checkout (a shallow clone? fetch its history, e.g. fetch-depth: 0)`
    }
  }
  const parent = await mkdtemp(join(tmpdir(), 'runbook-rollback-'))
  const dir = join(parent, 'tree')
  try {
    await git(['worktree', 'add', '--detach', '--quiet', dir, sha])
  } catch (error) {
    await rm(parent, { recursive: true, force: true })
    const message = (error as { stderr?: string }).stderr ?? String(error)
    return {
      ...here,
      unavailable: `could not check out ${sha.slice(0, 7)}: ${message.split('\n')[0]?.slice(0, 200) ?? ''}`
    }
  }
  return {
    dir,
    unavailable: '',
    remove: async () => {
      await git(['worktree', 'remove', '--force', dir]).catch(() => {})
      await rm(parent, { recursive: true, force: true })
      await git(['worktree', 'prune']).catch(() => {})
    }
  }
}
