// What the MCP tools run against: the repository's configuration, the
// platform (GitHub through the token the server found, or the local state),
// and the facts about "this run" that the safety gate checks. Every failure
// to reach them becomes one ToolError line that says how to fix it.

import { join, resolve } from 'node:path'
import { loadConfig, type Config } from '../config.js'
import type { RunInfo, StageContext } from '../context.js'
import { InputError, errorMessage } from '../errors.js'
import { parseInputs, type InputName, type Inputs } from '../inputs.js'
import { GitHubPlatform, PlatformError } from '../platform/github.js'
import { LocalPlatform } from '../platform/local.js'
import type { Platform } from '../platform/platform.js'
import { oneLine } from '../safe-text.js'
import { findToken, type FoundToken, type McpOptions } from './options.js'
import { McpReporter } from './log.js'

/** What a tool answers with isError: one line for the agent (and its person). */
export class ToolError extends Error {
  override name = 'ToolError'
}

/** The permissions a token needs for every tool, as a fine-grained token names them. */
export const TOKEN_NEEDS =
  'actions: write, contents: read, deployments: read, issues: read, metadata: read'

/**
 * GitHub as the dashboard's writer sees it. The server runs with a person's
 * (or an agent's) token, but the dashboard issue and the Deployments are
 * written by the workflow's token: Runbook reads only what that identity
 * wrote, exactly as the workflow itself does.
 */
export class GitHubView extends GitHubPlatform {
  constructor(
    options: ConstructorParameters<typeof GitHubPlatform>[0],
    private readonly writer: string
  ) {
    super(options)
  }

  override identity(): Promise<string> {
    return Promise.resolve(this.writer)
  }

  /** Who the token belongs to: the actor of what the server dispatches. */
  tokenLogin(): Promise<string> {
    return super.identity()
  }
}

export class Backend {
  private token: Promise<FoundToken | null> | undefined
  private view: GitHubView | undefined
  private local: LocalPlatform | undefined

  constructor(
    readonly options: McpOptions,
    private readonly env: NodeJS.ProcessEnv
  ) {}

  get mode(): 'github' | 'local' {
    return this.options.local ? 'local' : 'github'
  }

  reporter(): McpReporter {
    return new McpReporter(this.options.verbose)
  }

  /** The validated inputs of one call, with the server's own options. */
  inputs(given: Partial<Record<InputName, string>> = {}): Inputs {
    return parseInputs({
      config: this.options.config,
      services: this.options.services,
      'base-url': this.options.baseUrl,
      'report-path': join(this.options.stateDir, 'report.json'),
      ...given
    })
  }

  /** Read on every call: the file may change while the server runs. */
  async config(inputs: Inputs = this.inputs()): Promise<Config> {
    return loadConfig({
      path: resolve(this.options.cwd, inputs.config),
      baseUrl: inputs.baseUrl,
      servicesText: inputs.services
    })
  }

  async platform(): Promise<Platform> {
    if (this.options.local) {
      this.local ??= new LocalPlatform(
        resolve(this.options.cwd, this.options.stateDir),
        this.options.cwd
      )
      return this.local
    }
    return this.github()
  }

  /** GitHub, or a ToolError naming what is missing: the repository or the token. */
  async github(): Promise<GitHubView> {
    if (this.options.local)
      throw new ToolError(
        'this server runs in local mode (--local): there is no GitHub run to dispatch or watch; restart it without --local to use GitHub'
      )
    if (this.view) return this.view
    if (!this.options.repository)
      throw new ToolError(this.options.repositoryProblem)
    this.token ??= findToken(this.env, this.options.apiUrl)
    const found = await this.token
    if (!found) {
      // Asked again next time: the person may log in meanwhile.
      this.token = undefined
      throw new ToolError(
        `no GitHub token: set GITHUB_TOKEN or GH_TOKEN in the MCP server's environment (a fine-grained token for ${this.options.repository} with ${TOKEN_NEEDS}), or log in with \`gh auth login\`; or start the server with --local`
      )
    }
    this.view = new GitHubView(
      {
        token: found.token,
        repository: this.options.repository,
        baseUrl: this.options.apiUrl,
        // An agent waits on the answer: fail fast and say why.
        retries: 1,
        timeoutMs: 10_000,
        log: (message) =>
          process.stderr.write(`runbook mcp: ${oneLine(message)}\n`)
      },
      this.options.writer
    )
    return this.view
  }

  /**
   * The run the gate judges: a workflow_dispatch on the default branch by
   * the token's owner, exactly what the workflow's own gate will see.
   */
  async runInfo(): Promise<RunInfo> {
    if (this.options.local) {
      const user = this.env.USER ?? 'local'
      return {
        id: `mcp-${Date.now().toString(36)}`,
        url: '',
        eventName: 'local',
        actor: user,
        triggeringActor: user,
        ref: '',
        sha: '',
        repository: '',
        defaultBranch: '',
        workdir: this.options.cwd
      }
    }
    const view = await this.github()
    const [actor, branch] = await Promise.all([
      view.tokenLogin(),
      view.defaultBranch()
    ])
    return {
      id: 'mcp',
      url: '',
      eventName: 'workflow_dispatch',
      actor,
      triggeringActor: actor,
      ref: `refs/heads/${branch}`,
      sha: '',
      repository: this.options.repository,
      defaultBranch: branch
    }
  }

  context(inputs: Inputs, config: Config, run: RunInfo): StageContext {
    return {
      settings: { inputs, config, run },
      reporter: this.reporter(),
      now: () => new Date()
    }
  }

  /** A failure as the one line a tool answers with, fixes included. */
  explain(error: unknown): string {
    if (error instanceof ToolError || error instanceof InputError)
      return oneLine(error.message, 1000)
    if (error instanceof PlatformError) {
      const where = this.options.apiUrl
      const message = error.message
        .replace(
          /the workflow's token probably lacks "([^"]+)" permission \(add it under permissions:\)/,
          `the token probably lacks "$1" permission on ${this.options.repository} (this server needs ${TOKEN_NEEDS})`
        )
        .replace(
          /the token is invalid or expired/,
          'the token is invalid or expired: set a valid GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`'
        )
      // Octokit reports a failed connection as HTTP 500 with the socket's error.
      const unreachable =
        error.status === null ||
        /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|fetch failed|timed out/.test(
          message
        )
      return oneLine(
        unreachable
          ? `${message.replace(/HTTP 500 (?=(connect )?E[A-Z]+ |fetch failed)/, '')}; GitHub is unreachable at ${where} (check GITHUB_API_URL and the network)`
          : message,
        1000
      )
    }
    return oneLine(errorMessage(error), 1000)
  }
}
