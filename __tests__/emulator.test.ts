// The GitHub REST emulator, driven through a real Octokit client.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import {
  DEFAULT_OWNER,
  DEFAULT_REPO,
  DEFAULT_TOKEN,
  type Emulator,
  sha,
  startEmulator
} from './emulator/index.js'

const run = promisify(execFile)
let emulator: Emulator
const repo = { owner: DEFAULT_OWNER, repo: DEFAULT_REPO }

const client = (token = DEFAULT_TOKEN) =>
  getOctokit(token, { baseUrl: emulator.url })

interface Failure {
  status: number
  message: string
  data: Record<string, unknown>
  headers: Record<string, string | number | undefined>
}

/** A request Octokit's types would not let us send. */
function raw(method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `token ${DEFAULT_TOKEN}` },
    body: JSON.stringify(body)
  })
}

/** The RequestError a call rejects with, reduced to what GitHub sent. */
async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call
  } catch (error) {
    const e = error as {
      status?: number
      message?: string
      response?: { data?: unknown; headers?: Failure['headers'] }
    }
    if (typeof e.status !== 'number') throw error
    const data = (e.response?.data ?? {}) as Record<string, unknown>
    return {
      status: e.status,
      message: String(data['message']),
      data,
      headers: e.response?.headers ?? {}
    }
  }
  throw new Error('expected the request to fail')
}

beforeEach(async () => {
  emulator = await startEmulator()
})

afterEach(async () => {
  await emulator.close()
})

describe('repository and authentication', () => {
  it('serves the repository with its default branch', async () => {
    const { data, headers } = await client().rest.repos.get(repo)
    expect(data.full_name).toBe('octo-org/app')
    expect(data.default_branch).toBe('main')
    expect(headers['x-ratelimit-limit']).toBe('5000')
    expect(headers['x-ratelimit-remaining']).toBe('4999')
    expect(headers['x-ratelimit-used']).toBe('1')
    expect(headers['x-ratelimit-resource']).toBe('core')
    expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(0)
    expect(headers['x-github-request-id']).toMatch(/^[0-9A-F]+:\d+$/)
  })

  it('serves another process that finds it through GITHUB_API_URL', async () => {
    // @actions/github reads GITHUB_API_URL once, when it is first imported.
    const script = [
      "import { getOctokit } from '@actions/github'",
      'const octokit = getOctokit(process.env.TOKEN)',
      "const { data } = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'app' })",
      'console.log(data.default_branch)'
    ].join('\n')
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        env: {
          ...process.env,
          GITHUB_API_URL: emulator.url,
          TOKEN: DEFAULT_TOKEN
        }
      }
    )
    expect(stdout.trim()).toBe('main')
    expect(emulator.requests.count('GET', '/repos/{owner}/{repo}')).toBe(1)
  })

  it('answers 401 Bad credentials to an unknown token', async () => {
    const result = await failure(client('nope').rest.repos.get(repo))
    expect(result.status).toBe(401)
    expect(result.data).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401'
    })
    expect(result.headers['x-ratelimit-limit']).toBe('60')
  })

  it('answers 401 to a request without credentials', async () => {
    const response = await fetch(`${emulator.url}/repos/octo-org/app`)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({
      message: 'Requires authentication'
    })
  })

  it('accepts a Bearer token', async () => {
    const response = await fetch(`${emulator.url}/repos/octo-org/app`, {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` }
    })
    expect(response.status).toBe(200)
  })

  it('answers 404 Not Found for an unknown repository or route', async () => {
    const missing = await failure(
      client().rest.repos.get({ owner: 'octo-org', repo: 'nothing' })
    )
    expect(missing.status).toBe(404)
    expect(missing.message).toBe('Not Found')
    const route = await failure(client().request('GET /nowhere'))
    expect(route.status).toBe(404)
  })

  it('answers 403 to a write the token has no permission for', async () => {
    emulator.addToken('reader', { issues: 'read', contents: 'read' })
    const octokit = client('reader')
    await octokit.rest.issues.listForRepo(repo)
    const denied = await failure(
      octokit.rest.issues.create({ ...repo, title: 'x' })
    )
    expect(denied.status).toBe(403)
    expect(denied.data).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: '403'
    })
    expect(denied.headers['x-accepted-github-permissions']).toBe('issues=write')
    const noRead = await failure(
      octokit.rest.actions.listWorkflowRunsForRepo(repo)
    )
    expect(noRead.status).toBe(403)
  })

  it('answers 403 once a token has used up its primary rate limit', async () => {
    await emulator.close()
    emulator = await startEmulator({ rateLimit: 2 })
    await client().rest.repos.get(repo)
    const { headers } = await client().rest.repos.get(repo)
    expect(headers['x-ratelimit-remaining']).toBe('0')
    const limited = await failure(client().rest.repos.get(repo))
    expect(limited.status).toBe(403)
    expect(limited.message).toMatch(/^API rate limit exceeded/)
  })

  it('holds several repositories apart', async () => {
    const other = emulator.addRepo({
      owner: 'acme',
      repo: 'api',
      defaultBranch: 'trunk'
    })
    other.addIssue({ title: 'elsewhere' })
    const { data } = await client().rest.repos.get({
      owner: 'ACME',
      repo: 'api'
    })
    expect(data.default_branch).toBe('trunk')
    expect(emulator.issues()).toEqual([])
    const issues = await client().rest.issues.listForRepo({
      owner: 'acme',
      repo: 'api'
    })
    expect(issues.data.map((i) => i.title)).toEqual(['elsewhere'])
  })
})

describe('issues and labels', () => {
  it('creates an issue and the labels it names that do not exist', async () => {
    emulator.addLabel('bug', { color: 'ff0000' })
    const { status, data } = await client().rest.issues.create({
      ...repo,
      title: 'Dashboard',
      body: '<!-- runbook:dashboard -->',
      labels: ['runbook-dashboard', 'BUG']
    })
    expect(status).toBe(201)
    expect(data.number).toBe(1)
    expect(data.user?.login).toBe('github-actions[bot]')
    expect(
      data.labels.map((l) => (typeof l === 'string' ? l : l.name))
    ).toEqual(['runbook-dashboard', 'bug'])
    expect(emulator.labels().map((l) => l.name)).toEqual([
      'bug',
      'runbook-dashboard'
    ])
    expect(emulator.issue(1)?.body).toBe('<!-- runbook:dashboard -->')
  })

  it('reads and edits an issue', async () => {
    const seeded = emulator.addIssue({ author: 'alice', body: 'hello' })
    const octokit = client()
    const read = await octokit.rest.issues.get({
      ...repo,
      issue_number: seeded.number
    })
    expect(read.data.body).toBe('hello')
    expect(read.data.user?.login).toBe('alice')
    const edited = await octokit.rest.issues.update({
      ...repo,
      issue_number: seeded.number,
      body: 'changed',
      title: 'New title',
      state: 'closed',
      labels: ['done']
    })
    expect(edited.data).toMatchObject({
      body: 'changed',
      title: 'New title',
      state: 'closed',
      state_reason: 'completed'
    })
    expect(edited.data.closed_by?.login).toBe('github-actions[bot]')
    expect(emulator.issue(seeded.number)?.labels).toMatchObject([
      { name: 'done' }
    ])
  })

  it('answers 404 for a missing issue', async () => {
    const result = await failure(
      client().rest.issues.get({ ...repo, issue_number: 7 })
    )
    expect(result.status).toBe(404)
  })

  it('refuses a body over 65536 characters with 422', async () => {
    const result = await failure(
      client().rest.issues.create({
        ...repo,
        title: 't',
        body: 'x'.repeat(65537)
      })
    )
    expect(result.status).toBe(422)
    expect(result.data['message']).toBe('Validation Failed')
    expect(result.data['errors']).toMatchObject([
      { resource: 'Issue', field: 'body', code: 'custom' }
    ])
  })

  it('refuses an issue without a title with 422', async () => {
    const response = await raw('POST', '/repos/octo-org/app/issues', {})
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({
      message: 'Invalid request.\n\n"title" wasn\'t supplied.',
      status: '422'
    })
  })

  it('answers 410 when the repository has issues disabled', async () => {
    emulator.addRepo({ owner: 'acme', repo: 'quiet', hasIssues: false })
    const result = await failure(
      client().rest.issues.listForRepo({ owner: 'acme', repo: 'quiet' })
    )
    expect(result.status).toBe(410)
    expect(result.message).toBe('Issues are disabled for this repo')
  })

  it('lists issues and pull requests with filters and sorting', async () => {
    emulator.addIssue({ title: 'a', author: 'alice', labels: ['x', 'y'] })
    emulator.addIssue({ title: 'b', author: 'bob', labels: ['x'] })
    emulator.addIssue({ title: 'c', author: 'alice', state: 'closed' })
    emulator.addPullRequest({ title: 'pr', author: 'alice', labels: ['x'] })
    const list = async (query: Record<string, string>) =>
      (await client().rest.issues.listForRepo({ ...repo, ...query })).data.map(
        (issue) => issue.title
      )
    expect(await list({})).toEqual(['pr', 'b', 'a'])
    expect(await list({ direction: 'asc' })).toEqual(['a', 'b', 'pr'])
    expect(await list({ state: 'all', creator: 'alice' })).toEqual([
      'pr',
      'c',
      'a'
    ])
    expect(await list({ labels: 'x,Y' })).toEqual(['a'])
    expect(await list({ state: 'closed' })).toEqual(['c'])
    const { data } = await client().rest.issues.listForRepo(repo)
    expect(data[0]?.pull_request?.url).toMatch(/\/pulls\/4$/)
    expect(data[1]?.pull_request).toBeUndefined()
  })

  it('paginates with a Link header that octokit.paginate follows', async () => {
    for (let i = 1; i <= 45; i += 1) emulator.addIssue({ title: `#${i}` })
    const octokit = client()
    const page = await octokit.rest.issues.listForRepo({
      ...repo,
      per_page: 20,
      page: 2
    })
    expect(page.data).toHaveLength(20)
    const links = Object.fromEntries(
      String(page.headers.link)
        .split(', ')
        .map((part) => {
          const [, url, rel] = /^<(.+)>; rel="(\w+)"$/.exec(part) ?? []
          return [rel, new URL(String(url)).searchParams.get('page')]
        })
    )
    expect(links).toEqual({ prev: '1', next: '3', last: '3', first: '1' })
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      per_page: 20
    })
    expect(all).toHaveLength(45)
    expect(emulator.requests.count('GET', '/repos/{owner}/{repo}/issues')).toBe(
      4
    )
    const single = await octokit.rest.issues.listForRepo({
      ...repo,
      per_page: 50
    })
    expect(single.headers.link).toBeUndefined()
  })

  it('reads a label and refuses a duplicate with 422 already_exists', async () => {
    const octokit = client()
    const created = await octokit.rest.issues.createLabel({
      ...repo,
      name: 'runbook-dashboard',
      color: '0e8a16',
      description: 'Runbook status'
    })
    expect(created.status).toBe(201)
    const read = await octokit.rest.issues.getLabel({
      ...repo,
      name: 'Runbook-Dashboard'
    })
    expect(read.data).toMatchObject({
      name: 'runbook-dashboard',
      color: '0e8a16'
    })
    const duplicate = await failure(
      octokit.rest.issues.createLabel({ ...repo, name: 'RUNBOOK-dashboard' })
    )
    expect(duplicate.status).toBe(422)
    expect(duplicate.data['errors']).toEqual([
      { resource: 'Label', code: 'already_exists', field: 'name' }
    ])
    const missing = await failure(
      octokit.rest.issues.getLabel({ ...repo, name: 'nope' })
    )
    expect(missing.status).toBe(404)
  })
})

describe('git references, tags and commits', () => {
  it('creates, finds and deletes a tag reference', async () => {
    const octokit = client()
    const head = emulator.headSha()
    const missing = await failure(
      octokit.rest.git.getRef({ ...repo, ref: 'tags/runbook-halt' })
    )
    expect(missing.status).toBe(404)
    const created = await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/tags/runbook-halt',
      sha: head
    })
    expect(created.status).toBe(201)
    expect(created.data.object).toMatchObject({ type: 'commit', sha: head })
    const found = await octokit.rest.git.getRef({
      ...repo,
      ref: 'tags/runbook-halt'
    })
    expect(found.data.ref).toBe('refs/tags/runbook-halt')
    const deleted = await octokit.rest.git.deleteRef({
      ...repo,
      ref: 'tags/runbook-halt'
    })
    expect(deleted.status).toBe(204)
    expect(emulator.ref('tags/runbook-halt')).toBeUndefined()
    const again = await failure(
      octokit.rest.git.deleteRef({ ...repo, ref: 'tags/runbook-halt' })
    )
    expect(again.status).toBe(422)
    expect(again.message).toBe('Reference does not exist')
  })

  it('refuses an existing reference and an unknown object with 422', async () => {
    const octokit = client()
    emulator.addTag('v1', emulator.headSha())
    const exists = await failure(
      octokit.rest.git.createRef({
        ...repo,
        ref: 'refs/tags/v1',
        sha: emulator.headSha()
      })
    )
    expect(exists.status).toBe(422)
    expect(exists.message).toBe('Reference already exists')
    const unknown = await failure(
      octokit.rest.git.createRef({
        ...repo,
        ref: 'refs/tags/v2',
        sha: sha('x')
      })
    )
    expect(unknown.message).toBe('Object does not exist')
  })

  it('lets exactly one of many concurrent creations of a ref succeed', async () => {
    const octokit = client()
    const attempts = Array.from({ length: 25 }, () =>
      octokit.rest.git
        .createRef({
          ...repo,
          ref: 'refs/tags/runbook-halt',
          sha: emulator.headSha()
        })
        .then(
          (response) => response.status as number,
          (error: { status: number }) => error.status
        )
    )
    const statuses = await Promise.all(attempts)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 422)).toHaveLength(24)
  })

  it('lists references matching a prefix', async () => {
    const head = emulator.headSha()
    emulator.addTag('deployment-2', head)
    emulator.addTag('deployment-1', head)
    emulator.addTag('other', head)
    const { data } = await client().rest.git.listMatchingRefs({
      ...repo,
      ref: 'tags/deployment-'
    })
    expect(data.map((r) => r.ref)).toEqual([
      'refs/tags/deployment-1',
      'refs/tags/deployment-2'
    ])
    const none = await client().rest.git.listMatchingRefs({
      ...repo,
      ref: 'tags/none-'
    })
    expect(none.data).toEqual([])
  })

  it('creates an annotated tag object that a reference points to', async () => {
    const octokit = client()
    const tag = await octokit.rest.git.createTag({
      ...repo,
      tag: 'runbook-halt',
      message: 'stopped by alice: broken deploy',
      object: emulator.headSha(),
      type: 'commit',
      tagger: {
        name: 'alice',
        email: 'a@example.com',
        date: '2024-01-01T00:00:00Z'
      }
    })
    expect(tag.status).toBe(201)
    expect(tag.data.sha).toMatch(/^[0-9a-f]{40}$/)
    await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/tags/runbook-halt',
      sha: tag.data.sha
    })
    const ref = await octokit.rest.git.getRef({
      ...repo,
      ref: 'tags/runbook-halt'
    })
    expect(ref.data.object).toMatchObject({ type: 'tag', sha: tag.data.sha })
    const read = await octokit.rest.git.getTag({
      ...repo,
      tag_sha: tag.data.sha
    })
    expect(read.data).toMatchObject({
      tag: 'runbook-halt',
      message: 'stopped by alice: broken deploy',
      tagger: { name: 'alice' },
      object: { type: 'commit', sha: emulator.headSha() }
    })
    expect(emulator.tagObjects()).toHaveLength(1)
    const missing = await failure(
      octokit.rest.git.getTag({ ...repo, tag_sha: sha('none') })
    )
    expect(missing.status).toBe(404)
  })

  it('resolves a sha, a branch or a tag to a commit', async () => {
    const next = sha('second')
    emulator.addCommit(next, 'Second commit', { branch: 'main' })
    emulator.addTag('v1', next, { message: 'release' })
    const get = async (ref: string) =>
      (await client().rest.repos.getCommit({ ...repo, ref })).data
    expect((await get(next)).commit.message).toBe('Second commit')
    expect((await get('main')).sha).toBe(next)
    expect((await get('heads/main')).sha).toBe(next)
    expect((await get('v1')).sha).toBe(next)
    expect((await get(next.slice(0, 7))).parents).toHaveLength(1)
    const missing = await failure(
      client().rest.repos.getCommit({ ...repo, ref: 'nope' })
    )
    expect(missing.status).toBe(422)
    expect(missing.message).toBe('No commit found for SHA: nope')
  })
})

describe('deployments', () => {
  it('creates deployments and lists them newest first with filters', async () => {
    const octokit = client()
    const first = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: { components: ['api'] },
      description: 'deploy api'
    })
    expect(first.status).toBe(201)
    if (!('sha' in first.data)) throw new Error('expected a deployment')
    expect(first.data.sha).toBe(emulator.headSha())
    expect(first.data.payload).toEqual({ components: ['api'] })
    expect(first.data.production_environment).toBe(false)
    await octokit.rest.repos.createDeployment({ ...repo, ref: 'main' })
    const all = await octokit.rest.repos.listDeployments(repo)
    expect(all.data.map((d) => d.environment)).toEqual([
      'production',
      'staging'
    ])
    const staging = await octokit.rest.repos.listDeployments({
      ...repo,
      environment: 'staging'
    })
    expect(staging.data).toHaveLength(1)
    const bySha = await octokit.rest.repos.listDeployments({
      ...repo,
      sha: emulator.headSha(),
      per_page: 1
    })
    expect(bySha.data).toHaveLength(1)
    expect(bySha.headers.link).toContain('rel="next"')
  })

  it('refuses an unknown ref with 422 and failing checks with 409', async () => {
    const octokit = client()
    const unknown = await failure(
      octokit.rest.repos.createDeployment({ ...repo, ref: 'nowhere' })
    )
    expect(unknown.status).toBe(422)
    emulator.addCommit(sha('red'), 'red', {
      branch: 'main',
      statuses: { ci: 'failure', lint: 'success' }
    })
    const red = await failure(
      octokit.rest.repos.createDeployment({ ...repo, ref: 'main' })
    )
    expect(red.status).toBe(409)
    const ok = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      required_contexts: ['lint']
    })
    expect(ok.status).toBe(201)
  })

  it('records statuses newest first and retires earlier successes', async () => {
    const octokit = client()
    const create = async () => {
      const { data } = await octokit.rest.repos.createDeployment({
        ...repo,
        ref: 'main',
        environment: 'preview',
        required_contexts: []
      })
      if (!('id' in data)) throw new Error('expected a deployment')
      return data.id
    }
    const old = await create()
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: old,
      state: 'success'
    })
    const current = await create()
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: current,
      state: 'in_progress'
    })
    const status = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: current,
      state: 'success',
      log_url: 'https://example.com/log',
      environment_url: 'https://preview.example.com',
      description: 'verified'
    })
    expect(status.status).toBe(201)
    expect(status.data).toMatchObject({
      state: 'success',
      log_url: 'https://example.com/log',
      target_url: 'https://example.com/log',
      environment_url: 'https://preview.example.com'
    })
    const list = await octokit.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: current
    })
    expect(list.data.map((s) => s.state)).toEqual(['success', 'in_progress'])
    const [latest, previous] = emulator.deployments()
    expect(latest?.statuses.map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])
    expect(previous?.statuses.map((s) => s.state)).toEqual([
      'inactive',
      'success'
    ])
    const bad = await raw(
      'POST',
      `/repos/octo-org/app/deployments/${current}/statuses`,
      { state: 'done' }
    )
    expect(bad.status).toBe(422)
    const missing = await failure(
      octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: 1 })
    )
    expect(missing.status).toBe(404)
  })
})

describe('collaborators', () => {
  it('reports permission and role for known users and 404 for others', async () => {
    emulator.setPermission('alice', 'maintain')
    emulator.setPermission('bob', 'none')
    const get = (username: string) =>
      client().rest.repos.getCollaboratorPermissionLevel({ ...repo, username })
    expect((await get('octo-org')).data.permission).toBe('admin')
    const alice = (await get('alice')).data
    expect(alice).toMatchObject({ permission: 'write', role_name: 'maintain' })
    expect(alice.user?.permissions).toMatchObject({ push: true, admin: false })
    expect((await get('bob')).data.permission).toBe('none')
    const unknown = await failure(get('mallory'))
    expect(unknown.status).toBe(404)
    expect(unknown.message).toBe('mallory is not a user')
  })
})

describe('workflow runs', () => {
  beforeEach(() => {
    emulator.addWorkflowRun({
      id: 11,
      workflow_id: 5,
      path: '.github/workflows/deploy.yml',
      status: 'completed',
      created_at: '2024-01-01T00:00:00Z'
    })
    emulator.addWorkflowRun({
      id: 12,
      workflow_id: 5,
      status: 'in_progress',
      created_at: '2024-01-02T00:00:00Z'
    })
    emulator.addWorkflowRun({
      id: 13,
      workflow_id: 5,
      status: 'queued',
      created_at: '2024-01-03T00:00:00Z'
    })
    emulator.addWorkflowRun({ id: 20, workflow_id: 6, status: 'queued' })
  })

  it('reads one run and answers 404 for an unknown one', async () => {
    const { data } = await client().rest.actions.getWorkflowRun({
      ...repo,
      run_id: 12
    })
    expect(data).toMatchObject({
      id: 12,
      status: 'in_progress',
      conclusion: null,
      path: '.github/workflows/deploy.yml',
      run_number: 2
    })
    const missing = await failure(
      client().rest.actions.getWorkflowRun({ ...repo, run_id: 99 })
    )
    expect(missing.status).toBe(404)
  })

  it('lists a workflow runs by id or file name with a status filter', async () => {
    const octokit = client()
    const byId = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 5
    })
    expect(byId.data.total_count).toBe(3)
    expect(byId.data.workflow_runs.map((r) => r.id)).toEqual([13, 12, 11])
    const active = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 'deploy.yml',
      status: 'in_progress'
    })
    expect(active.data.workflow_runs.map((r) => r.id)).toEqual([12])
    const succeeded = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: 5,
      status: 'success'
    })
    expect(succeeded.data.workflow_runs.map((r) => r.id)).toEqual([11])
    const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRuns, {
      ...repo,
      workflow_id: 5,
      per_page: 2
    })
    expect(runs.map((r) => r.id)).toEqual([13, 12, 11])
    const unknown = await failure(
      octokit.rest.actions.listWorkflowRuns({
        ...repo,
        workflow_id: 'none.yml'
      })
    )
    expect(unknown.status).toBe(404)
  })

  it('lists all runs of the repository with a status filter', async () => {
    const { data } = await client().rest.actions.listWorkflowRunsForRepo({
      ...repo,
      status: 'queued'
    })
    expect(data.workflow_runs.map((r) => r.id).sort()).toEqual([13, 20])
  })

  it('cancels a run once and answers 409 for a completed one', async () => {
    const octokit = client()
    const cancelled = await octokit.rest.actions.cancelWorkflowRun({
      ...repo,
      run_id: 13
    })
    expect(cancelled.status).toBe(202)
    expect(emulator.run(13)).toMatchObject({
      status: 'completed',
      conclusion: 'cancelled'
    })
    const again = await failure(
      octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: 13 })
    )
    expect(again.status).toBe(409)
    expect(again.message).toBe(
      'Cannot cancel a workflow run that is completed.'
    )
  })
})

describe('fault injection', () => {
  it('fails a matching request once with 502, then serves it again', async () => {
    const fault = emulator.fail({
      method: 'GET',
      route: '/repos/{owner}/{repo}',
      status: 502
    })
    const first = await failure(client().rest.repos.get(repo))
    expect(first.status).toBe(502)
    expect((await client().rest.repos.get(repo)).status).toBe(200)
    expect(fault).toMatchObject({ hits: 1, remaining: 0 })
  })

  it('lets the retry plugin recover from a 502', async () => {
    emulator.fail({ route: /\/issues$/, status: 502, times: 2 })
    const octokit = getOctokit(
      DEFAULT_TOKEN,
      { baseUrl: emulator.url, retry: { retryAfterBaseValue: 1 } },
      retry
    )
    const { status } = await octokit.rest.issues.listForRepo(repo)
    expect(status).toBe(200)
    expect(emulator.requests.filter('GET').map((r) => r.status)).toEqual([
      502, 502, 200
    ])
  })

  it('answers a secondary rate limit with retry-after and GitHub message', async () => {
    emulator.fail({ status: 403, secondaryRateLimit: true, retryAfter: 7 })
    const limited = await failure(client().rest.repos.get(repo))
    expect(limited.status).toBe(403)
    expect(limited.headers['retry-after']).toBe('7')
    expect(limited.message).toMatch(/^You have exceeded a secondary rate limit/)
  })

  it('lets the throttling plugin wait out a secondary limit and a 429', async () => {
    emulator.fail({ status: 403, secondaryRateLimit: true })
    emulator.fail({ status: 429 })
    const waits: number[] = []
    const octokit = getOctokit(
      DEFAULT_TOKEN,
      {
        baseUrl: emulator.url,
        throttle: {
          retryAfterBaseValue: 1,
          onRateLimit: () => false,
          onSecondaryRateLimit: (after: number) => {
            waits.push(after)
            return true
          }
        }
      },
      throttling
    )
    const { status } = await octokit.rest.repos.get(repo)
    expect(status).toBe(200)
    expect(waits).toEqual([1, 1])
    expect(emulator.requests.entries.map((r) => r.status)).toEqual([
      403, 429, 200
    ])
  })

  it('injects a primary rate limit and a 422', async () => {
    emulator.fail({ status: 403, primaryRateLimit: true })
    emulator.fail({ method: 'POST', status: 422, message: 'Validation Failed' })
    const limited = await failure(client().rest.repos.get(repo))
    expect(limited.headers['x-ratelimit-remaining']).toBe('0')
    const invalid = await failure(
      client().rest.issues.create({ ...repo, title: 't' })
    )
    expect(invalid.status).toBe(422)
    expect(invalid.data['errors']).toEqual([])
    expect(emulator.issues()).toEqual([])
  })

  it('delays an answer without failing it', async () => {
    emulator.fail({ delayMs: 150 })
    const started = Date.now()
    const { status } = await client().rest.repos.get(repo)
    expect(status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('closes promptly while an answer is still delayed', async () => {
    emulator.fail({ delayMs: 10_000 })
    const pending = client()
      .rest.repos.get(repo)
      .catch(() => 'dropped')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await emulator.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await pending).toBe('dropped')
  })
})

describe('request log and hooks', () => {
  it('counts requests by method and route and lists the writes', async () => {
    const octokit = client()
    const issue = emulator.addIssue()
    await octokit.rest.issues.get({ ...repo, issue_number: issue.number })
    await octokit.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      body: 'new'
    })
    await failure(octokit.rest.issues.get({ ...repo, issue_number: 99 }))
    expect(emulator.requests.count()).toBe(3)
    expect(
      emulator.requests.count(
        'GET',
        '/repos/{owner}/{repo}/issues/{issue_number}'
      )
    ).toBe(2)
    expect(emulator.requests.count(undefined, /issues\/99$/)).toBe(1)
    expect(emulator.requests.writes()).toMatchObject([
      {
        method: 'PATCH',
        route: '/repos/{owner}/{repo}/issues/{issue_number}',
        status: 200,
        body: { body: 'new' }
      }
    ])
  })

  it('lets a test change an issue between a read and a write', async () => {
    const issue = emulator.addIssue({ body: 'v1' })
    emulator.beforeWrite(({ repo: target }) => {
      target?.updateIssue(issue.number, { body: 'edited by a person' })
    })
    const octokit = client()
    const read = await octokit.rest.issues.get({
      ...repo,
      issue_number: issue.number
    })
    expect(read.data.body).toBe('v1')
    await octokit.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      title: 'only the title'
    })
    expect(emulator.issue(issue.number)).toMatchObject({
      body: 'edited by a person',
      title: 'only the title'
    })
  })

  it('runs request hooks in order and stops after unsubscribing', async () => {
    const seen: string[] = []
    const stop = emulator.onRequest(async ({ method, route }) => {
      seen.push(`${method} ${route}`)
    })
    await client().rest.repos.get(repo)
    stop()
    await client().rest.repos.get(repo)
    expect(seen).toEqual(['GET /repos/{owner}/{repo}'])
  })
})

describe('seeding and inspection', () => {
  it('stamps objects with the clock it was given', async () => {
    await emulator.close()
    emulator = await startEmulator({
      now: () => new Date('2024-05-01T12:00:00.123Z')
    })
    const { data } = await client().rest.issues.create({ ...repo, title: 't' })
    expect(data.created_at).toBe('2024-05-01T12:00:00Z')
  })

  it('seeds deployments with statuses and tags of both kinds', async () => {
    const head = emulator.headSha()
    emulator.addDeployment({ ref: 'main', statuses: ['success'] })
    emulator.addTag('light', head)
    emulator.addTag('annotated', head, { message: 'why' })
    const { data } = await client().rest.repos.listDeployments(repo)
    expect(data).toHaveLength(1)
    expect(emulator.deployments()[0]?.statuses.map((s) => s.state)).toEqual([
      'success'
    ])
    expect(emulator.ref('tags/light')?.object.type).toBe('commit')
    const annotated = emulator.ref('refs/tags/annotated')
    expect(annotated?.object.type).toBe('tag')
    expect(emulator.tagObject(annotated?.object.sha ?? '')?.message).toBe('why')
    expect(emulator.refs('tags/').map((r) => r.ref)).toEqual([
      'refs/tags/light',
      'refs/tags/annotated'
    ])
  })
})
