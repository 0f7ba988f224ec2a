// Turns state records into complete response objects typed by @octokit/types,
// so the compiler rejects any field GitHub would not return.
import type { Endpoints } from '@octokit/types'
import type {
  CommitRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  IssueRecord,
  JobRecord,
  LabelRecord,
  RepoRole,
  RepoState,
  RunRecord,
  TagObjectRecord,
  World
} from './state.js'

export type RepoData =
  Endpoints['GET /repos/{owner}/{repo}']['response']['data']
export type IssueData =
  Endpoints['GET /repos/{owner}/{repo}/issues/{issue_number}']['response']['data']
export type LabelData =
  Endpoints['GET /repos/{owner}/{repo}/labels/{name}']['response']['data']
export type GitRefData =
  Endpoints['GET /repos/{owner}/{repo}/git/ref/{ref}']['response']['data']
export type GitTagData =
  Endpoints['GET /repos/{owner}/{repo}/git/tags/{tag_sha}']['response']['data']
export type CommitData =
  Endpoints['GET /repos/{owner}/{repo}/commits/{ref}']['response']['data']
export type DeploymentData =
  Endpoints['GET /repos/{owner}/{repo}/deployments/{deployment_id}']['response']['data']
export type DeploymentStatusData =
  Endpoints['GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}']['response']['data']
export type WorkflowRunData =
  Endpoints['GET /repos/{owner}/{repo}/actions/runs/{run_id}']['response']['data']
export type JobData =
  Endpoints['GET /repos/{owner}/{repo}/actions/jobs/{job_id}']['response']['data']
export type DispatchData =
  Endpoints['POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches']['response']['data']
export type PermissionData =
  Endpoints['GET /repos/{owner}/{repo}/collaborators/{username}/permission']['response']['data']
export type UserData = NonNullable<IssueData['user']>
type MinimalRepoData = WorkflowRunData['repository']

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url')
}

export function userData(world: World, login: string): UserData {
  const user = world.user(login)
  const api = `${world.apiUrl}/users/${user.login}`
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${world.webUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false
  }
}

export type AuthenticatedUserData = Endpoints['GET /user']['response']['data']

/** GET /user for a user's token: the public profile of the token's owner. */
export function authenticatedUserData(
  world: World,
  login: string
): AuthenticatedUserData {
  const user = userData(world, login)
  return {
    ...user,
    name: null,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z'
  }
}

function repoApi(repo: RepoState): string {
  return `${repo.world.apiUrl}/repos/${repo.fullName}`
}

function repoHtml(repo: RepoState): string {
  return `${repo.world.webUrl}/${repo.fullName}`
}

/** The fields shared by the minimal and the full repository objects. */
function repoCore(repo: RepoState) {
  const api = repoApi(repo)
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userData(repo.world, repo.owner),
    private: false,
    html_url: repoHtml(repo),
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    hooks_url: `${api}/hooks`
  }
}

export function minimalRepoData(repo: RepoState): MinimalRepoData {
  return repoCore(repo)
}

export function repoData(repo: RepoState): RepoData {
  const openIssues = [...repo.issues.values()].filter(
    (i) => i.state === 'open'
  ).length
  const host = new URL(repo.world.webUrl).host
  return {
    ...repoCore(repo),
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${repoHtml(repo)}.git`,
    svn_url: repoHtml(repo),
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: repo.hasIssues,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    subscribers_count: 0,
    network_count: 0,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0
  }
}

export function labelData(repo: RepoState, label: LabelRecord): LabelData {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${repoApi(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false
  }
}

export function issueData(repo: RepoState, issue: IssueRecord): IssueData {
  const api = `${repoApi(repo)}/issues/${issue.number}`
  const kind = issue.pull ? 'pull' : 'issues'
  const html = `${repoHtml(repo)}/${kind}/${issue.number}`
  const labels = issue.labels.flatMap((name) => {
    const label = repo.findLabel(name)
    return label ? [labelData(repo, label)] : []
  })
  const data: IssueData = {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
    url: api,
    repository_url: repoApi(repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userData(repo.world, issue.author),
    labels,
    assignee: null,
    assignees: [],
    milestone: null,
    locked: issue.locked,
    active_lock_reason: null,
    comments: issue.comments,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: issue.closedBy ? userData(repo.world, issue.closedBy) : null,
    author_association:
      issue.author.toLowerCase() === repo.owner.toLowerCase()
        ? 'OWNER'
        : 'NONE',
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    reactions: {
      url: `${api}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0
    }
  }
  if (issue.pull) {
    const pull = `${repoApi(repo)}/pulls/${issue.number}`
    data.draft = issue.pull.draft
    data.pull_request = {
      url: pull,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: null
    }
  }
  return data
}

/** A ref points at a commit or, for annotated tags, at a tag object. */
export function refData(
  repo: RepoState,
  ref: string,
  target: string
): GitRefData {
  const type = repo.objectType(target) ?? 'commit'
  return {
    ref,
    node_id: nodeId('Ref', `${repo.id}:${ref}`),
    url: `${repoApi(repo)}/git/${ref}`,
    object: {
      type,
      sha: target,
      url: `${repoApi(repo)}/git/${type}s/${target}`
    }
  }
}

export function tagData(repo: RepoState, tag: TagObjectRecord): GitTagData {
  return {
    node_id: nodeId('Tag', tag.sha),
    tag: tag.tag,
    sha: tag.sha,
    url: `${repoApi(repo)}/git/tags/${tag.sha}`,
    message: tag.message,
    tagger: { ...tag.tagger },
    object: {
      sha: tag.object.sha,
      type: tag.object.type,
      url: `${repoApi(repo)}/git/${tag.object.type}s/${tag.object.sha}`
    },
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null
    }
  }
}

export function commitData(repo: RepoState, commit: CommitRecord): CommitData {
  const api = repoApi(repo)
  const tree = commit.sha.split('').reverse().join('')
  const user = commit.login ? userData(repo.world, commit.login) : null
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    html_url: `${repoHtml(repo)}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: { ...commit.author },
      committer: { ...commit.author },
      message: commit.message,
      comment_count: 0,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null
      }
    },
    author: user,
    committer: user,
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${api}/commits/${parent}`,
      html_url: `${repoHtml(repo)}/commit/${parent}`
    })),
    stats: { additions: 0, deletions: 0, total: 0 },
    files: []
  }
}

export function deploymentData(
  repo: RepoState,
  deployment: DeploymentRecord
): DeploymentData {
  const api = `${repoApi(repo)}/deployments/${deployment.id}`
  return {
    url: api,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userData(repo.world, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${api}/statuses`,
    repository_url: repoApi(repo),
    transient_environment: deployment.transient,
    production_environment: deployment.production,
    performed_via_github_app: null
  }
}

export function deploymentStatusData(
  repo: RepoState,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord
): DeploymentStatusData {
  const api = `${repoApi(repo)}/deployments/${deployment.id}`
  return {
    url: `${api}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: userData(repo.world, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: api,
    repository_url: repoApi(repo),
    performed_via_github_app: null
  }
}

export function runData(repo: RepoState, run: RunRecord): WorkflowRunData {
  const api = `${repoApi(repo)}/actions/runs/${run.id}`
  const commit = repo.commits.get(run.headSha)
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${repoHtml(repo)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: userData(repo.world, run.actor),
    triggering_actor: userData(repo.world, run.actor),
    run_started_at: run.createdAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repoApi(repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${repoApi(repo)}/actions/workflows/${run.workflowId}`,
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.sha.split('').reverse().join(''),
          message: commit.message,
          timestamp: commit.author.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.author.name, email: commit.author.email }
        }
      : null,
    repository: minimalRepoData(repo),
    head_repository: minimalRepoData(repo),
    display_title: run.displayTitle
  }
}

export function jobData(repo: RepoState, job: JobRecord): JobData {
  const run = repo.run(job.runId)
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${repoApi(repo)}/actions/runs/${run.id}`,
    run_attempt: run.runAttempt,
    node_id: nodeId('Job', job.id),
    head_sha: run.headSha,
    url: `${repoApi(repo)}/actions/jobs/${job.id}`,
    html_url: `${repoHtml(repo)}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.startedAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: [],
    check_run_url: `${repoApi(repo)}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
    workflow_name: run.name,
    head_branch: run.headBranch
  }
}

/** The answer to a dispatch that asked for `return_run_details`. */
export function dispatchData(repo: RepoState, run: RunRecord): DispatchData {
  return {
    workflow_run_id: run.id,
    run_url: `${repoApi(repo)}/actions/runs/${run.id}`,
    html_url: `${repoHtml(repo)}/actions/runs/${run.id}`
  }
}

/** The legacy base permission GitHub derives from a role. */
const BASE_PERMISSION: Record<RepoRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none'
}

export function permissionData(
  repo: RepoState,
  login: string,
  role: RepoRole
): PermissionData {
  const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin']
  const level = rank.indexOf(role)
  return {
    permission: BASE_PERMISSION[role],
    role_name: role,
    user: {
      ...userData(repo.world, login),
      permissions: {
        pull: level >= 1,
        triage: level >= 2,
        push: level >= 3,
        maintain: level >= 4,
        admin: level >= 5
      },
      role_name: role
    }
  }
}
