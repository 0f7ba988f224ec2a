// Starting the runbook workflow on GitHub and following the run it makes.
// A dispatch answers with no run id, so the run is found afterwards: a run
// of the workflow, from a workflow_dispatch by this token's owner, that was
// not there before the dispatch (looked for a bounded time).

import { WORKFLOW } from '../dashboard/situation.js'
import { describe } from '../platform/github.js'
import { sleep } from '../sleep.js'
import { oneLine } from '../safe-text.js'
import { TOKEN_NEEDS, ToolError, type GitHubView } from './backend.js'

export interface FoundRun {
  id: number
  url: string
  status: string
}

export interface Timing {
  /** How long to look for the run after the dispatch. */
  findMs: number
  pollMs: number
}

const statusOf = (error: unknown): number | null => {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : null
}

const messageOf = (error: unknown): string => {
  const message = (error as { response?: { data?: { message?: unknown } } })
    ?.response?.data?.message
  return typeof message === 'string'
    ? message
    : error instanceof Error
      ? error.message
      : String(error)
}

interface ListedRun extends FoundRun {
  actor: string
}

async function dispatchRuns(view: GitHubView): Promise<ListedRun[]> {
  try {
    const { data } = await view.octokit.rest.actions.listWorkflowRuns({
      owner: view.owner,
      repo: view.repo,
      workflow_id: WORKFLOW,
      event: 'workflow_dispatch',
      per_page: 30
    })
    return data.workflow_runs.map((r) => ({
      id: r.id,
      url: r.html_url,
      status: r.status ?? 'queued',
      actor: r.triggering_actor?.login ?? r.actor?.login ?? ''
    }))
  } catch (error) {
    if (statusOf(error) === 404)
      throw new ToolError(
        `the workflow ${WORKFLOW} was not found in ${view.owner}/${view.repo}: add it on the default branch (README: Add it to a repository), or give the token actions: read`
      )
    throw describe(`list the runs of ${WORKFLOW}`, 'actions: read', error)
  }
}

/**
 * Dispatches the workflow on `ref` with `inputs`, then finds the run it
 * made; null when the run did not show within `timing.findMs`.
 */
export async function dispatch(
  view: GitHubView,
  ref: string,
  inputs: Record<string, string>,
  timing: Timing
): Promise<FoundRun | null> {
  const before = new Set((await dispatchRuns(view)).map((r) => r.id))
  const login = (await view.tokenLogin()).toLowerCase()
  try {
    await view.octokit.rest.actions.createWorkflowDispatch({
      owner: view.owner,
      repo: view.repo,
      workflow_id: WORKFLOW,
      ref,
      inputs
    })
  } catch (error) {
    const status = statusOf(error)
    const message = oneLine(messageOf(error), 300)
    if (status === 403 && /rate limit/i.test(message))
      throw new ToolError(
        `GitHub rate-limited the token, nothing was dispatched: try again later (HTTP 403 ${message})`
      )
    if (status === 403 || status === 404)
      throw new ToolError(
        `the token cannot start ${WORKFLOW} in ${view.owner}/${view.repo} (HTTP ${status} ${message}): it needs actions: write (fine-grained token) or the repo and workflow scopes (classic token); this server needs ${TOKEN_NEEDS}`
      )
    if (status === 422)
      throw new ToolError(
        `GitHub refused the dispatch (HTTP 422 ${message}): the workflow on ${ref} must declare these inputs and list the target component among target_component's options`
      )
    throw describe(`dispatch ${WORKFLOW}`, 'actions: write', error)
  }
  const deadline = Date.now() + timing.findMs
  for (;;) {
    const fresh = (await dispatchRuns(view))
      .filter((r) => !before.has(r.id))
      // The workflow's own token has no login to compare; a person's has.
      .filter((r) => login.endsWith('[bot]') || r.actor.toLowerCase() === login)
    // Oldest first: another dispatch right after ours makes a newer run.
    const run = fresh.sort((a, b) => a.id - b.id)[0]
    if (run) return { id: run.id, url: run.url, status: run.status }
    if (Date.now() + timing.pollMs > deadline) return null
    await sleep(timing.pollMs)
  }
}

export interface Watched {
  url: string
  status: string
  conclusion: string | null
  ended: boolean
  jobs: { name: string; status: string; conclusion: string | null }[]
}

/** Follows a run until it completes or `timeoutMs` passes. */
export async function watch(
  view: GitHubView,
  runId: number,
  timeoutMs: number,
  pollMs: number,
  onPoll: (watched: Watched) => Promise<void> = async () => {}
): Promise<Watched> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const watched = await look(view, runId)
    if (watched.ended || Date.now() + pollMs > deadline) return watched
    await onPoll(watched)
    await sleep(pollMs)
  }
}

async function look(view: GitHubView, runId: number): Promise<Watched> {
  const params = { owner: view.owner, repo: view.repo, run_id: runId }
  try {
    const [{ data: run }, { data: jobs }] = await Promise.all([
      view.octokit.rest.actions.getWorkflowRun(params),
      view.octokit.rest.actions.listJobsForWorkflowRun({
        ...params,
        per_page: 100
      })
    ])
    return {
      url: run.html_url,
      status: run.status ?? 'unknown',
      conclusion: run.conclusion ?? null,
      ended: run.status === 'completed',
      jobs: jobs.jobs.map((j) => ({
        name: oneLine(j.name, 100),
        status: j.status,
        conclusion: j.conclusion ?? null
      }))
    }
  } catch (error) {
    if (statusOf(error) === 404)
      throw new ToolError(
        `argument \`run_id\`: ${runId} is not a run of ${view.owner}/${view.repo}; allowed: the run id run_action returned`
      )
    throw describe(`read run ${runId}`, 'actions: read', error)
  }
}
