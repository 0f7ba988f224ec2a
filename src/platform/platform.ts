// The Platform interface: everything the stages need from the outside world
// besides HTTP probes and commands. GitHubPlatform and LocalPlatform
// implement it, so one engine runs in Actions and on a laptop.

import type { Halt } from './halt.js'

export { HALT_TAG, parseHaltMessage, type Halt } from './halt.js'

export interface DashboardIssue {
  number: number
  url: string
  body: string
}

export interface FoundDashboard {
  issue: DashboardIssue | null
  foreign: boolean
  /**
   * Why issue `preferred` was not used although it exists (someone else's
   * issue, a pull request, no marker or label), or ''.
   */
  why?: string
}

/**
 * One deployment as recorded where only a writer of the repository can
 * record it (a GitHub Deployment and its statuses, or the local log): the
 * facts the dashboard's cache is checked against.
 */
export interface DeploymentFact {
  id: number
  /** The deployment tag it deployed or rolled back to; '' when unknown. */
  tag: string
  sha: string
  time: string
  actor: string
  kind: 'deploy' | 'update-component' | 'rollback'
  components: string[]
  /** true: a check passed after it; false: it failed; null: in progress. */
  verified: boolean | null
  /** Where it failed: its commands, its verification, or not at all. */
  failedIn: 'commands' | 'verification' | null
  /** The services its verification found it broke. */
  blamed: string[]
  /** An emergency stop stopped what it deployed. */
  stopped: boolean
}

export type Permission =
  'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface Platform {
  readonly kind: 'github' | 'local'
  /**
   * The wait between a dashboard write and its read-back. Another run that
   * read the body before our write and writes soon after lands within it,
   * so the read-back sees it.
   */
  readonly settleMs: number
  /**
   * The dashboard: issue `preferred` when it is ours (created by this
   * platform's identity, labelled, with the marker), else our own oldest
   * labelled one, else null. `foreign` says `preferred` exists but is not ours.
   */
  findDashboard(preferred: number): Promise<FoundDashboard>
  /** The login this platform writes as: the author of the issues it creates. */
  identity(): Promise<string>
  /**
   * Runbook's deployments to `environment`, newest first, at most `limit`,
   * each with its verification read from its statuses.
   */
  listDeployments(environment: string, limit: number): Promise<DeploymentFact[]>
  /** Reads the dashboard again, just before a write. */
  readDashboard(number: number): Promise<DashboardIssue>
  createDashboard(title: string, body: string): Promise<DashboardIssue>
  updateDashboard(number: number, body: string): Promise<void>
  /**
   * Retires a dashboard created at the same moment as an older one: replaces
   * its title and body (without the marker, so it is never read as a
   * dashboard again), drops the label and closes it.
   */
  closeDashboard(
    number: number,
    replacement: { title: string; body: string }
  ): Promise<void>
  /** The emergency-stop lock, or null when not halted. */
  readHalt(): Promise<Halt | null>
  /** Takes the lock atomically: false when someone already holds it. */
  takeHalt(halt: Halt, sha: string): Promise<boolean>
  /** Releases the lock: false when it was not held. */
  releaseHalt(): Promise<boolean>
  /** The commit a tag points at, or null when the tag does not exist. */
  tagCommit(tag: string): Promise<string | null>
  /** Deployment tags (deployment-YYYYMMDD-HHMMSS), any order. */
  listDeploymentTags(): Promise<{ tag: string; sha: string }[]>
  /** Creates a lightweight tag: false when it already exists. */
  createTag(tag: string, sha: string): Promise<boolean>
  permission(user: string): Promise<Permission>
  defaultBranch(): Promise<string>
  /** The full SHA of a commit, branch or tag. */
  resolveCommit(ref: string): Promise<string>
  /** Records a deployment of `sha`; returns its id. */
  createDeployment(deployment: NewDeployment): Promise<number>
  setDeploymentStatus(
    id: number,
    state: DeploymentState,
    details: { logUrl: string; description: string }
  ): Promise<void>
  /** Cancels the other queued or running runs of this run's workflow; returns how many. */
  cancelOtherRuns(runId: string): Promise<number>
}

export type DeploymentState =
  'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/**
 * Status descriptions are read back as facts, so each starts with one of
 * these fixed phrases; command output never goes there.
 */
export const STATUS_PHRASE = {
  running: 'running',
  verified: 'verified',
  commandsFailed: 'commands failed',
  verificationFailed: 'verification failed',
  unverified: 'not verified',
  refused: 'refused',
  stopped: 'stopped by an emergency stop'
} as const

export interface NewDeployment {
  sha: string
  environment: string
  description: string
  /** What the facts are read back from: kept in the payload. */
  payload: DeploymentPayload
}

export interface DeploymentPayload {
  runbook: '1'
  action: 'deploy' | 'update-component' | 'rollback'
  tag: string
  components: string
  actor: string
  time: string
  run_id: string
}

export const DASHBOARD_LABEL = 'runbook-dashboard'
export { DASHBOARD_MARKER } from '../contract.js'
