// The GitHub platform: Octokit from @actions/github with the retry and
// throttling plugins and a timeout on every request. Every failure becomes
// one line: what was attempted, the status, GitHub's message, and the
// permission the workflow probably lacks.

import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import Bottleneck from 'bottleneck/light.js'
import { throttling } from '@octokit/plugin-throttling'
import { hasMarker } from '../contract.js'
import { oneLine } from '../safe-text.js'
import { UserError } from '../errors.js'
import {
  DASHBOARD_LABEL,
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

const Octokit = GitHub.plugin(retry, throttling)

/** Who the workflow's own token (GITHUB_TOKEN) writes as. */
export const WORKFLOW_BOT = 'github-actions[bot]'

interface IssueFacts {
  issue: DashboardIssue
  pull: boolean
  author: string
  labels: string[]
}

/** GitHub's spacing of writes: see `throttle` below. */
const WRITE_SPACING_MS = 250
/** A write lands, and another run's queued write with it, within this. */
const SETTLE_MS = 1000

/**
 * One queue per kind and spacing for every client in this process: its
 * requests go one at a time, whichever client makes them.
 */
const queues = new Map<string, Bottleneck.Group>()
function queue(kind: string, spacingMs: number): Bottleneck.Group {
  const id = `runbook-${kind}-${spacingMs}`
  let group = queues.get(id)
  if (!group) {
    group = new Bottleneck.Group({ id, maxConcurrent: 1, minTime: spacingMs })
    queues.set(id, group)
  }
  return group
}
type Client = InstanceType<typeof Octokit>

export class PlatformError extends Error {
  override name = 'PlatformError'
  constructor(
    message: string,
    readonly status: number | null
  ) {
    super(message)
  }
}

/** The permission each kind of call needs, named as in a workflow's `permissions:`. */
const NEEDS = {
  issues: 'issues: write',
  issuesRead: 'issues: read',
  contents: 'contents: write',
  contentsRead: 'contents: read',
  deployments: 'deployments: write',
  deploymentsRead: 'deployments: read',
  actions: 'actions: write',
  metadata: 'metadata: read'
} as const

export interface GitHubPlatformOptions {
  token: string
  repository: string
  baseUrl?: string
  /** Bound on one HTTP request. */
  timeoutMs?: number
  /** Retries of a failed request (5xx, network, rate limits). */
  retries?: number
  log?: (message: string) => void
  /**
   * The spacing of writes (and of requests that notify people) and the wait
   * before a written dashboard is read back: GitHub's (250 ms, 3 s and 1 s)
   * unless given, as for a local emulator that answers at once. Keep the
   * settle several times the spacing.
   */
  timing?: { writeSpacingMs: number; settleMs: number }
}

export class GitHubPlatform implements Platform {
  readonly kind = 'github'
  readonly settleMs: number
  readonly octokit: Client
  readonly owner: string
  readonly repo: string

  constructor(options: GitHubPlatformOptions) {
    const [owner, repo] = options.repository.split('/')
    if (!owner || !repo)
      throw new UserError(
        `GITHUB_REPOSITORY ${JSON.stringify(options.repository)} is not owner/repo`
      )
    if (!options.token)
      throw new UserError(
        'input `github-token` is empty: pass ${{ github.token }} or a token with the permissions the stage needs'
      )
    this.owner = owner
    this.repo = repo
    const timeoutMs = options.timeoutMs ?? 15_000
    const retries = options.retries ?? 3
    const log = options.log ?? (() => {})
    this.settleMs = options.timing?.settleMs ?? SETTLE_MS
    const baseFetch = (defaults.request?.fetch ?? fetch) as typeof fetch
    this.octokit = new Octokit(
      getOctokitOptions(options.token, {
        baseUrl: options.baseUrl ?? defaults.baseUrl,
        request: {
          ...defaults.request,
          // Each HTTP attempt, retries included, gets its own timeout.
          fetch: (url: string, init: RequestInit = {}) =>
            baseFetch(url, {
              ...init,
              signal: init.signal
                ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
                : AbortSignal.timeout(timeoutMs)
            })
        },
        // The retry plugin's own options: set on `request`, they would
        // apply to every status and carry its count across requests.
        // Waits of (n + 1)² × 250 ms: 1 s, 2.25 s, 4 s.
        retry: {
          retries,
          retryAfterBaseValue: 250,
          doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451]
        },
        throttle: {
          // GitHub asks for a second between mutating requests when an
          // integration makes many; a run makes a handful, so a quarter of a
          // second keeps them serial without making a deploy wait seconds.
          // A secondary rate limit, if it ever comes, is still honoured.
          write: queue(
            'write',
            options.timing?.writeSpacingMs ?? WRITE_SPACING_MS
          ),
          // Requests that notify people (creating the dashboard issue) keep
          // the plugin's own spacing of 3 s on GitHub.
          ...(options.timing && {
            notifications: queue('notifications', options.timing.writeSpacingMs)
          }),
          onRateLimit: (
            retryAfter: number,
            request: { method: string; url: string },
            _o: unknown,
            count: number
          ) => {
            log(
              `rate limited on ${request.method} ${request.url}: retrying after ${retryAfter} s`
            )
            return count < 2 && retryAfter <= 60
          },
          onSecondaryRateLimit: (
            retryAfter: number,
            request: { method: string; url: string },
            _o: unknown,
            count: number
          ) => {
            log(
              `secondary rate limit on ${request.method} ${request.url}: retrying after ${retryAfter} s`
            )
            return count < 2 && retryAfter <= 60
          }
        }
      })
    )
    // Octokit shares one `request` object between calls, and the retry
    // plugin counts its attempts in it: each call gets its own, so one
    // call's retries never lengthen another's waits.
    this.octokit.hook.wrap('request', (request, options) =>
      request({ ...options, request: { ...options.request } })
    )
  }

  private get repoParams(): { owner: string; repo: string } {
    return { owner: this.owner, repo: this.repo }
  }

  /** Runs one call, turning any failure into a one-line PlatformError. */
  private async call<T>(
    what: string,
    needs: string,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw describe(what, needs, error)
    }
  }

  private login: Promise<string> | undefined

  /**
   * The token's login: a personal or app user token says who it is; the
   * workflow's installation token may not ask (403), and writes as
   * github-actions[bot].
   */
  identity(): Promise<string> {
    this.login ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (error: unknown) => {
        const status = statusOf(error)
        if (status === 403 || status === 404) return WORKFLOW_BOT
        this.login = undefined
        throw describe('read who the token belongs to', NEEDS.metadata, error)
      }
    )
    return this.login
  }

  /** Ours: created by our identity, labelled, carrying the marker. */
  private async ours(issue: IssueFacts | null): Promise<string> {
    if (!issue) return 'it does not exist'
    if (issue.pull) return 'it is a pull request'
    if (issue.author.toLowerCase() !== (await this.identity()).toLowerCase())
      return `it was opened by ${oneLine(issue.author, 60)}, not by ${await this.identity()}`
    if (!issue.labels.includes(DASHBOARD_LABEL))
      return `it has no ${DASHBOARD_LABEL} label`
    if (!hasMarker(issue.issue.body)) return 'it has no dashboard marker'
    return ''
  }

  async findDashboard(preferred: number): Promise<FoundDashboard> {
    const issue = await this.getIssue(preferred)
    const why = await this.ours(issue)
    if (issue && why === '') return { issue: issue.issue, foreign: false }
    // Our own labelled dashboard, oldest first so that it never moves.
    const me = (await this.identity()).toLowerCase()
    const labelled = await this.call(
      `list the issues labelled ${DASHBOARD_LABEL}`,
      NEEDS.issuesRead,
      () =>
        this.octokit.rest.issues.listForRepo({
          ...this.repoParams,
          labels: DASHBOARD_LABEL,
          creator: me,
          state: 'open',
          sort: 'created',
          direction: 'asc',
          per_page: 20
        })
    )
    const own = labelled.data.find(
      (i) =>
        !i.pull_request &&
        (i.user?.login ?? '').toLowerCase() === me &&
        hasMarker(i.body ?? '')
    )
    return {
      issue: own
        ? { number: own.number, url: own.html_url, body: own.body ?? '' }
        : null,
      foreign: issue !== null,
      why: issue ? why : ''
    }
  }

  private async getIssue(number: number): Promise<IssueFacts | null> {
    try {
      const { data } = await this.octokit.rest.issues.get({
        ...this.repoParams,
        issue_number: number
      })
      return {
        issue: {
          number: data.number,
          url: data.html_url,
          body: data.body ?? ''
        },
        pull: data.pull_request !== undefined && data.pull_request !== null,
        author: data.user?.login ?? '',
        labels: data.labels.map((l) =>
          typeof l === 'string' ? l : (l.name ?? '')
        )
      }
    } catch (error) {
      const status = statusOf(error)
      if (status === 404 || status === 410) return null
      throw describe(`read issue #${number}`, NEEDS.issuesRead, error)
    }
  }

  async readDashboard(number: number): Promise<DashboardIssue> {
    const found = await this.getIssue(number)
    if (!found)
      throw new PlatformError(
        `could not re-read the dashboard issue #${number}: it no longer exists`,
        404
      )
    return found.issue
  }

  async createDashboard(title: string, body: string): Promise<DashboardIssue> {
    const { data } = await this.call(
      'create the dashboard issue',
      NEEDS.issues,
      () =>
        this.octokit.rest.issues.create({
          ...this.repoParams,
          title,
          body,
          labels: [DASHBOARD_LABEL]
        })
    )
    return { number: data.number, url: data.html_url, body: data.body ?? body }
  }

  async updateDashboard(number: number, body: string): Promise<void> {
    await this.call(`update the dashboard issue #${number}`, NEEDS.issues, () =>
      this.octokit.rest.issues.update({
        ...this.repoParams,
        issue_number: number,
        body
      })
    )
  }

  async closeDashboard(
    number: number,
    replacement: { title: string; body: string }
  ): Promise<void> {
    await this.call(
      `close the superseded dashboard issue #${number}`,
      NEEDS.issues,
      () =>
        this.octokit.rest.issues.update({
          ...this.repoParams,
          issue_number: number,
          title: replacement.title,
          body: replacement.body,
          labels: [],
          state: 'closed',
          state_reason: 'not_planned'
        })
    )
  }

  async readHalt(): Promise<Halt | null> {
    const ref = await this.getRef(`tags/${HALT_TAG}`)
    if (!ref) return null
    if (ref.type !== 'tag') return { by: 'unknown', at: '', reason: '' }
    const { data } = await this.call(
      'read the runbook-halt tag',
      NEEDS.contentsRead,
      () =>
        this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha })
    )
    return parseHaltMessage(data.message)
  }

  async takeHalt(halt: Halt, sha: string): Promise<boolean> {
    const { data: tag } = await this.call(
      'create the runbook-halt tag object',
      NEEDS.contents,
      () =>
        this.octokit.rest.git.createTag({
          ...this.repoParams,
          tag: HALT_TAG,
          message: JSON.stringify(halt),
          object: sha,
          type: 'commit'
        })
    )
    return this.createRef(
      `refs/tags/${HALT_TAG}`,
      tag.sha,
      'take the emergency-stop lock (tag runbook-halt)'
    )
  }

  async releaseHalt(): Promise<boolean> {
    try {
      await this.octokit.rest.git.deleteRef({
        ...this.repoParams,
        ref: `tags/${HALT_TAG}`
      })
      return true
    } catch (error) {
      const status = statusOf(error)
      if (status === 422 || status === 404) return false
      throw describe(
        'release the emergency-stop lock (delete tag runbook-halt)',
        NEEDS.contents,
        error
      )
    }
  }

  private async getRef(
    ref: string
  ): Promise<{ sha: string; type: string } | null> {
    try {
      const { data } = await this.octokit.rest.git.getRef({
        ...this.repoParams,
        ref
      })
      return { sha: data.object.sha, type: data.object.type }
    } catch (error) {
      if (statusOf(error) === 404) return null
      throw describe(`read the ref ${ref}`, NEEDS.contentsRead, error)
    }
  }

  private async createRef(
    ref: string,
    sha: string,
    what: string
  ): Promise<boolean> {
    try {
      await this.octokit.rest.git.createRef({ ...this.repoParams, ref, sha })
      return true
    } catch (error) {
      // 422 "Reference already exists": someone else holds it.
      if (statusOf(error) === 422 && /already exists/i.test(messageOf(error)))
        return false
      throw describe(what, NEEDS.contents, error)
    }
  }

  async tagCommit(tag: string): Promise<string | null> {
    const ref = await this.getRef(`tags/${tag}`)
    if (!ref) return null
    if (ref.type === 'commit') return ref.sha
    const { data } = await this.call(
      `read the tag ${tag}`,
      NEEDS.contentsRead,
      () =>
        this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha })
    )
    return data.object.sha
  }

  async listDeploymentTags(): Promise<{ tag: string; sha: string }[]> {
    const refs = await this.call(
      'list the deployment tags',
      NEEDS.contentsRead,
      () =>
        this.octokit.paginate(this.octokit.rest.git.listMatchingRefs, {
          ...this.repoParams,
          ref: 'tags/deployment-',
          per_page: 100
        })
    )
    return refs.map((r) => ({
      tag: r.ref.replace(/^refs\/tags\//, ''),
      sha: r.object.sha
    }))
  }

  async createTag(tag: string, sha: string): Promise<boolean> {
    return this.createRef(`refs/tags/${tag}`, sha, `create the tag ${tag}`)
  }

  async permission(user: string): Promise<Permission> {
    try {
      const { data } =
        await this.octokit.rest.repos.getCollaboratorPermissionLevel({
          ...this.repoParams,
          username: user
        })
      const role = (data.role_name ?? '').toLowerCase()
      if (role === 'maintain' || role === 'triage') return role
      const level = data.permission
      return level === 'admin' || level === 'write' || level === 'read'
        ? level
        : 'none'
    } catch (error) {
      if (statusOf(error) === 404) return 'none'
      throw describe(
        `look up ${user}'s permission on the repository`,
        NEEDS.metadata,
        error
      )
    }
  }

  async defaultBranch(): Promise<string> {
    const { data } = await this.call(
      'read the repository',
      NEEDS.metadata,
      () => this.octokit.rest.repos.get(this.repoParams)
    )
    return data.default_branch
  }

  async resolveCommit(ref: string): Promise<string> {
    const { data } = await this.call(
      `resolve ${ref} to a commit`,
      NEEDS.contentsRead,
      () =>
        this.octokit.rest.repos.getCommit({
          ...this.repoParams,
          ref,
          per_page: 1
        })
    )
    return data.sha
  }

  async createDeployment(deployment: NewDeployment): Promise<number> {
    const { data, status } = await this.call(
      `create a deployment of ${deployment.sha.slice(0, 7)} to ${deployment.environment}`,
      NEEDS.deployments,
      () =>
        this.octokit.rest.repos.createDeployment({
          ...this.repoParams,
          ref: deployment.sha,
          environment: deployment.environment,
          description: deployment.description.slice(0, 140),
          payload: { ...deployment.payload },
          auto_merge: false,
          // The checks already ran in this workflow; GitHub must not re-gate them.
          required_contexts: [],
          production_environment: deployment.environment === 'production'
        })
    )
    if (status !== 201 || !('id' in data))
      throw new PlatformError(
        `could not create a deployment of ${deployment.sha.slice(0, 7)}: GitHub answered ${status} without a deployment`,
        status
      )
    return data.id
  }

  async listDeployments(
    environment: string,
    limit: number
  ): Promise<DeploymentFact[]> {
    const { data } = await this.call(
      `list the deployments to ${environment}`,
      NEEDS.deploymentsRead,
      () =>
        this.octokit.rest.repos.listDeployments({
          ...this.repoParams,
          environment,
          per_page: Math.min(100, limit * 2)
        })
    )
    const me = (await this.identity()).toLowerCase()
    const ours = data
      .filter((d) => (d.creator?.login ?? '').toLowerCase() === me)
      .flatMap((d) => {
        const payload = readPayload(d.payload)
        return payload ? [{ d, payload }] : []
      })
      .slice(0, limit)
    // The statuses of each, side by side: a bounded number of reads.
    return Promise.all(
      ours.map(async ({ d, payload }) => {
        const statuses = await this.call(
          `read the statuses of deployment ${d.id}`,
          NEEDS.deploymentsRead,
          () =>
            this.octokit.rest.repos.listDeploymentStatuses({
              ...this.repoParams,
              deployment_id: d.id,
              per_page: 20
            })
        )
        const mine = statuses.data
          .filter((s) => (s.creator?.login ?? '').toLowerCase() === me)
          .map((s) => ({
            id: s.id,
            state: s.state,
            description: s.description ?? ''
          }))
        return deploymentFact(
          { id: d.id, sha: d.sha, created: d.created_at },
          payload,
          mine
        )
      })
    )
  }

  async setDeploymentStatus(
    id: number,
    state: DeploymentState,
    details: { logUrl: string; description: string }
  ): Promise<void> {
    await this.call(`set deployment ${id} to ${state}`, NEEDS.deployments, () =>
      this.octokit.rest.repos.createDeploymentStatus({
        ...this.repoParams,
        deployment_id: id,
        state,
        log_url: details.logUrl || undefined,
        description: details.description.slice(0, 140),
        auto_inactive: state === 'success'
      })
    )
  }

  async cancelOtherRuns(runId: string): Promise<number> {
    const id = Number(runId)
    if (!Number.isSafeInteger(id)) return 0
    const { data: run } = await this.call(
      `read run ${runId}`,
      NEEDS.actions,
      () =>
        this.octokit.rest.actions.getWorkflowRun({
          ...this.repoParams,
          run_id: id
        })
    )
    let cancelled = 0
    for (const status of [
      'in_progress',
      'queued',
      'waiting',
      'pending'
    ] as const) {
      const runs = await this.call(
        `list ${status} runs of the workflow`,
        NEEDS.actions,
        () =>
          this.octokit.paginate(this.octokit.rest.actions.listWorkflowRuns, {
            ...this.repoParams,
            workflow_id: run.workflow_id,
            status,
            per_page: 100
          })
      )
      for (const other of runs) {
        if (other.id === id) continue
        try {
          await this.octokit.rest.actions.cancelWorkflowRun({
            ...this.repoParams,
            run_id: other.id
          })
          cancelled++
        } catch (error) {
          // 409: it finished meanwhile, which is what we wanted.
          if (statusOf(error) !== 409)
            throw describe(`cancel run ${other.id}`, NEEDS.actions, error)
        }
      }
    }
    return cancelled
  }
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : null
}

function messageOf(error: unknown): string {
  const response = (error as { response?: { data?: { message?: unknown } } })
    ?.response
  const message = response?.data?.message
  if (typeof message === 'string') return message
  return error instanceof Error ? error.message : String(error)
}

/** One line: what was attempted, the status, GitHub's message, and the likely missing permission. */
export function describe(
  what: string,
  needs: string,
  error: unknown
): PlatformError {
  if (error instanceof PlatformError) return error
  const status = statusOf(error)
  const message = oneLine(messageOf(error), 200)
  const aborted =
    (error as { name?: string })?.name === 'TimeoutError' ||
    /aborted|timeout/i.test(message)
  let hint = ''
  if (status === 403 && /rate limit/i.test(message))
    hint = '; GitHub rate-limited the token, try again later'
  else if (status === 403 || status === 404)
    hint = `; the workflow's token probably lacks "${needs}" permission (add it under permissions:)`
  else if (status === 401) hint = '; the token is invalid or expired'
  return new PlatformError(
    `could not ${what}: ${status === null ? (aborted ? 'the request timed out' : 'network error') : `HTTP ${status}`}${message && status !== null ? ` ${message}` : status === null && !aborted ? ` (${message})` : ''}${hint}`,
    status
  )
}
