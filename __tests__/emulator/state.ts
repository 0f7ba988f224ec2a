// In-memory state of the emulated GitHub: users, tokens and repositories,
// with the rules GitHub applies when that state is changed.
import { createHash } from 'node:crypto'

export type Level = 'none' | 'read' | 'write'
export type Scope =
  | 'metadata'
  | 'issues'
  | 'pull_requests'
  | 'contents'
  | 'deployments'
  | 'actions'
export type TokenPermissions = Partial<Record<Scope, Level>>
export type RepoRole =
  'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'
export type CommitState = 'success' | 'failure' | 'error' | 'pending'
export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'pending'
  | 'success'
  | 'queued'
  | 'in_progress'

/** A failure GitHub would answer with: status, message and optional details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[]
  ) {
    super(message)
  }
}

export const notFound = (): ApiError => new ApiError(404, 'Not Found')

/** A deterministic, well-formed 40-hex git object id derived from `seed`. */
export function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

const SHA_PATTERN = /^[0-9a-f]{40}$/

export interface UserRecord {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface TokenRecord {
  token: string
  login: string
  permissions: TokenPermissions
  limit: number
  used: number
  resetAt: number
}

export interface GitActor {
  name: string
  email: string
  date: string
}

export interface IssueRecord {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: 'completed' | 'reopened' | 'not_planned' | null
  labels: string[]
  author: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  closedBy: string | null
  comments: number
  locked: boolean
  pull?: { head: string; base: string; draft: boolean }
}

export interface LabelRecord {
  id: number
  name: string
  color: string
  description: string | null
}

export interface CommitRecord {
  sha: string
  message: string
  parents: string[]
  author: GitActor
  login: string | null
  statuses: Record<string, CommitState>
}

export interface TagObjectRecord {
  sha: string
  tag: string
  message: string
  object: { sha: string; type: string }
  tagger: GitActor
}

export interface DeploymentStatusRecord {
  id: number
  state: DeploymentState
  creator: string
  description: string
  environment: string
  targetUrl: string
  logUrl: string
  environmentUrl: string
  createdAt: string
}

export interface DeploymentRecord {
  id: number
  sha: string
  ref: string
  task: string
  payload: Record<string, unknown> | string
  environment: string
  originalEnvironment: string
  description: string | null
  creator: string
  createdAt: string
  updatedAt: string
  transient: boolean
  production: boolean
  statuses: DeploymentStatusRecord[]
}

export interface WorkflowRecord {
  id: number
  name: string
  path: string
  /**
   * The workflow_dispatch inputs its file declares (name → the allowed
   * values of a choice, or null for any value); undefined when not declared,
   * so that any input is accepted.
   */
  inputs?: Record<string, string[] | null>
}

export interface JobRecord {
  id: number
  runId: number
  name: string
  status:
    'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending'
  conclusion:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required'
    | null
  startedAt: string
  completedAt: string | null
}

/** One workflow_dispatch request as GitHub accepted it. */
export interface DispatchRecord {
  workflowId: number
  ref: string
  inputs: Record<string, string>
  actor: string
  runId: number
}

export interface RunRecord {
  id: number
  workflowId: number
  name: string
  path: string
  runNumber: number
  runAttempt: number
  event: string
  status: string
  conclusion: string | null
  headSha: string
  headBranch: string | null
  actor: string
  displayTitle: string
  createdAt: string
  updatedAt: string
}

/** A workflow run to seed; names follow the REST API's fields. */
export interface RunSeed {
  id: number
  workflow_id: number
  status?: string
  conclusion?: string | null
  name?: string
  path?: string
  event?: string
  head_sha?: string
  head_branch?: string | null
  actor?: string
  run_number?: number
  display_title?: string
  created_at?: string
}

export interface RepoSeed {
  owner: string
  repo: string
  defaultBranch?: string
  /** false makes the issue endpoints answer 410 like a repository without issues. */
  hasIssues?: boolean
}

/** Everything the emulator holds, shared by all repositories. */
export class World {
  readonly users = new Map<string, UserRecord>()
  readonly tokens = new Map<string, TokenRecord>()
  readonly repos = new Map<string, RepoState>()
  apiUrl = 'http://127.0.0.1'
  readonly webUrl = 'https://github.com'
  private lastId = 1000

  constructor(
    private readonly clock: () => Date,
    /** Requests per token per hour before the primary rate limit. */
    readonly rateLimit = 5000
  ) {}

  nextId(): number {
    this.lastId += 1
    return this.lastId
  }

  /** The current time as GitHub prints it: ISO 8601 without milliseconds. */
  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
  }

  epochSeconds(): number {
    return Math.floor(this.clock().getTime() / 1000)
  }

  /** The user with this login, created on first mention. */
  user(login: string): UserRecord {
    const key = login.toLowerCase()
    let found = this.users.get(key)
    if (!found) {
      found = {
        login,
        id: this.nextId(),
        type: login.endsWith('[bot]') ? 'Bot' : 'User'
      }
      this.users.set(key, found)
    }
    return found
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase())
  }

  addToken(token: string, permissions: TokenPermissions, login: string): void {
    this.user(login)
    this.tokens.set(token, {
      token,
      login,
      permissions: { ...permissions },
      limit: this.rateLimit,
      used: 0,
      resetAt: this.epochSeconds() + 3600
    })
  }

  addRepo(seed: RepoSeed): RepoState {
    const key = `${seed.owner}/${seed.repo}`.toLowerCase()
    if (this.repos.has(key)) throw new Error(`repository ${key} already exists`)
    const repo = new RepoState(this, seed)
    this.repos.set(key, repo)
    return repo
  }

  findRepo(owner: string, repo: string): RepoState | undefined {
    return this.repos.get(`${owner}/${repo}`.toLowerCase())
  }
}

const ISSUE_BODY_LIMIT = 65536
const DEFAULT_LABEL_COLOR = 'ededed'

/** One repository: issues, labels, git objects, deployments and runs. */
export class RepoState {
  readonly id: number
  readonly owner: string
  readonly name: string
  readonly defaultBranch: string
  readonly hasIssues: boolean
  readonly createdAt: string
  readonly issues = new Map<number, IssueRecord>()
  readonly labels = new Map<string, LabelRecord>()
  readonly commits = new Map<string, CommitRecord>()
  readonly refs = new Map<string, string>()
  readonly tagObjects = new Map<string, TagObjectRecord>()
  readonly deployments: DeploymentRecord[] = []
  readonly workflows = new Map<number, WorkflowRecord>()
  readonly runs = new Map<number, RunRecord>()
  readonly jobs: JobRecord[] = []
  readonly dispatches: DispatchRecord[] = []
  readonly roles = new Map<string, RepoRole>()
  private lastNumber = 0

  constructor(
    readonly world: World,
    seed: RepoSeed
  ) {
    this.id = world.nextId()
    this.owner = seed.owner
    this.name = seed.repo
    this.defaultBranch = seed.defaultBranch ?? 'main'
    this.hasIssues = seed.hasIssues ?? true
    this.createdAt = world.now()
    world.user(seed.owner)
    this.roles.set(seed.owner.toLowerCase(), 'admin')
    this.addCommit(sha(`${this.fullName} initial commit`), 'Initial commit', {
      branch: this.defaultBranch
    })
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`
  }

  // Issues and labels.

  requireIssues(): void {
    if (!this.hasIssues)
      throw new ApiError(410, 'Issues are disabled for this repo')
  }

  issue(number: number): IssueRecord {
    const found = this.issues.get(number)
    if (!found) throw notFound()
    return found
  }

  createIssue(input: {
    title: string
    body?: string | null
    labels?: string[]
    author: string
    state?: 'open' | 'closed'
    pull?: IssueRecord['pull']
    createdAt?: string
  }): IssueRecord {
    checkBody(input.body ?? null)
    this.world.user(input.author)
    const now = input.createdAt ?? this.world.now()
    this.lastNumber += 1
    const closed = input.state === 'closed'
    const record: IssueRecord = {
      id: this.world.nextId(),
      number: this.lastNumber,
      title: input.title,
      body: input.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : null,
      labels: this.ensureLabels(input.labels ?? []),
      author: input.author,
      createdAt: now,
      updatedAt: now,
      closedAt: closed ? now : null,
      closedBy: closed ? input.author : null,
      comments: 0,
      locked: false,
      ...(input.pull ? { pull: input.pull } : {})
    }
    this.issues.set(record.number, record)
    return record
  }

  updateIssue(
    number: number,
    changes: {
      title?: string
      body?: string | null
      state?: 'open' | 'closed'
      stateReason?: IssueRecord['stateReason']
      labels?: string[]
    },
    actor: string
  ): IssueRecord {
    const record = this.issue(number)
    if (changes.body !== undefined) checkBody(changes.body)
    if (changes.title !== undefined) record.title = changes.title
    if (changes.body !== undefined) record.body = changes.body
    if (changes.labels !== undefined) {
      record.labels = this.ensureLabels(changes.labels)
    }
    const now = this.world.now()
    if (changes.state !== undefined && changes.state !== record.state) {
      record.state = changes.state
      record.closedAt = changes.state === 'closed' ? now : null
      record.closedBy = changes.state === 'closed' ? actor : null
      record.stateReason = changes.state === 'closed' ? 'completed' : 'reopened'
    }
    if (changes.stateReason !== undefined && record.state === 'closed') {
      record.stateReason = changes.stateReason
    }
    record.updatedAt = now
    return record
  }

  findLabel(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase())
  }

  createLabel(
    name: string,
    color = DEFAULT_LABEL_COLOR,
    description: string | null = null
  ): LabelRecord {
    if (this.findLabel(name)) {
      throw new ApiError(422, 'Validation Failed', [
        { resource: 'Label', code: 'already_exists', field: 'name' }
      ])
    }
    const hex = color.replace(/^#/, '')
    if (!/^[0-9a-fA-F]{6}$/.test(hex)) {
      throw new ApiError(422, 'Validation Failed', [
        { resource: 'Label', code: 'invalid', field: 'color' }
      ])
    }
    const record = { id: this.world.nextId(), name, color: hex, description }
    this.labels.set(name.toLowerCase(), record)
    return record
  }

  /** Label names as stored, creating the missing ones as GitHub does. */
  ensureLabels(names: string[]): string[] {
    const result: string[] = []
    for (const name of names) {
      const label = this.findLabel(name) ?? this.createLabel(name)
      if (!result.includes(label.name)) result.push(label.name)
    }
    return result
  }

  // Git objects and references.

  addCommit(
    commitSha: string,
    message = `Commit ${commitSha.slice(0, 7)}`,
    options: {
      parents?: string[]
      branch?: string
      author?: { name: string; email: string; login?: string }
      date?: string
      statuses?: Record<string, CommitState>
    } = {}
  ): CommitRecord {
    if (!SHA_PATTERN.test(commitSha)) {
      throw new Error(
        `commit sha must be 40 lowercase hex digits: ${commitSha}`
      )
    }
    const branchSha = options.branch
      ? this.refs.get(`refs/heads/${options.branch}`)
      : undefined
    const login = options.author?.login ?? null
    if (login) this.world.user(login)
    const record: CommitRecord = {
      sha: commitSha,
      message,
      parents: options.parents ?? (branchSha ? [branchSha] : []),
      author: {
        name: options.author?.name ?? 'Octo Cat',
        email: options.author?.email ?? 'octocat@example.com',
        date: options.date ?? this.world.now()
      },
      login,
      statuses: { ...options.statuses }
    }
    this.commits.set(commitSha, record)
    if (options.branch) this.refs.set(`refs/heads/${options.branch}`, commitSha)
    return record
  }

  /** 'commit' or 'tag' for a known object id, undefined otherwise. */
  objectType(objectSha: string): 'commit' | 'tag' | undefined {
    if (this.commits.has(objectSha)) return 'commit'
    if (this.tagObjects.has(objectSha)) return 'tag'
    return undefined
  }

  /** Follows annotated tags down to the commit they name. */
  peel(objectSha: string): CommitRecord | undefined {
    let current = objectSha
    for (let depth = 0; depth < 10; depth += 1) {
      const tag = this.tagObjects.get(current)
      if (!tag) return this.commits.get(current)
      current = tag.object.sha
    }
    return undefined
  }

  /** A sha (full or abbreviated), branch or tag name, as `git rev-parse`. */
  resolveCommit(ref: string): CommitRecord | undefined {
    const exact = this.commits.get(ref)
    if (exact) return exact
    const candidates = ref.startsWith('refs/')
      ? [ref]
      : [`refs/${ref}`, `refs/tags/${ref}`, `refs/heads/${ref}`]
    for (const name of candidates) {
      const target = this.refs.get(name)
      if (target) return this.peel(target)
    }
    if (/^[0-9a-f]{4,39}$/.test(ref)) {
      const matches = [...this.commits.keys()].filter((s) => s.startsWith(ref))
      if (matches.length === 1 && matches[0])
        return this.commits.get(matches[0])
    }
    return undefined
  }

  createRef(ref: string, target: string): void {
    if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
      throw new ApiError(
        422,
        'Reference name must contain at least three slash-separated components.'
      )
    }
    if (!this.objectType(target)) {
      throw new ApiError(422, 'Object does not exist')
    }
    if (this.refs.has(ref)) throw new ApiError(422, 'Reference already exists')
    this.refs.set(ref, target)
  }

  deleteRef(ref: string): void {
    if (!this.refs.delete(ref)) {
      throw new ApiError(422, 'Reference does not exist')
    }
  }

  createTagObject(input: {
    tag: string
    message: string
    object: string
    type: string
    tagger: GitActor
  }): TagObjectRecord {
    const actual = this.objectType(input.object)
    if (!actual || actual !== input.type) {
      throw new ApiError(422, 'Object does not exist')
    }
    const text = [
      `object ${input.object}`,
      `type ${input.type}`,
      `tag ${input.tag}`,
      `tagger ${input.tagger.name} <${input.tagger.email}> ${input.tagger.date}`,
      '',
      input.message
    ].join('\n')
    const record: TagObjectRecord = {
      sha: sha(`tag ${text.length}\0${text}`),
      tag: input.tag,
      message: input.message,
      object: { sha: input.object, type: input.type },
      tagger: input.tagger
    }
    this.tagObjects.set(record.sha, record)
    return record
  }

  // Deployments.

  deployment(id: number): DeploymentRecord {
    const found = this.deployments.find((d) => d.id === id)
    if (!found) throw notFound()
    return found
  }

  createDeployment(input: {
    ref: string
    task?: string
    payload?: Record<string, unknown> | string
    environment?: string
    description?: string | null
    requiredContexts?: string[]
    transient?: boolean
    production?: boolean
    creator: string
  }): DeploymentRecord {
    const commit = this.resolveCommit(input.ref)
    if (!commit) throw new ApiError(422, `No ref found for: ${input.ref}`)
    const contexts = input.requiredContexts ?? Object.keys(commit.statuses)
    const failing = contexts.filter((c) => commit.statuses[c] !== 'success')
    if (failing.length > 0) {
      throw new ApiError(
        409,
        `Conflict: Commit status checks failed for ${input.ref}.`,
        [
          {
            contexts: failing.map((context) => ({
              context,
              state: commit.statuses[context] ?? 'missing'
            })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid'
          }
        ]
      )
    }
    const environment = input.environment ?? 'production'
    const now = this.world.now()
    const record: DeploymentRecord = {
      id: this.world.nextId(),
      sha: commit.sha,
      ref: input.ref,
      task: input.task ?? 'deploy',
      payload: input.payload ?? {},
      environment,
      originalEnvironment: environment,
      description: input.description ?? null,
      creator: input.creator,
      createdAt: now,
      updatedAt: now,
      transient: input.transient ?? false,
      production: input.production ?? environment === 'production',
      statuses: []
    }
    this.deployments.push(record)
    return record
  }

  addDeploymentStatus(
    deploymentId: number,
    input: {
      state: DeploymentState
      creator: string
      description?: string
      environment?: string
      targetUrl?: string
      logUrl?: string
      environmentUrl?: string
      autoInactive?: boolean
    }
  ): DeploymentStatusRecord {
    const deployment = this.deployment(deploymentId)
    const description = input.description ?? ''
    if (description.length > 140) {
      throw new ApiError(422, 'Validation Failed', [
        {
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)'
        }
      ])
    }
    if (input.environment) deployment.environment = input.environment
    const logUrl = input.logUrl ?? input.targetUrl ?? ''
    const record: DeploymentStatusRecord = {
      id: this.world.nextId(),
      state: input.state,
      creator: input.creator,
      description,
      environment: deployment.environment,
      targetUrl: logUrl,
      logUrl,
      environmentUrl: input.environmentUrl ?? '',
      createdAt: this.world.now()
    }
    deployment.statuses.unshift(record)
    deployment.updatedAt = record.createdAt
    if (input.state === 'success' && input.autoInactive !== false) {
      this.deactivateEarlier(deployment, input.creator)
    }
    return record
  }

  /**
   * GitHub's auto_inactive: earlier successful, non-transient deployments of
   * the same environment (production included since the flash preview ended).
   */
  private deactivateEarlier(current: DeploymentRecord, creator: string): void {
    for (const other of this.deployments) {
      if (other.id >= current.id || other.environment !== current.environment) {
        continue
      }
      if (other.transient) continue
      const latest = other.statuses[0]
      if (latest?.state !== 'success') continue
      other.statuses.unshift({
        ...latest,
        id: this.world.nextId(),
        state: 'inactive',
        creator,
        description: '',
        createdAt: this.world.now()
      })
    }
  }

  // Actions.

  run(id: number): RunRecord {
    const found = this.runs.get(id)
    if (!found) throw notFound()
    return found
  }

  /** A workflow by numeric id or by file name, as the REST API accepts both. */
  findWorkflow(idOrFile: string): WorkflowRecord | undefined {
    for (const workflow of this.workflows.values()) {
      if (String(workflow.id) === idOrFile) return workflow
      if (workflow.path.split('/').pop() === idOrFile) return workflow
    }
    return undefined
  }

  addRun(seed: RunSeed): RunRecord {
    if (this.runs.has(seed.id)) throw new Error(`run ${seed.id} already exists`)
    const path = seed.path ?? `.github/workflows/${seed.workflow_id}.yml`
    let workflow = this.workflows.get(seed.workflow_id)
    if (!workflow) {
      workflow = { id: seed.workflow_id, name: seed.name ?? path, path }
      this.workflows.set(workflow.id, workflow)
    }
    const previous = [...this.runs.values()].filter(
      (r) => r.workflowId === seed.workflow_id
    ).length
    const actor = seed.actor ?? this.owner
    this.world.user(actor)
    const createdAt = seed.created_at ?? this.world.now()
    const status = seed.status ?? 'queued'
    const record: RunRecord = {
      id: seed.id,
      workflowId: workflow.id,
      name: workflow.name,
      path: workflow.path,
      runNumber: seed.run_number ?? previous + 1,
      runAttempt: 1,
      event: seed.event ?? 'push',
      status,
      conclusion:
        seed.conclusion ?? (status === 'completed' ? 'success' : null),
      headSha:
        seed.head_sha ??
        this.refs.get(`refs/heads/${this.defaultBranch}`) ??
        '',
      headBranch: seed.head_branch ?? this.defaultBranch,
      actor,
      displayTitle: seed.display_title ?? workflow.name,
      createdAt,
      updatedAt: createdAt
    }
    this.runs.set(record.id, record)
    return record
  }

  /** A workflow file, as `.github/workflows/<file>` declares it. */
  addWorkflow(seed: {
    id: number
    file: string
    name?: string
    inputs?: Record<string, string[] | null>
  }): WorkflowRecord {
    const path = `.github/workflows/${seed.file}`
    const workflow: WorkflowRecord = {
      id: seed.id,
      name: seed.name ?? path,
      path,
      inputs: seed.inputs
    }
    this.workflows.set(workflow.id, workflow)
    return workflow
  }

  /**
   * workflow_dispatch: checks the ref and the inputs as GitHub does, then
   * queues a run of the workflow on that ref, started by `actor`.
   */
  dispatch(
    workflowIdOrFile: string,
    ref: string,
    inputs: Record<string, unknown>,
    actor: string
  ): RunRecord {
    const workflow = this.findWorkflow(workflowIdOrFile)
    if (!workflow) throw notFound()
    // A branch or a tag name, as the API accepts them; never a bare sha.
    const branch = ref.replace(/^refs\/(heads|tags)\//, '')
    const head =
      this.refs.get(`refs/heads/${branch}`) ??
      this.resolveCommit(`refs/tags/${branch}`)?.sha
    if (!head) throw new ApiError(422, `No ref found for: ${ref}`)
    const entries = Object.entries(inputs)
    if (entries.length > 25)
      throw new ApiError(422, 'you may only define up to 25 `inputs`')
    const values: Record<string, string> = {}
    for (const [name, value] of entries) {
      if (typeof value !== 'string' && typeof value !== 'boolean')
        throw new ApiError(
          422,
          `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a string or a boolean.`
        )
      values[name] = String(value)
    }
    if (workflow.inputs) {
      const declared = workflow.inputs
      const unexpected = Object.keys(values).filter(
        (name) => !(name in declared)
      )
      if (unexpected.length > 0)
        throw new ApiError(
          422,
          `Unexpected inputs provided: ${JSON.stringify(unexpected)}`
        )
      for (const [name, value] of Object.entries(values)) {
        const options = declared[name]
        if (options && !options.includes(value))
          throw new ApiError(
            422,
            `Provided value '${value}' for input '${name}' not in the list of allowed values`
          )
      }
    }
    const run = this.addRun({
      id: this.world.nextId(),
      workflow_id: workflow.id,
      path: workflow.path,
      name: workflow.name,
      event: 'workflow_dispatch',
      status: 'queued',
      head_sha: head,
      head_branch: branch,
      actor
    })
    this.dispatches.push({
      workflowId: workflow.id,
      ref,
      inputs: values,
      actor,
      runId: run.id
    })
    return run
  }

  /** A job of a run, as the run's jobs list shows it. */
  addJob(
    runId: number,
    seed: {
      name: string
      status?: JobRecord['status']
      conclusion?: JobRecord['conclusion']
    }
  ): JobRecord {
    const run = this.run(runId)
    const status = seed.status ?? 'queued'
    const job: JobRecord = {
      id: this.world.nextId(),
      runId: run.id,
      name: seed.name,
      status,
      conclusion:
        seed.conclusion ?? (status === 'completed' ? 'success' : null),
      startedAt: this.world.now(),
      completedAt: status === 'completed' ? this.world.now() : null
    }
    this.jobs.push(job)
    return job
  }

  cancelRun(id: number): RunRecord {
    const record = this.run(id)
    if (record.status === 'completed') {
      throw new ApiError(409, 'Cannot cancel a workflow run that is completed.')
    }
    record.status = 'completed'
    record.conclusion = 'cancelled'
    record.updatedAt = this.world.now()
    return record
  }

  // Collaborators.

  /** The role of a user, or undefined when GitHub does not know the login. */
  role(login: string): RepoRole | undefined {
    if (!this.world.findUser(login)) return undefined
    return this.roles.get(login.toLowerCase()) ?? 'none'
  }
}

function checkBody(body: string | null): void {
  if (body !== null && body.length > ISSUE_BODY_LIMIT) {
    throw new ApiError(422, 'Validation Failed', [
      {
        resource: 'Issue',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${ISSUE_BODY_LIMIT} characters)`
      }
    ])
  }
}
