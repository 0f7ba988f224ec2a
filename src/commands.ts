// Runs the deploy and stop commands of the configuration with bash, through
// @actions/exec. Inputs reach a command only as RUNBOOK_* environment
// variables, never in its text; its output is streamed line by line through
// the reporter, so it cannot issue workflow commands.

import * as exec from '@actions/exec'
import type { Reporter } from './reporter.js'
import { oneLine } from './text.js'

export interface CommandEnv {
  RUNBOOK_ACTION: 'deploy' | 'update-component' | 'rollback' | 'emergency-stop'
  RUNBOOK_SERVICE: string
  RUNBOOK_REF: string
  RUNBOOK_VERSION: string
  RUNBOOK_REASON: string
}

export interface CommandResult {
  service: string
  command: 'deploy' | 'stop'
  ok: boolean
  exitCode: number | null
  timedOut: boolean
  durationMs: number
  /** The last lines of output, for the summary and the dashboard. */
  tail: string[]
}

const TAIL_LINES = 10

/** Runner variables that carry credentials of the action itself. */
const WITHHELD = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL'
])

/**
 * What a command inherits: the step's environment (PATH, HOME, the secrets a
 * workflow gives the step in `env:`), without the action's inputs (the
 * token, the webhook URLs, the raw dispatch values) or the runner's own
 * tokens. Inputs reach a command only as the RUNBOOK_* variables.
 */
export function commandEnvironment(
  env: NodeJS.ProcessEnv
): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env))
    if (
      value !== undefined &&
      !name.startsWith('INPUT_') &&
      !WITHHELD.has(name)
    )
      kept[name] = value
  return kept
}

export interface RunCommandOptions {
  service: string
  kind: 'deploy' | 'stop'
  script: string
  env: CommandEnv
  timeoutMs: number
  cwd?: string
  reporter: Reporter
}

/** Runs one command with bash (-eo pipefail), bounded by `timeoutMs`. */
export async function runCommand(
  options: RunCommandOptions
): Promise<CommandResult> {
  const { reporter, service, kind } = options
  const tail: string[] = []
  const keep = (line: string): void => {
    const safe = oneLine(line, 500)
    reporter.info(`  ${service} | ${safe}`)
    tail.push(safe)
    if (tail.length > TAIL_LINES) tail.shift()
  }
  const started = Date.now()
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000))
  // coreutils `timeout` sends TERM, then KILL 10 s later if the command ignores it.
  const exitCode = await exec.exec(
    'timeout',
    [
      '--kill-after=10s',
      `${seconds}s`,
      'bash',
      '-eo',
      'pipefail',
      '-c',
      options.script
    ],
    {
      cwd: options.cwd,
      env: { ...commandEnvironment(process.env), ...options.env },
      ignoreReturnCode: true,
      silent: true,
      listeners: { stdline: keep, errline: keep }
    }
  )
  const timedOut = exitCode === 124 || exitCode === 137
  const result: CommandResult = {
    service,
    command: kind,
    ok: exitCode === 0,
    exitCode,
    timedOut,
    durationMs: Date.now() - started,
    tail
  }
  if (result.ok)
    reporter.info(
      `${service}: ${kind} command succeeded in ${result.durationMs} ms`
    )
  else
    reporter.error(
      `${service}: ${kind} command ${timedOut ? `timed out after ${seconds} s` : `failed with exit code ${exitCode}`}${tail.length ? `: ${tail[tail.length - 1]}` : ''}`,
      `${service} ${kind} failed`
    )
  return result
}

/** One line on a command's result; a failure ends with its last lines of output. */
export function describeCommand(result: CommandResult, lines = 3): string {
  if (result.ok) return `${result.service}: ${result.command} ok`
  const tail = result.tail.slice(-lines).join(' / ')
  return `${result.service}: ${result.command} ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}${tail ? ` (${tail})` : ''}`
}

/**
 * Runs the deploy command of each service, one after another in the
 * configured order (a later service may depend on an earlier one), in one
 * log group; stops at the first failure.
 */
export async function runDeployCommands(options: {
  services: { name: string; deploy?: string }[]
  action: 'deploy' | 'update-component' | 'rollback'
  ref: string
  version: string
  reason: string
  timeoutMs: number
  title: string
  reporter: Reporter
  /** Where the commands run: a rollback's worktree of the target. */
  cwd?: string
}): Promise<CommandResult[]> {
  const { reporter } = options
  const results: CommandResult[] = []
  await reporter.group(options.title, async () => {
    for (const service of options.services) {
      if (!service.deploy) {
        reporter.info(`${service.name}: no deploy command configured`)
        continue
      }
      const result = await runCommand({
        service: service.name,
        kind: 'deploy',
        script: service.deploy,
        timeoutMs: options.timeoutMs,
        reporter,
        cwd: options.cwd,
        env: {
          RUNBOOK_ACTION: options.action,
          RUNBOOK_SERVICE: service.name,
          RUNBOOK_REF: options.ref,
          RUNBOOK_VERSION: options.version,
          RUNBOOK_REASON: options.reason
        }
      })
      results.push(result)
      if (!result.ok) break
    }
  })
  return results
}
