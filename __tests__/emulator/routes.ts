// The emulated REST endpoints. Each route is keyed by its @octokit/types name,
// so its status code and response body are checked against GitHub's schema.
import type { Endpoints } from '@octokit/types'
import {
  commitData,
  deploymentData,
  deploymentStatusData,
  dispatchData,
  type DispatchData,
  issueData,
  jobData,
  labelData,
  permissionData,
  refData,
  repoData,
  runData,
  tagData
} from './factories.js'
import {
  ApiError,
  type DeploymentState,
  type IssueRecord,
  type RepoState,
  type RunRecord,
  type Scope,
  notFound
} from './state.js'

type Key = keyof Endpoints
type Data<R extends Key> = Endpoints[R]['response']['data']
type Status<R extends Key> = Endpoints[R]['response']['status']
type Reply<R extends Key> = [Data<R>] extends [never]
  ? { status: Status<R> }
  : { status: Status<R>; data: Data<R> }

export interface Context {
  repo: RepoState
  params: Record<string, string>
  query: URLSearchParams
  body: Body
  /** The login of the token's owner, who is the actor of any write. */
  login: string
  /** Response headers the handler adds (Link, Location). */
  headers: Record<string, string>
  /** The request URL without its query, used to build Link headers. */
  url: string
}

export interface Route {
  method: string
  template: string
  scope: Scope
  match(path: string): Record<string, string> | undefined
  handle(context: Context): { status: number; data?: unknown }
}

/** Path parameters that may span several segments, like `tags/v1`. */
const GREEDY = new Set(['ref'])

function on<R extends Key>(
  key: R,
  scope: Scope,
  handle: (context: Context) => Reply<R>
): Route {
  const [method = '', template = ''] = key.split(' ')
  const names: string[] = []
  const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name)
    return GREEDY.has(name) ? '(.+)' : '([^/]+)'
  })
  const pattern = new RegExp(`^${source}$`)
  return {
    method,
    template,
    scope,
    match(path) {
      const found = pattern.exec(path)
      if (!found) return undefined
      const params: Record<string, string> = {}
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '')
      })
      return params
    },
    handle
  }
}

/** A request body read the way GitHub validates it. */
export class Body {
  constructor(private readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined
  }

  string(name: string): string {
    const value = this.optionalString(name)
    if (value === undefined) throw missing(name)
    return value
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name]
    if (value === undefined) return undefined
    if (typeof value === 'string') return value
    throw typeError(name, value, 'a string')
  }

  nullableString(name: string): string | null | undefined {
    return this.raw[name] === null ? null : this.optionalString(name)
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw[name]
    if (value === undefined || typeof value === 'boolean') return value
    throw typeError(name, value, 'a boolean')
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name)
    if (value === undefined) return undefined
    const found = allowed.find((candidate) => candidate === value)
    if (found === undefined) {
      throw new ApiError(
        422,
        `Invalid request.\n\nFor 'properties/${name}', "${value}" is not one of ${allowed.join(', ')}.`
      )
    }
    return found
  }

  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.oneOf(name, allowed)
    if (value === undefined) throw missing(name)
    return value
  }

  stringArray(name: string): string[] | undefined {
    const value = this.raw[name]
    if (value === undefined) return undefined
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      return value
    }
    throw typeError(name, value, 'an array of strings')
  }

  /** Labels given as names or as `{ name }` objects. */
  labels(): string[] | undefined {
    const value = this.raw['labels']
    if (value === undefined) return undefined
    if (!Array.isArray(value)) throw typeError('labels', value, 'an array')
    return value.map((item: unknown) => {
      if (typeof item === 'string') return item
      if (item && typeof item === 'object' && 'name' in item) {
        const { name } = item
        if (typeof name === 'string') return name
      }
      throw typeError('labels', item, 'a label name')
    })
  }

  object(name: string): unknown {
    return this.raw[name]
  }
}

function missing(name: string): ApiError {
  return new ApiError(422, `Invalid request.\n\n"${name}" wasn't supplied.`)
}

function typeError(name: string, value: unknown, expected: string): ApiError {
  return new ApiError(
    422,
    `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not ${expected}.`
  )
}

/** Slices a list by `per_page`/`page` and sets the Link header GitHub sends. */
function paginate<T>(context: Context, items: T[]): T[] {
  const perPage = clamp(context.query.get('per_page'), 30, 1, 100)
  const page = clamp(context.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (target: number, rel: string): string => {
    const query = new URLSearchParams(context.query)
    query.set('per_page', String(perPage))
    query.set('page', String(target))
    return `<${context.url}?${query.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  if (links.length > 0) context.headers['link'] = links.join(', ')
  return items.slice((page - 1) * perPage, page * perPage)
}

function clamp(
  raw: string | null,
  fallback: number,
  min: number,
  max: number
): number {
  const value = raw === null ? NaN : Number.parseInt(raw, 10)
  if (!Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(min, value))
}

function numberParam(context: Context, name: string): number {
  const value = Number(context.params[name])
  if (!Number.isInteger(value) || value < 0) throw notFound()
  return value
}

const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success'
]

function filterIssues(context: Context): IssueRecord[] {
  const { query, repo } = context
  const state = query.get('state') ?? 'open'
  const labels = (query.get('labels') ?? '')
    .split(',')
    .map((label) => label.trim().toLowerCase())
    .filter((label) => label !== '')
  const creator = query.get('creator')?.toLowerCase()
  const since = query.get('since')
  const sort = query.get('sort') ?? 'created'
  const direction = query.get('direction') === 'asc' ? 1 : -1
  const key = (issue: IssueRecord): string | number =>
    sort === 'updated'
      ? issue.updatedAt
      : sort === 'comments'
        ? issue.comments
        : issue.createdAt
  return [...repo.issues.values()]
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => {
      const own = issue.labels.map((label) => label.toLowerCase())
      return labels.every((label) => own.includes(label))
    })
    .filter((issue) => !creator || issue.author.toLowerCase() === creator)
    .filter((issue) => !since || issue.updatedAt >= since)
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)]
      const order = x < y ? -1 : x > y ? 1 : a.number - b.number
      return order * direction
    })
}

function filterRuns(context: Context, runs: Iterable<RunRecord>): RunRecord[] {
  const { query } = context
  const status = query.get('status')
  const branch = query.get('branch')
  const event = query.get('event')
  const actor = query.get('actor')?.toLowerCase()
  const headSha = query.get('head_sha')
  return [...runs]
    .filter((r) => !status || r.status === status || r.conclusion === status)
    .filter((r) => !branch || r.headBranch === branch)
    .filter((r) => !event || r.event === event)
    .filter((r) => !actor || r.actor.toLowerCase() === actor)
    .filter((r) => !headSha || r.headSha === headSha)
    .sort((a, b) =>
      a.createdAt === b.createdAt
        ? b.id - a.id
        : a.createdAt < b.createdAt
          ? 1
          : -1
    )
}

export const routes: Route[] = [
  on('GET /repos/{owner}/{repo}', 'metadata', ({ repo }) => ({
    status: 200,
    data: repoData(repo)
  })),

  // Issues and labels.
  on('GET /repos/{owner}/{repo}/issues', 'issues', (context) => {
    context.repo.requireIssues()
    const page = paginate(context, filterIssues(context))
    return {
      status: 200,
      data: page.map((issue) => issueData(context.repo, issue))
    }
  }),
  on('POST /repos/{owner}/{repo}/issues', 'issues', (context) => {
    const { repo, body } = context
    repo.requireIssues()
    const issue = repo.createIssue({
      title: body.string('title'),
      body: body.nullableString('body'),
      labels: body.labels(),
      author: context.login
    })
    const data = issueData(repo, issue)
    context.headers['location'] = data.url
    return { status: 201, data }
  }),
  on('GET /repos/{owner}/{repo}/issues/{issue_number}', 'issues', (context) => {
    const { repo } = context
    repo.requireIssues()
    const issue = repo.issue(numberParam(context, 'issue_number'))
    return { status: 200, data: issueData(repo, issue) }
  }),
  on(
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    'issues',
    (context) => {
      const { repo, body } = context
      repo.requireIssues()
      const issue = repo.updateIssue(
        numberParam(context, 'issue_number'),
        {
          title: body.optionalString('title'),
          body: body.nullableString('body'),
          state: body.oneOf('state', ['open', 'closed'] as const),
          stateReason: body.oneOf('state_reason', [
            'completed',
            'not_planned',
            'reopened'
          ] as const),
          labels: body.labels()
        },
        context.login
      )
      return { status: 200, data: issueData(repo, issue) }
    }
  ),
  on('GET /repos/{owner}/{repo}/labels/{name}', 'issues', (context) => {
    const label = context.repo.findLabel(context.params['name'] ?? '')
    if (!label) throw notFound()
    return { status: 200, data: labelData(context.repo, label) }
  }),
  on('POST /repos/{owner}/{repo}/labels', 'issues', (context) => {
    const { repo, body } = context
    const label = repo.createLabel(
      body.string('name'),
      body.optionalString('color'),
      body.nullableString('description')
    )
    const data = labelData(repo, label)
    context.headers['location'] = data.url
    return { status: 201, data }
  }),

  // Git references, tag objects and commits.
  on('GET /repos/{owner}/{repo}/git/ref/{ref}', 'contents', (context) => {
    const ref = `refs/${context.params['ref'] ?? ''}`
    const target = context.repo.refs.get(ref)
    if (!target) throw notFound()
    return { status: 200, data: refData(context.repo, ref, target) }
  }),
  on(
    'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
    'contents',
    (context) => {
      const prefix = `refs/${context.params['ref'] ?? ''}`
      const data = [...context.repo.refs.entries()]
        .filter(([ref]) => ref.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([ref, target]) => refData(context.repo, ref, target))
      return { status: 200, data }
    }
  ),
  on('POST /repos/{owner}/{repo}/git/refs', 'contents', (context) => {
    const { repo, body } = context
    const ref = body.string('ref')
    const target = body.string('sha')
    repo.createRef(ref, target)
    const data = refData(repo, ref, target)
    context.headers['location'] = data.url
    return { status: 201, data }
  }),
  on('DELETE /repos/{owner}/{repo}/git/refs/{ref}', 'contents', (context) => {
    context.repo.deleteRef(`refs/${context.params['ref'] ?? ''}`)
    return { status: 204 }
  }),
  on('POST /repos/{owner}/{repo}/git/tags', 'contents', (context) => {
    const { repo, body, login } = context
    const tagger = body.object('tagger')
    const given =
      tagger && typeof tagger === 'object'
        ? (tagger as Record<string, unknown>)
        : {}
    const text = (key: string, fallback: string): string =>
      typeof given[key] === 'string' ? given[key] : fallback
    const tag = repo.createTagObject({
      tag: body.string('tag'),
      message: body.string('message'),
      object: body.string('object'),
      type: body.requiredOneOf('type', ['commit', 'tree', 'blob'] as const),
      tagger: {
        name: text('name', login),
        email: text('email', `${login}@users.noreply.github.com`),
        date: text('date', repo.world.now())
      }
    })
    const data = tagData(repo, tag)
    context.headers['location'] = data.url
    return { status: 201, data }
  }),
  on('GET /repos/{owner}/{repo}/git/tags/{tag_sha}', 'contents', (context) => {
    const tag = context.repo.tagObjects.get(context.params['tag_sha'] ?? '')
    if (!tag) throw notFound()
    return { status: 200, data: tagData(context.repo, tag) }
  }),
  on('GET /repos/{owner}/{repo}/commits/{ref}', 'contents', (context) => {
    const ref = context.params['ref'] ?? ''
    const commit = context.repo.resolveCommit(ref)
    if (!commit) throw new ApiError(422, `No commit found for SHA: ${ref}`)
    return { status: 200, data: commitData(context.repo, commit) }
  }),

  // Deployments.
  on('POST /repos/{owner}/{repo}/deployments', 'deployments', (context) => {
    const { repo, body } = context
    const payload = body.object('payload')
    if (
      payload !== undefined &&
      typeof payload !== 'string' &&
      (typeof payload !== 'object' ||
        payload === null ||
        Array.isArray(payload))
    ) {
      throw typeError('payload', payload, 'an object or a string')
    }
    const deployment = repo.createDeployment({
      ref: body.string('ref'),
      task: body.optionalString('task'),
      payload: payload as Record<string, unknown> | string | undefined,
      environment: body.optionalString('environment'),
      description: body.nullableString('description'),
      requiredContexts: body.stringArray('required_contexts'),
      transient: body.boolean('transient_environment'),
      production: body.boolean('production_environment'),
      creator: context.login
    })
    return { status: 201, data: deploymentData(repo, deployment) }
  }),
  on('GET /repos/{owner}/{repo}/deployments', 'deployments', (context) => {
    const { query, repo } = context
    const fields = ['sha', 'ref', 'task', 'environment'] as const
    const found = [...repo.deployments].reverse().filter((deployment) =>
      fields.every((field) => {
        const wanted = query.get(field)
        return wanted === null || deployment[field] === wanted
      })
    )
    const data = paginate(context, found).map((d) => deploymentData(repo, d))
    return { status: 200, data }
  }),
  on(
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
    'deployments',
    (context) => {
      const id = numberParam(context, 'deployment_id')
      const deployment = context.repo.deployment(id)
      return { status: 200, data: deploymentData(context.repo, deployment) }
    }
  ),
  on(
    'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    'deployments',
    (context) => {
      const { repo, body } = context
      const id = numberParam(context, 'deployment_id')
      const status = repo.addDeploymentStatus(id, {
        state: body.requiredOneOf('state', DEPLOYMENT_STATES),
        creator: context.login,
        description: body.optionalString('description'),
        environment: body.optionalString('environment'),
        targetUrl: body.optionalString('target_url'),
        logUrl: body.optionalString('log_url'),
        environmentUrl: body.optionalString('environment_url'),
        autoInactive: body.boolean('auto_inactive')
      })
      const deployment = repo.deployment(id)
      const data = deploymentStatusData(repo, deployment, status)
      context.headers['location'] = data.url
      return { status: 201, data }
    }
  ),
  on(
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    'deployments',
    (context) => {
      const { repo } = context
      const deployment = repo.deployment(numberParam(context, 'deployment_id'))
      const data = paginate(context, deployment.statuses).map((status) =>
        deploymentStatusData(repo, deployment, status)
      )
      return { status: 200, data }
    }
  ),

  // Collaborators.
  on(
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    'metadata',
    (context) => {
      const username = context.params['username'] ?? ''
      const role = context.repo.role(username)
      if (!role) throw new ApiError(404, `${username} is not a user`)
      const login = context.repo.world.user(username).login
      return { status: 200, data: permissionData(context.repo, login, role) }
    }
  ),

  // Actions.
  on('GET /repos/{owner}/{repo}/actions/runs', 'actions', (context) => {
    const runs = filterRuns(context, context.repo.runs.values())
    const page = paginate(context, runs)
    return {
      status: 200,
      data: {
        total_count: runs.length,
        workflow_runs: page.map((run) => runData(context.repo, run))
      }
    }
  }),
  on(
    'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    'actions',
    (context) => {
      const { repo } = context
      const workflow = repo.findWorkflow(context.params['workflow_id'] ?? '')
      if (!workflow) throw notFound()
      const own = [...repo.runs.values()].filter(
        (run) => run.workflowId === workflow.id
      )
      const runs = filterRuns(context, own)
      const page = paginate(context, runs)
      return {
        status: 200,
        data: {
          total_count: runs.length,
          workflow_runs: page.map((run) => runData(repo, run))
        }
      }
    }
  ),
  on(
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    'actions',
    (context) => {
      const { repo, body } = context
      const inputs = body.object('inputs')
      if (
        inputs !== undefined &&
        (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
      )
        throw typeError('inputs', inputs, 'an object')
      const run = repo.dispatch(
        context.params['workflow_id'] ?? '',
        body.string('ref'),
        (inputs ?? {}) as Record<string, unknown>,
        context.login
      )
      if (body.boolean('return_run_details'))
        return { status: 200, data: dispatchData(repo, run) }
      // Without return_run_details GitHub answers 204 and no body, an
      // answer @octokit/types does not list.
      return { status: 204 } as unknown as {
        status: 200
        data: DispatchData
      }
    }
  ),
  on(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
    'actions',
    (context) => {
      const { repo } = context
      const run = repo.run(numberParam(context, 'run_id'))
      const jobs = repo.jobs.filter((job) => job.runId === run.id)
      const page = paginate(context, jobs)
      return {
        status: 200,
        data: {
          total_count: jobs.length,
          jobs: page.map((job) => jobData(repo, job))
        }
      }
    }
  ),
  on(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    'actions',
    (context) => {
      const run = context.repo.run(numberParam(context, 'run_id'))
      return { status: 200, data: runData(context.repo, run) }
    }
  ),
  on(
    'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
    'actions',
    (context) => {
      context.repo.cancelRun(numberParam(context, 'run_id'))
      return { status: 202, data: {} }
    }
  )
]
