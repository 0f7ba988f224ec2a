// What every stage receives: the validated settings, facts about this run,
// and where to report. Stages never read process.env or the inputs.

import type { Config } from './config.js'
import type { Inputs } from './inputs.js'
import type { Reporter } from './log.js'

export interface RunInfo {
  /** GITHUB_RUN_ID, or "local". */
  id: string
  /** Link to this run, or '' locally. */
  url: string
  eventName: string
  actor: string
  triggeringActor: string
  /** The full ref that triggered the run, e.g. refs/heads/main. */
  ref: string
  sha: string
  repository: string
  /** From the event payload when it has it, saving a request; else ''. */
  defaultBranch: string
  /** The checkout the commands run in; the process's own directory when absent. */
  workdir?: string
}

export interface Settings {
  inputs: Inputs
  config: Config
  run: RunInfo
}

export interface StageContext {
  settings: Settings
  reporter: Reporter
  now: () => Date
}
