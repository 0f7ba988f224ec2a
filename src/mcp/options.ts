// `runbook mcp`'s command line and where it finds the repository, the API
// and the token. Finding them never fails the start: a missing piece is
// said by the first tool that needs it, so that a client still connects and
// the agent reads the fix.

import { execFile } from 'node:child_process'
import { parseArgs, promisify } from 'node:util'
import { InputError, errorMessage, quoteValue } from '../errors.js'

const run = promisify(execFile)

const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/

export interface McpOptions {
  /** Local mode: the LocalPlatform and the state directory, no GitHub. */
  local: boolean
  /** owner/name, or '' when it could not be found (see `repositoryProblem`). */
  repository: string
  repositoryProblem: string
  apiUrl: string
  stateDir: string
  config: string | undefined
  services: string | undefined
  baseUrl: string | undefined
  /**
   * The login that writes the dashboard and records the deployments: the
   * workflow's own token, unless the workflow runs Runbook with another.
   */
  writer: string
  verbose: boolean
  cwd: string
}

export const MCP_USAGE = `Usage: runbook mcp [options]

Serves the runbook to MCP clients over stdio (logs go to stderr).

Options:
  --repo OWNER/NAME   the repository (default: from \`git remote get-url origin\`)
  --local             use the local state (--state-dir) and git tags, not GitHub
  --state-dir DIR     local mode's state directory (default: .runbook)
  --config PATH       runbook config (default: .github/runbook.yml)
  --services YAML     YAML or JSON list of services, replacing the config's
  --base-url URL      scheme and host of the default services
  --writer LOGIN      who writes the dashboard (default: github-actions[bot])
  --verbose           debug lines on stderr

Environment: GITHUB_TOKEN or GH_TOKEN (else \`gh auth token\`), GITHUB_API_URL
(default https://api.github.com).
`

/** owner/name from a GitHub remote URL (https, ssh or scp-like), or null. */
export function repositoryFromRemote(url: string): string | null {
  const match =
    /^(?:https?:\/\/(?:[^@/]+@)?[^/]+\/|ssh:\/\/(?:[^@/]+@)?[^/]+\/|[^@:/]+@[^:]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(
      url.trim()
    )
  const found = match?.[1]
  return found && REPOSITORY.test(found) ? found : null
}

async function remoteRepository(cwd: string): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['remote', 'get-url', 'origin'], {
      cwd,
      timeout: 5000
    })
    return repositoryFromRemote(stdout)
  } catch {
    return null
  }
}

export async function parseMcpArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd()
): Promise<McpOptions | 'help'> {
  let values
  try {
    values = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        repo: { type: 'string' },
        local: { type: 'boolean' },
        'state-dir': { type: 'string' },
        config: { type: 'string' },
        services: { type: 'string' },
        'base-url': { type: 'string' },
        writer: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }).values
  } catch (error) {
    throw new InputError(errorMessage(error))
  }
  if (values.help) return 'help'
  if (values.repo !== undefined && !REPOSITORY.test(values.repo))
    throw new InputError(
      `option --repo: ${quoteValue(values.repo)} is not valid; allowed: owner/name`
    )
  const writer = values.writer ?? 'github-actions[bot]'
  if (!/^[A-Za-z0-9-]{1,39}(\[bot\])?$/.test(writer))
    throw new InputError(
      `option --writer: ${quoteValue(writer)} is not valid; allowed: a GitHub login`
    )
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(
    /\/+$/,
    ''
  )
  let repository = values.repo ?? ''
  let repositoryProblem = ''
  if (!values.local && !repository) {
    repository = (await remoteRepository(cwd)) ?? ''
    if (!repository)
      repositoryProblem =
        'the repository is unknown: `git remote get-url origin` names no GitHub repository here; start the server with --repo owner/name, in a checkout of the repository, or with --local'
  }
  return {
    local: values.local ?? false,
    repository,
    repositoryProblem,
    apiUrl,
    stateDir: values['state-dir'] ?? '.runbook',
    config: values.config,
    services: values.services,
    baseUrl: values['base-url'],
    writer,
    verbose: values.verbose ?? false,
    cwd
  }
}

/** The host `gh` logs in to for an API URL: github.com for api.github.com. */
export function ghHost(apiUrl: string): string {
  try {
    const host = new URL(apiUrl).host
    return host === 'api.github.com' ? 'github.com' : host
  } catch {
    return 'github.com'
  }
}

export interface FoundToken {
  token: string
  /** Where it came from, for messages; never the token itself. */
  source: 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh auth token'
}

/** GITHUB_TOKEN, GH_TOKEN, then `gh auth token` when gh is installed; null when none. */
export async function findToken(
  env: NodeJS.ProcessEnv,
  apiUrl: string
): Promise<FoundToken | null> {
  if (env.GITHUB_TOKEN?.trim())
    return { token: env.GITHUB_TOKEN.trim(), source: 'GITHUB_TOKEN' }
  if (env.GH_TOKEN?.trim())
    return { token: env.GH_TOKEN.trim(), source: 'GH_TOKEN' }
  try {
    const { stdout } = await run(
      'gh',
      ['auth', 'token', '--hostname', ghHost(apiUrl)],
      { timeout: 10_000, env: { ...env, GH_PROMPT_DISABLED: '1' } }
    )
    const token = stdout.trim()
    return /^[\x21-\x7e]{1,4096}$/.test(token)
      ? { token, source: 'gh auth token' }
      : null
  } catch {
    return null
  }
}
