// A GitHub REST API emulator for tests: a real HTTP server on 127.0.0.1 that
// Octokit reaches through `baseUrl`, with seedable state, a request log,
// token permissions, rate-limit headers and fault injection.
import { randomBytes } from 'node:crypto'
import {
  STATUS_CODES,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type CommitData,
  type DeploymentData,
  type DeploymentStatusData,
  type GitRefData,
  type GitTagData,
  type IssueData,
  type JobData,
  type LabelData,
  type WorkflowRunData,
  authenticatedUserData,
  commitData,
  deploymentData,
  deploymentStatusData,
  issueData,
  jobData,
  labelData,
  refData,
  runData,
  tagData
} from './factories.js'
import { Body, type Context, type Route, routes } from './routes.js'
import {
  ApiError,
  type CommitState,
  type DeploymentState,
  type GitActor,
  type IssueRecord,
  type Level,
  type RepoRole,
  type RepoSeed,
  type RepoState,
  type RunSeed,
  type Scope,
  type TokenPermissions,
  type TokenRecord,
  World,
  sha
} from './state.js'

export type * from './factories.js'
export type {
  CommitState,
  DeploymentState,
  Level,
  RepoRole,
  RepoSeed,
  RunSeed,
  Scope,
  TokenPermissions
}
export { sha }

export const DEFAULT_OWNER = 'octo-org'
export const DEFAULT_REPO = 'app'
export const DEFAULT_TOKEN = 'test-token'
export const DEFAULT_LOGIN = 'github-actions[bot]'
export const FULL_ACCESS: TokenPermissions = {
  issues: 'write',
  pull_requests: 'write',
  contents: 'write',
  deployments: 'write',
  actions: 'write'
}

export interface EmulatorOptions {
  /** Repositories to create; the first is the default one. */
  repos?: RepoSeed[]
  /** Tokens and their permissions, owned by `login`. */
  tokens?: Record<string, TokenPermissions>
  login?: string
  /** Requests per token per hour before GitHub's primary rate limit. */
  rateLimit?: number
  now?: () => Date
}

export interface LoggedRequest {
  method: string
  /** The route template, e.g. `/repos/{owner}/{repo}/issues`, or the path when unknown. */
  route: string
  path: string
  status: number
  body: unknown
  requestId: string
}

export type RouteMatcher = string | RegExp

function matches(
  entry: { method: string; route: string; path: string },
  method?: string,
  route?: RouteMatcher
): boolean {
  if (method && entry.method !== method.toUpperCase()) return false
  if (route === undefined) return true
  if (typeof route === 'string') {
    return entry.route === route || entry.path === route
  }
  return route.test(entry.route) || route.test(entry.path)
}

/** Every request served, in order. */
export class RequestLog {
  readonly entries: LoggedRequest[] = []

  filter(method?: string, route?: RouteMatcher): LoggedRequest[] {
    return this.entries.filter((entry) => matches(entry, method, route))
  }

  count(method?: string, route?: RouteMatcher): number {
    return this.filter(method, route).length
  }

  /** The requests that could change state: everything but GET and HEAD. */
  writes(): LoggedRequest[] {
    return this.entries.filter((e) => e.method !== 'GET' && e.method !== 'HEAD')
  }

  clear(): void {
    this.entries.length = 0
  }
}

export interface FaultSpec {
  method?: string
  route?: RouteMatcher
  /** How many matching requests fail; 1 unless given (Infinity allowed). */
  times?: number
  /** The status to answer with; without it the request is only delayed. */
  status?: number
  /** Seconds for the `retry-after` header (rate-limit faults default to 1). */
  retryAfter?: number
  secondaryRateLimit?: boolean
  primaryRateLimit?: boolean
  delayMs?: number
  message?: string
}

export interface Fault {
  readonly hits: number
  readonly remaining: number
}

interface ActiveFault extends FaultSpec {
  hits: number
  remaining: number
}

export interface HookRequest {
  method: string
  route: string
  path: string
  params: Record<string, string>
  body: unknown
  login: string
  /** The repository addressed, when it exists. */
  repo: Repo | undefined
}

export type RequestHook = (request: HookRequest) => void | Promise<void>

export interface IssueSeed {
  title?: string
  body?: string | null
  labels?: string[]
  /** Login of the author; the repository owner unless given. */
  author?: string
  state?: 'open' | 'closed'
  createdAt?: string
}

export interface PullRequestSeed extends IssueSeed {
  head?: string
  base?: string
  draft?: boolean
}

export interface DeploymentSeed {
  ref: string
  environment?: string
  task?: string
  payload?: Record<string, unknown> | string
  description?: string
  creator?: string
  transient?: boolean
  production?: boolean
  /** States to record in order, oldest first, each with its description. */
  statuses?: (
    DeploymentState | { state: DeploymentState; description: string }
  )[]
}

export type DeploymentWithStatuses = DeploymentData & {
  statuses: DeploymentStatusData[]
}

function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/${ref}`
}

/** Seeding and inspection of one repository, in the shapes GitHub returns. */
export class Repo {
  constructor(readonly state: RepoState) {}

  get owner(): string {
    return this.state.owner
  }

  get name(): string {
    return this.state.name
  }

  get fullName(): string {
    return this.state.fullName
  }

  get defaultBranch(): string {
    return this.state.defaultBranch
  }

  addIssue(seed: IssueSeed = {}): IssueData {
    return issueData(this.state, this.createIssue(seed))
  }

  /** A pull request, which GitHub also lists and serves as an issue. */
  addPullRequest(seed: PullRequestSeed = {}): IssueData {
    const pull = {
      head: seed.head ?? 'feature',
      base: seed.base ?? this.defaultBranch,
      draft: seed.draft ?? false
    }
    return issueData(this.state, this.createIssue(seed, pull))
  }

  private createIssue(seed: IssueSeed, pull?: IssueRecord['pull']) {
    return this.state.createIssue({
      title: seed.title ?? (pull ? 'A pull request' : 'An issue'),
      body: seed.body,
      labels: seed.labels,
      author: seed.author ?? this.owner,
      state: seed.state,
      createdAt: seed.createdAt,
      pull
    })
  }

  /** Changes an issue as a person would, e.g. between two requests. */
  updateIssue(
    number: number,
    changes: {
      title?: string
      body?: string | null
      state?: 'open' | 'closed'
      labels?: string[]
    },
    actor = this.owner
  ): IssueData {
    return issueData(this.state, this.state.updateIssue(number, changes, actor))
  }

  issue(number: number): IssueData | undefined {
    const found = this.state.issues.get(number)
    return found ? issueData(this.state, found) : undefined
  }

  /** All issues and pull requests, by number. */
  issues(): IssueData[] {
    return [...this.state.issues.values()].map((i) => issueData(this.state, i))
  }

  addLabel(
    name: string,
    options: { color?: string; description?: string } = {}
  ): LabelData {
    const label = this.state.createLabel(
      name,
      options.color,
      options.description ?? null
    )
    return labelData(this.state, label)
  }

  labels(): LabelData[] {
    return [...this.state.labels.values()].map((l) => labelData(this.state, l))
  }

  /** A commit; with `branch` it becomes that branch's head. */
  addCommit(
    commitSha: string,
    message?: string,
    options: {
      parents?: string[]
      branch?: string
      author?: { name: string; email: string; login?: string }
      date?: string
      statuses?: Record<string, CommitState>
    } = {}
  ): CommitData {
    return commitData(
      this.state,
      this.state.addCommit(commitSha, message, options)
    )
  }

  /** The sha a branch points at, the default branch unless given. */
  headSha(branch = this.defaultBranch): string {
    const target = this.state.refs.get(`refs/heads/${branch}`)
    if (!target) throw new Error(`no branch ${branch} in ${this.fullName}`)
    return target
  }

  /** Creates or moves a ref (`refs/tags/x`, `tags/x`, `heads/y`). */
  addRef(ref: string, target: string): GitRefData {
    if (!this.state.objectType(target)) {
      throw new Error(`no object ${target} in ${this.fullName}`)
    }
    this.state.refs.set(fullRef(ref), target)
    return refData(this.state, fullRef(ref), target)
  }

  /** A lightweight tag, or an annotated one (a tag object) when `message` is given. */
  addTag(
    name: string,
    target: string,
    options: { message?: string; tagger?: Partial<GitActor> } = {}
  ): GitRefData {
    const commit = this.state.resolveCommit(target)
    if (!commit) throw new Error(`no commit ${target} in ${this.fullName}`)
    if (options.message === undefined) {
      return this.addRef(`refs/tags/${name}`, commit.sha)
    }
    const tag = this.state.createTagObject({
      tag: name,
      message: options.message,
      object: commit.sha,
      type: 'commit',
      tagger: {
        name: options.tagger?.name ?? this.owner,
        email: options.tagger?.email ?? `${this.owner}@example.com`,
        date: options.tagger?.date ?? this.state.world.now()
      }
    })
    return this.addRef(`refs/tags/${name}`, tag.sha)
  }

  deleteRef(ref: string): void {
    this.state.refs.delete(fullRef(ref))
  }

  ref(ref: string): GitRefData | undefined {
    const target = this.state.refs.get(fullRef(ref))
    return target ? refData(this.state, fullRef(ref), target) : undefined
  }

  /** All refs, or those starting with `prefix` (e.g. `refs/tags/`). */
  refs(prefix = 'refs/'): GitRefData[] {
    return [...this.state.refs.entries()]
      .filter(([ref]) => ref.startsWith(fullRef(prefix)))
      .map(([ref, target]) => refData(this.state, ref, target))
  }

  tagObject(tagSha: string): GitTagData | undefined {
    const found = this.state.tagObjects.get(tagSha)
    return found ? tagData(this.state, found) : undefined
  }

  tagObjects(): GitTagData[] {
    return [...this.state.tagObjects.values()].map((t) =>
      tagData(this.state, t)
    )
  }

  addDeployment(seed: DeploymentSeed): DeploymentWithStatuses {
    const creator = seed.creator ?? this.owner
    const record = this.state.createDeployment({ ...seed, creator })
    for (const status of seed.statuses ?? []) {
      this.state.addDeploymentStatus(
        record.id,
        typeof status === 'string'
          ? { state: status, creator }
          : { ...status, creator }
      )
    }
    return this.withStatuses(record.id)
  }

  /** Deployments newest first, each with its statuses newest first. */
  deployments(): DeploymentWithStatuses[] {
    return [...this.state.deployments]
      .reverse()
      .map((d) => this.withStatuses(d.id))
  }

  private withStatuses(id: number): DeploymentWithStatuses {
    const record = this.state.deployment(id)
    return {
      ...deploymentData(this.state, record),
      statuses: record.statuses.map((s) =>
        deploymentStatusData(this.state, record, s)
      )
    }
  }

  addWorkflowRun(seed: RunSeed): WorkflowRunData {
    return runData(this.state, this.state.addRun(seed))
  }

  /** Moves a run along, e.g. to `completed` with a conclusion. */
  updateWorkflowRun(
    id: number,
    changes: { status?: string; conclusion?: string | null }
  ): WorkflowRunData {
    const record = this.state.run(id)
    if (changes.status !== undefined) record.status = changes.status
    if (changes.conclusion !== undefined) record.conclusion = changes.conclusion
    record.updatedAt = this.state.world.now()
    return runData(this.state, record)
  }

  /**
   * A workflow file, so that it can be dispatched; with `inputs` (name → a
   * choice's options, or null for any value), a dispatch is checked
   * against them as GitHub checks it against the file.
   */
  addWorkflow(seed: {
    id: number
    file: string
    name?: string
    inputs?: Record<string, string[] | null>
  }): void {
    this.state.addWorkflow(seed)
  }

  /** The workflow_dispatch requests GitHub accepted, oldest first, each with its run. */
  dispatches(): {
    workflowId: number
    ref: string
    inputs: Record<string, string>
    actor: string
    runId: number
  }[] {
    return this.state.dispatches.map((d) => ({ ...d, inputs: { ...d.inputs } }))
  }

  /** A job of a run, e.g. `safety-gate` completed with `success`. */
  addWorkflowJob(
    runId: number,
    seed: {
      name: string
      status?: JobData['status']
      conclusion?: JobData['conclusion']
    }
  ): JobData {
    return jobData(this.state, this.state.addJob(runId, seed))
  }

  run(id: number): WorkflowRunData | undefined {
    const found = this.state.runs.get(id)
    return found ? runData(this.state, found) : undefined
  }

  runs(): WorkflowRunData[] {
    return [...this.state.runs.values()].map((r) => runData(this.state, r))
  }

  /** A user's role here; the user becomes known to the emulator. */
  setPermission(user: string, role: RepoRole): void {
    this.state.world.user(user)
    this.state.roles.set(user.toLowerCase(), role)
  }
}

const DOCS = 'https://docs.github.com/rest'
const ANONYMOUS_LIMIT = 60

interface RateBucket {
  limit: number
  used: number
  resetAt: number
}

/** The running emulator; seeding methods address the first (default) repository. */
export class Emulator extends Repo {
  readonly requests = new RequestLog()
  private readonly handles = new Map<RepoState, Repo>()
  private readonly faults: ActiveFault[] = []
  private readonly hooks: RequestHook[] = []
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly anonymous: RateBucket
  private readonly server: Server
  private served = 0
  private closed = false
  url = ''

  constructor(
    private readonly world: World,
    defaultRepo: RepoState,
    private readonly login: string
  ) {
    super(defaultRepo)
    this.handles.set(defaultRepo, this)
    this.anonymous = {
      limit: ANONYMOUS_LIMIT,
      used: 0,
      resetAt: world.epochSeconds() + 3600
    }
    this.server = createServer((request, response) => {
      this.serve(request, response).catch((error: unknown) => {
        this.send(
          response,
          500,
          { message: `Server Error: ${String(error)}` },
          {}
        )
      })
    })
  }

  /** @internal Binds to an ephemeral port on 127.0.0.1. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    this.world.apiUrl = this.url
  }

  /** Stops the server, dropping kept-alive and pending connections. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  addRepo(seed: RepoSeed): Repo {
    return this.handle(this.world.addRepo(seed))
  }

  repo(owner: string, name: string): Repo {
    const state = this.world.findRepo(owner, name)
    if (!state) throw new Error(`no repository ${owner}/${name}`)
    return this.handle(state)
  }

  addToken(
    token: string,
    permissions: TokenPermissions,
    options: { login?: string } = {}
  ): void {
    this.world.addToken(token, permissions, options.login ?? this.login)
  }

  /** Makes the next matching requests fail or wait; see FaultSpec. */
  fail(spec: FaultSpec): Fault {
    if (spec.status === undefined && spec.delayMs === undefined) {
      throw new Error('a fault needs a status, a delay or both')
    }
    const times = spec.times ?? 1
    const fault: ActiveFault = { ...spec, hits: 0, remaining: times }
    this.faults.push(fault)
    return fault
  }

  clearFaults(): void {
    this.faults.length = 0
  }

  /** Runs `hook` before each request is handled; returns an unsubscribe. */
  onRequest(hook: RequestHook): () => void {
    this.hooks.push(hook)
    return () => {
      const index = this.hooks.indexOf(hook)
      if (index >= 0) this.hooks.splice(index, 1)
    }
  }

  /** Runs `hook` before each request that is not a GET. */
  beforeWrite(hook: RequestHook): () => void {
    return this.onRequest((request) =>
      request.method === 'GET' ? undefined : hook(request)
    )
  }

  private handle(state: RepoState): Repo {
    let found = this.handles.get(state)
    if (!found) {
      found = new Repo(state)
      this.handles.set(state, found)
    }
    return found
  }

  private async serve(
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> {
    this.served += 1
    const requestId = `${randomBytes(4).toString('hex').toUpperCase()}:${this.served}`
    const method = (request.method ?? 'GET').toUpperCase()
    const url = new URL(request.url ?? '/', this.url)
    const path = url.pathname
    let route: Route | undefined
    let params: Record<string, string> = {}
    for (const candidate of routes) {
      if (candidate.method !== method) continue
      const found = candidate.match(path)
      if (found) {
        route = candidate
        params = found
        break
      }
    }
    const entry: LoggedRequest = {
      method,
      route: route?.template ?? path,
      path,
      status: 0,
      body: undefined,
      requestId
    }
    const headers: Record<string, string> = { 'x-github-request-id': requestId }
    const reply = (status: number, data?: unknown): void => {
      entry.status = status
      this.requests.entries.push(entry)
      this.send(response, status, data, headers)
    }
    const error = (failure: ApiError): void =>
      reply(failure.status, errorBody(failure))

    const raw = await readBody(request)
    const token = this.authenticate(request)
    const bucket = token ?? this.anonymous
    this.countRate(bucket, headers)
    if (token === undefined) {
      const message = request.headers.authorization
        ? 'Bad credentials'
        : 'Requires authentication'
      return error(new ApiError(401, message))
    }
    if (bucket.used > bucket.limit) {
      return error(
        new ApiError(403, `API rate limit exceeded for ${token.login}.`)
      )
    }
    let body: Record<string, unknown> = {}
    if (raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw)
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new Error('not an object')
        }
        body = parsed as Record<string, unknown>
      } catch {
        return error(new ApiError(400, 'Problems parsing JSON'))
      }
    }
    entry.body = raw.length > 0 ? body : undefined

    const state =
      params['owner'] !== undefined && params['repo'] !== undefined
        ? this.world.findRepo(params['owner'], params['repo'])
        : undefined
    for (const hook of [...this.hooks]) {
      await hook({
        method,
        route: entry.route,
        path,
        params,
        body: entry.body,
        login: token.login,
        repo: state ? this.handle(state) : undefined
      })
    }

    const fault = this.faults.find(
      (f) => f.remaining > 0 && matches(entry, f.method, f.route)
    )
    if (fault) {
      fault.hits += 1
      fault.remaining -= 1
      if (fault.delayMs) await this.sleep(fault.delayMs)
      if (fault.status !== undefined) {
        return error(this.faultError(fault, requestId, headers))
      }
    }

    if (method === 'GET' && path === '/user') {
      entry.route = '/user'
      // An installation token (the workflow's own) has no user to show.
      if (token.login.endsWith('[bot]'))
        return error(
          new ApiError(403, 'Resource not accessible by integration')
        )
      return reply(200, authenticatedUserData(this.world, token.login))
    }
    if (!route || !state) return error(new ApiError(404, 'Not Found'))
    const needed: Level = method === 'GET' ? 'read' : 'write'
    if (!allows(token.permissions, route.scope, needed)) {
      headers['x-accepted-github-permissions'] = `${route.scope}=${needed}`
      return error(new ApiError(403, 'Resource not accessible by integration'))
    }
    const context: Context = {
      repo: state,
      params,
      query: url.searchParams,
      body: new Body(body),
      login: token.login,
      headers,
      url: `${this.url}${path}`
    }
    try {
      const result = route.handle(context)
      reply(result.status, result.data)
    } catch (failure) {
      // A bug in the emulator still answers, and is logged, like GitHub's 500.
      error(
        failure instanceof ApiError
          ? failure
          : new ApiError(500, `Server Error: ${String(failure)}`)
      )
    }
  }

  private authenticate(request: IncomingMessage): TokenRecord | undefined {
    const header = request.headers.authorization ?? ''
    const found = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim())
    return found?.[1] ? this.world.tokens.get(found[1]) : undefined
  }

  private countRate(bucket: RateBucket, headers: Record<string, string>): void {
    const now = this.world.epochSeconds()
    if (now >= bucket.resetAt) {
      bucket.used = 0
      bucket.resetAt = now + 3600
    }
    bucket.used += 1
    headers['x-ratelimit-limit'] = String(bucket.limit)
    headers['x-ratelimit-remaining'] = String(
      Math.max(0, bucket.limit - bucket.used)
    )
    headers['x-ratelimit-reset'] = String(bucket.resetAt)
    headers['x-ratelimit-used'] = String(Math.min(bucket.used, bucket.limit))
    headers['x-ratelimit-resource'] = 'core'
  }

  private faultError(
    fault: ActiveFault,
    requestId: string,
    headers: Record<string, string>
  ): ApiError {
    const status = fault.status ?? 500
    if (fault.primaryRateLimit) {
      const wait = fault.retryAfter ?? 1
      headers['x-ratelimit-remaining'] = '0'
      headers['x-ratelimit-reset'] = String(this.world.epochSeconds() + wait)
      return new ApiError(
        status,
        fault.message ?? 'API rate limit exceeded for installation ID 1.'
      )
    }
    if (fault.secondaryRateLimit || status === 429) {
      headers['retry-after'] = String(fault.retryAfter ?? 1)
      return new ApiError(
        status,
        fault.message ??
          'You have exceeded a secondary rate limit. Please wait a few ' +
            'minutes before you try again. If you reach out to GitHub ' +
            `Support for help, please include the request ID ${requestId}.`
      )
    }
    if (fault.retryAfter !== undefined) {
      headers['retry-after'] = String(fault.retryAfter)
    }
    const defaults: Record<number, string> = {
      403: 'Resource not accessible by integration',
      422: 'Validation Failed',
      500: 'Server Error',
      502: 'Server Error'
    }
    const message =
      fault.message ?? defaults[status] ?? STATUS_CODES[status] ?? 'Error'
    return new ApiError(status, message, status === 422 ? [] : undefined)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }

  private send(
    response: ServerResponse,
    status: number,
    data: unknown,
    headers: Record<string, string>
  ): void {
    if (response.destroyed || response.headersSent) return
    const text = data === undefined ? '' : JSON.stringify(data)
    response.writeHead(status, {
      ...headers,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...(text
        ? {
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(Buffer.byteLength(text))
          }
        : {})
    })
    response.end(text)
  }
}

function errorBody(failure: ApiError): Record<string, unknown> {
  return {
    message: failure.message,
    ...(failure.errors ? { errors: failure.errors } : {}),
    documentation_url: DOCS,
    status: String(failure.status)
  }
}

function allows(
  permissions: TokenPermissions,
  scope: Scope,
  needed: Level
): boolean {
  if (scope === 'metadata') return true
  const granted = permissions[scope] ?? 'none'
  if (needed === 'read') return granted !== 'none'
  return granted === 'write'
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** Starts an emulator; with no options, one repository and one full-access token. */
export async function startEmulator(
  options: EmulatorOptions = {}
): Promise<Emulator> {
  const world = new World(options.now ?? (() => new Date()), options.rateLimit)
  const seeds = options.repos ?? [{ owner: DEFAULT_OWNER, repo: DEFAULT_REPO }]
  const [first] = seeds.map((seed) => world.addRepo(seed))
  if (!first) throw new Error('an emulator needs at least one repository')
  const login = options.login ?? DEFAULT_LOGIN
  const tokens = options.tokens ?? { [DEFAULT_TOKEN]: FULL_ACCESS }
  for (const [token, permissions] of Object.entries(tokens)) {
    world.addToken(token, permissions, login)
  }
  const emulator = new Emulator(world, first, login)
  await emulator.listen()
  return emulator
}
