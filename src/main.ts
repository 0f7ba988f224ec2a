// run(): inputs → settings → stage → outputs. The one try/catch of the action.

import { readFileSync } from 'node:fs'
import { loadConfig } from './config.js'
import type { RunInfo, Settings } from './context.js'
import { runStage } from './run-stages.js'
import { InputError, UserError, errorMessage } from './errors.js'
import { readActionInputs } from './inputs.js'
import type { Platform } from './platform/platform.js'
import { ActionsReporter } from './log.js'
import { debug, setFailed } from './action-io.js'
import { oneLine } from './safe-text.js'

export function runInfoFromEnv(env: NodeJS.ProcessEnv): RunInfo {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const repository = env.GITHUB_REPOSITORY ?? ''
  const id = env.GITHUB_RUN_ID ?? 'local'
  return {
    id,
    url:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${id}`
        : '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR ?? env.GITHUB_ACTOR ?? '',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository,
    defaultBranch: defaultBranchFromEvent(env.GITHUB_EVENT_PATH)
  }
}

/** The event payload names the default branch; reading it saves a request. */
function defaultBranchFromEvent(path: string | undefined): string {
  if (!path) return ''
  try {
    const payload = JSON.parse(readFileSync(path, 'utf8')) as {
      repository?: { default_branch?: unknown }
    }
    const branch = payload.repository?.default_branch
    return typeof branch === 'string' ? branch : ''
  } catch {
    return ''
  }
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

/** GitHub in Actions; the local platform when there is no repository to talk to. */
async function createPlatform(
  token: string,
  reporter: ActionsReporter
): Promise<Platform> {
  const repository = process.env.GITHUB_REPOSITORY
  if (!repository) {
    reporter.warning(
      'GITHUB_REPOSITORY is not set: the dashboard and the lock are kept locally in .runbook/'
    )
    const { LocalPlatform } = await import('./platform/local.js')
    return new LocalPlatform('.runbook')
  }
  // Loaded only by the stages that talk to GitHub.
  const { GitHubPlatform } = await import('./platform/github.js')
  return new GitHubPlatform({
    token,
    repository,
    baseUrl: process.env.GITHUB_API_URL || undefined,
    log: (message) => reporter.info(message)
  })
}

export async function run(): Promise<void> {
  const reporter = new ActionsReporter()
  try {
    const inputs = readActionInputs()
    for (const secret of [
      inputs.githubToken,
      inputs.slackWebhookUrl,
      inputs.discordWebhookUrl
    ])
      reporter.setSecret(secret)
    const config = await loadConfig({
      path: inputs.config,
      baseUrl: inputs.baseUrl,
      servicesText: inputs.services,
      onMissing: (path) =>
        inputs.config === '.github/runbook.yml'
          ? reporter.debug(`no ${path}: using the built-in defaults`)
          : reporter.warning(
              `config file ${path} does not exist: using the built-in defaults`
            )
    })
    const settings: Settings = {
      inputs,
      config,
      run: runInfoFromEnv(process.env)
    }
    reporter.debug(
      `settings: stage=${inputs.stage} action=${inputs.action || '(from event)'} services=${config.services.map((s) => s.name).join(',')} dry-run=${inputs.dryRun}`
    )
    const result = await runStage(
      inputs.stage,
      { settings, reporter, now: () => new Date() },
      { platform: lazy(() => createPlatform(inputs.githubToken, reporter)) }
    )
    for (const [name, value] of Object.entries(result.outputs))
      reporter.setOutput(name, value)
    if (result.failure) setFailed(oneLine(result.failure, 2000))
  } catch (error) {
    // A bug keeps its stack in the debug log; the failure itself is one line.
    if (!(error instanceof UserError) && error instanceof Error && error.stack)
      debug(error.stack)
    // A configuration with several problems lists one per line: one
    // annotation each, so that all of them can be fixed in one go.
    const lines =
      error instanceof InputError
        ? error.message.split('\n')
        : [errorMessage(error)]
    for (const line of lines) setFailed(oneLine(line, 2000))
  } finally {
    try {
      reporter.flush()
    } catch (error) {
      reporter.warning(
        `could not write the job summary: ${errorMessage(error)}`
      )
    }
  }
}
