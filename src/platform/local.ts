// The local platform: the dashboard is a file in the state directory, and
// the halt lock and deployment tags live in the local git repository.

import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  appendFile,
  mkdir,
  readFile,
  rename,
  writeFile
} from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { hasMarker } from '../contract.js'
import {
  HALT_TAG,
  type DashboardIssue,
  type DeploymentFact,
  type DeploymentState,
  type FoundDashboard,
  type Halt,
  type NewDeployment,
  type Permission,
  type Platform,
  parseHaltMessage
} from './platform.js'
import { deploymentFact, readPayload } from './facts.js'

const run = promisify(execFile)

/**
 * A git command or a state file that failed for a reason other than being
 * absent (a corrupt repository, a permission, a full disk): the run stops
 * with it rather than read it as "no dashboard", "no lock" or "no tags".
 */
export class LocalPlatformError extends Error {
  override name = 'LocalPlatformError'
}

function failed(what: string, error: unknown): LocalPlatformError {
  const e = error as { stderr?: string; message?: string }
  const detail = (e.stderr || e.message || String(error)).trim().split('\n')[0]
  return new LocalPlatformError(`${what}: ${detail}`)
}

/** git said this folder is not in a repository: there are no tags here. */
function outsideRepository(error: unknown): boolean {
  return /not a git repository/i.test(
    String((error as { stderr?: string }).stderr ?? '')
  )
}

/** A file that is not there (or whose folder is not): absent, not failed. */
function missingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

interface LogEntry {
  id: number
  state: string
  at?: string
  sha?: string
  environment?: string
  description?: string
  payload?: unknown
}

export class LocalPlatform implements Platform {
  readonly kind = 'local'
  /** A file is written atomically on the same machine. */
  readonly settleMs = 50
  private readonly file: string

  constructor(
    private readonly stateDir: string,
    private readonly cwd = process.cwd()
  ) {
    this.file = join(stateDir, 'dashboard.md')
  }

  private gitIdentity: Promise<NodeJS.ProcessEnv> | undefined

  /** An annotated tag needs a tagger: a machine without one gets "runbook". */
  private env(): Promise<NodeJS.ProcessEnv> {
    this.gitIdentity ??= run('git', ['config', 'user.email'], { cwd: this.cwd })
      .then(() => process.env)
      .catch(() => ({
        ...process.env,
        GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'runbook',
        GIT_COMMITTER_EMAIL:
          process.env.GIT_COMMITTER_EMAIL ?? 'runbook@localhost'
      }))
    return this.gitIdentity
  }

  /** Runs git with arguments (never through a shell). */
  private async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', args, {
      env: await this.env(),
      cwd: this.cwd,
      maxBuffer: 16 * 1024 * 1024
    })
    return stdout
  }

  /** Dashboard 1 is dashboard.md; 2, our own, is used when 1 is someone else's file. */
  private path(number: number): string {
    return number === 2
      ? join(this.stateDir, 'runbook-dashboard.md')
      : this.file
  }

  private async read(number: number): Promise<string | null> {
    return readFile(this.path(number), 'utf8').catch((error: unknown) => {
      if (missingFile(error)) return null
      throw failed(`read the dashboard file ${this.path(number)}`, error)
    })
  }

  async findDashboard(): Promise<FoundDashboard> {
    const primary = await this.read(1)
    if (primary !== null && hasMarker(primary))
      return {
        issue: { number: 1, url: this.file, body: primary },
        foreign: false
      }
    const own = await this.read(2)
    return {
      issue:
        own !== null && hasMarker(own)
          ? { number: 2, url: this.path(2), body: own }
          : null,
      // A file someone else wrote is not ours to overwrite.
      foreign: primary !== null
    }
  }
  async readDashboard(number: number): Promise<DashboardIssue> {
    return {
      number,
      url: this.path(number),
      body: (await this.read(number)) ?? ''
    }
  }
  async createDashboard(_title: string, body: string): Promise<DashboardIssue> {
    const number = (await this.read(1)) === null ? 1 : 2
    await this.updateDashboard(number, body)
    return { number, url: this.path(number), body }
  }
  async updateDashboard(number: number, body: string): Promise<void> {
    await mkdir(this.stateDir, { recursive: true })
    const file = this.path(number)
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(temporary, body)
    await rename(temporary, file)
  }
  /** A file has no title or state: the pointer body alone retires it. */
  async closeDashboard(
    number: number,
    replacement: { title: string; body: string }
  ): Promise<void> {
    await this.updateDashboard(number, replacement.body)
  }

  async readHalt(): Promise<Halt | null> {
    if ((await this.tagCommit(HALT_TAG)) === null) return null
    const message = await this.git([
      'tag',
      '-l',
      '--format=%(contents)',
      HALT_TAG
    ]).catch(() => '')
    return parseHaltMessage(message.trim())
  }
  async takeHalt(halt: Halt, sha: string): Promise<boolean> {
    try {
      // `git tag` without -f refuses an existing tag: that is the lock.
      await this.git([
        'tag',
        '-a',
        HALT_TAG,
        '-m',
        JSON.stringify(halt),
        sha || 'HEAD'
      ])
      return true
    } catch (error) {
      if ((await this.tagCommit(HALT_TAG)) !== null) return false
      throw error
    }
  }
  async releaseHalt(): Promise<boolean> {
    try {
      await this.git(['tag', '-d', HALT_TAG])
      return true
    } catch (error) {
      // Not held is false; a lock still there after a failed delete is held.
      if ((await this.tagCommit(HALT_TAG)) === null) return false
      throw failed('release the runbook-halt lock', error)
    }
  }
  async tagCommit(tag: string): Promise<string | null> {
    try {
      return (
        (
          await this.git([
            'rev-parse',
            '--verify',
            '--quiet',
            `refs/tags/${tag}^{commit}`
          ])
        ).trim() || null
      )
    } catch (error) {
      // --verify --quiet exits 1, saying nothing, when the tag is absent.
      if ((error as { code?: unknown }).code === 1 || outsideRepository(error))
        return null
      throw failed(`read the tag ${tag}`, error)
    }
  }
  async listDeploymentTags(): Promise<{ tag: string; sha: string }[]> {
    const out = await this.git([
      'for-each-ref',
      '--format=%(refname:short) %(*objectname)%(objectname)',
      'refs/tags/deployment-*'
    ]).catch((error: unknown) => {
      if (outsideRepository(error)) return ''
      throw failed('list the deployment tags', error)
    })
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [tag = '', shas = ''] = line.split(' ')
        return { tag, sha: shas.slice(0, 40) }
      })
  }
  async createTag(tag: string, sha: string): Promise<boolean> {
    try {
      await this.git(['tag', tag, sha])
      return true
    } catch (error) {
      if ((await this.tagCommit(tag)) !== null) return false
      throw error
    }
  }
  async permission(): Promise<Permission> {
    return 'admin'
  }
  /** The branch checked out (even before its first commit); main outside a repository. */
  async defaultBranch(): Promise<string> {
    return (
      await this.git(['symbolic-ref', '--short', 'HEAD']).catch(
        (error: unknown) => {
          if (outsideRepository(error)) return 'main'
          // A detached HEAD has no branch: the checkout's own commit runs.
          if (
            /not a symbolic ref/i.test(
              String((error as { stderr?: string }).stderr)
            )
          )
            return 'HEAD'
          throw failed('read the checked-out branch', error)
        }
      )
    ).trim()
  }

  async resolveCommit(ref: string): Promise<string> {
    return (await this.git(['rev-parse', '--verify', `${ref}^{commit}`])).trim()
  }

  /** Deployments are appended to deployments.jsonl in the state directory. */
  async createDeployment(deployment: NewDeployment): Promise<number> {
    const log = await this.readDeployments()
    const id = log.length + 1
    await this.appendDeployment({
      id,
      ...deployment,
      state: 'pending',
      at: new Date().toISOString()
    })
    return id
  }
  async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    details: { logUrl: string; description: string }
  ): Promise<void> {
    await this.appendDeployment({
      id,
      state,
      description: details.description,
      at: new Date().toISOString()
    })
  }
  /** The log's entries, each line read strictly; a broken line is skipped. */
  private async readLog(): Promise<LogEntry[]> {
    const text = await readFile(
      join(this.stateDir, 'deployments.jsonl'),
      'utf8'
    ).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    return text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          const entry = JSON.parse(line) as Partial<LogEntry>
          return typeof entry.id === 'number' && typeof entry.state === 'string'
            ? [entry as LogEntry]
            : []
        } catch {
          return []
        }
      })
  }
  private async readDeployments(): Promise<LogEntry[]> {
    return (await this.readLog()).filter((e) => e.state === 'pending')
  }
  async listDeployments(
    environment: string,
    limit: number
  ): Promise<DeploymentFact[]> {
    const log = await this.readLog()
    const created = log.filter(
      (e) => e.state === 'pending' && e.environment === environment
    )
    return created
      .reverse()
      .slice(0, limit)
      .flatMap((entry) => {
        const payload = readPayload(entry.payload)
        if (!payload) return []
        // The log is appended in order: a line's position is its id.
        const statuses = log.flatMap((e, index) =>
          e.id === entry.id && e.state !== 'pending'
            ? [{ id: index, state: e.state, description: e.description ?? '' }]
            : []
        )
        return [
          deploymentFact(
            { id: entry.id, sha: entry.sha ?? '', created: entry.at ?? '' },
            payload,
            statuses
          )
        ]
      })
  }
  /** Locally, the state directory's owner writes everything. */
  async identity(): Promise<string> {
    return 'local'
  }
  private async appendDeployment(entry: object): Promise<void> {
    await mkdir(this.stateDir, { recursive: true })
    await appendFile(
      join(this.stateDir, 'deployments.jsonl'),
      `${JSON.stringify(entry)}\n`
    )
  }
  /** No other runs locally. */
  async cancelOtherRuns(): Promise<number> {
    return 0
  }
}
