// Runs the deploy and stop commands of the configuration with bash, through
// @actions/exec, in an allow-listed environment. Inputs reach a command only
// as RUNBOOK_* environment variables, never in its text; its output is
// streamed line by line through the reporter, so it cannot issue workflow
// commands, and it stays in the log: nothing else quotes it.

import * as exec from '@actions/exec'
import { isReservedEnvName } from './config.js'
import type { Reporter } from './log.js'
import { oneLine } from './safe-text.js'

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
  /** The bound the command ran under, in whole seconds. */
  timeoutSeconds: number
  durationMs: number
}

// What every command receives from the step's environment: the machine, the
// locale and the runner's context that carries no credential. A secret
// arrives only when the configuration names it in `deployment.pass-env`.
const BASE_NAMES: ReadonlySet<string> = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'CI',
  'GITHUB_ACTIONS',
  'GITHUB_WORKSPACE',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_ACTOR',
  'GITHUB_SERVER_URL',
  'GITHUB_EVENT_NAME',
  'GITHUB_JOB',
  'GITHUB_WORKFLOW',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  'RUNNER_NAME',
  // Where the setup-* actions put interpreters and their libraries: without
  // them a Python from the tool cache may not even start.
  'pythonLocation',
  'Python_ROOT_DIR',
  'Python2_ROOT_DIR',
  'Python3_ROOT_DIR',
  'VIRTUAL_ENV',
  'PKG_CONFIG_PATH',
  'LD_LIBRARY_PATH',
  'PNPM_HOME',
  'JAVA_HOME',
  'GOROOT',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_RUNTIME_DIR',
  // A self-hosted runner behind a proxy or a private CA reaches nothing
  // without these; they describe the machine's network, not our access.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  // Windows starts no process, npm.cmd included, without these.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'PROGRAMDATA'
])
const BASE_PREFIXES = ['LC_']

// What the CI stage's package managers read on top: registry, cache and
// registry-authentication settings that a workflow sets for exactly these
// tools (actions/setup-node's NODE_AUTH_TOKEN and NPM_CONFIG_USERCONFIG).
const TOOLCHAIN_NAMES: ReadonlySet<string> = new Set(['NODE_AUTH_TOKEN'])
const TOOLCHAIN_PREFIXES = [
  'npm_config_',
  'NPM_CONFIG_',
  'YARN_',
  'PIP_',
  'COREPACK_'
]

// Windows spells its variables in any case (Path, ComSpec).
const CASELESS = process.platform === 'win32'

function listed(
  name: string,
  names: ReadonlySet<string>,
  prefixes: readonly string[]
): boolean {
  if (!CASELESS)
    return names.has(name) || prefixes.some((p) => name.startsWith(p))
  const upper = name.toUpperCase()
  return (
    [...names].some((n) => n.toUpperCase() === upper) ||
    prefixes.some((p) => upper.startsWith(p.toUpperCase()))
  )
}

function pick(
  env: NodeJS.ProcessEnv,
  allowed: (name: string) => boolean
): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env))
    // Reserved names are refused in the configuration; checked again here
    // so that no list above can ever let one through.
    if (value !== undefined && !isReservedEnvName(name) && allowed(name))
      kept[name] = value
  return kept
}

/**
 * What a deploy or stop command inherits from the step's environment: the
 * allow-listed machine and runner context, and the variables named in
 * `deployment.pass-env`. Never the action's inputs, the runner's tokens or
 * its command files; the caller adds the RUNBOOK_* variables.
 */
export function commandEnvironment(
  env: NodeJS.ProcessEnv,
  passEnv: readonly string[]
): Record<string, string> {
  const passed = new Set(
    CASELESS ? passEnv.map((n) => n.toUpperCase()) : passEnv
  )
  return pick(
    env,
    (name) =>
      listed(name, BASE_NAMES, BASE_PREFIXES) ||
      passed.has(CASELESS ? name.toUpperCase() : name)
  )
}

/**
 * What the CI stage's install, build and test commands inherit: the same
 * base and the package managers' own settings, but not `deployment.pass-env`:
 * an install runs every dependency's scripts, which must never see deploy
 * credentials.
 */
export function ciEnvironment(
  env: NodeJS.ProcessEnv = process.env
): Record<string, string> {
  return pick(
    env,
    (name) =>
      listed(name, BASE_NAMES, BASE_PREFIXES) ||
      listed(name, TOOLCHAIN_NAMES, TOOLCHAIN_PREFIXES)
  )
}

export interface RunCommandOptions {
  service: string
  kind: 'deploy' | 'stop'
  script: string
  env: CommandEnv
  /** `deployment.pass-env`: the step's variables this command receives. */
  passEnv: readonly string[]
  timeoutMs: number
  cwd?: string
  reporter: Reporter
}

/** Runs one command with bash (-eo pipefail, no startup files), bounded by `timeoutMs`. */
export async function runCommand(
  options: RunCommandOptions
): Promise<CommandResult> {
  const { reporter, service, kind } = options
  const show = (line: string): void =>
    reporter.info(`  ${service} | ${oneLine(line, 500)}`)
  const started = Date.now()
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000))
  // coreutils `timeout` sends TERM, then KILL 10 s later if the command ignores it.
  const exitCode = await exec.exec(
    'timeout',
    [
      '--kill-after=10s',
      `${seconds}s`,
      'bash',
      // Without these bash may read ~/.bashrc (it does when its stdin is a
      // socket, as Node's pipes are), adding variables we did not choose.
      '--norc',
      '--noprofile',
      '-eo',
      'pipefail',
      '-c',
      options.script
    ],
    {
      cwd: options.cwd,
      env: {
        ...commandEnvironment(process.env, options.passEnv),
        ...options.env
      },
      ignoreReturnCode: true,
      silent: true,
      listeners: { stdline: show, errline: show }
    }
  )
  const result: CommandResult = {
    service,
    command: kind,
    ok: exitCode === 0,
    exitCode,
    timedOut: exitCode === 124 || exitCode === 137,
    timeoutSeconds: seconds,
    durationMs: Date.now() - started
  }
  if (result.ok)
    reporter.info(
      `${service}: ${kind} command succeeded in ${result.durationMs} ms`
    )
  // An annotation is shown outside the log, so it names the failure only;
  // the command's own lines are just above it in the log.
  else
    reporter.error(
      `${describeCommand(result)}; its output is in the log above`,
      `${service} ${kind} failed`
    )
  return result
}

/**
 * A command's result as a fixed phrase, for the places where the runner's
 * log masking does not apply (Deployment status descriptions, the job
 * summary): `api: deploy exit 3`, never the command's output.
 */
export function describeCommand(result: CommandResult): string {
  const outcome = result.ok
    ? 'ok'
    : result.timedOut
      ? `timed out after ${result.timeoutSeconds} s`
      : `exit ${result.exitCode}`
  return `${result.service}: ${result.command} ${outcome}`
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
  /** `deployment.pass-env`: the step's variables the commands receive. */
  passEnv: readonly string[]
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
        passEnv: options.passEnv,
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
