// The `runbook` command-line tool: the same engine as the action, on the
// local platform. Exit 0: healthy or success; 1: critical, failed or
// refused; 2: bad usage or input.

import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { configJsonSchema, loadConfig } from './config.js'
import { decodeOutputs } from './contract.js'
import { runStage } from './run-stages.js'
import { closest } from './closest.js'
import { InputError, UserError, errorMessage, quoteValue } from './errors.js'
import { parseInputs, type InputName } from './inputs.js'
import { parseState } from './dashboard/state.js'
import { LocalPlatform } from './platform/local.js'
import { TerminalReporter, reportText } from './log-terminal.js'
import { oneLine } from './safe-text.js'

export const COMMANDS = [
  'healthcheck',
  'deploy',
  'rollback',
  'emergency-stop',
  'update-component',
  'resume',
  'status',
  'schema',
  'mcp'
] as const

const USAGE = `Usage: runbook <command> [options]

Commands:
  healthcheck        probe every service and write the report
  deploy             deploy every service (or --target-component)
  update-component   deploy one service (--target-component NAME)
  rollback           roll back to --rollback-version or the last good deployment
  emergency-stop     take the halt lock and stop every service
  resume             release the halt lock
  status             print the dashboard (--json: its state)
  schema             print the JSON Schema of .github/runbook.yml
  mcp                serve the runbook to AI agents over MCP (stdio; runbook mcp --help)

Options:
  --target-component NAME   all, or one service name (default: all)
  --rollback-version TAG    deployment-YYYYMMDD-HHMMSS
  --reason TEXT             recorded with a stop, rollback or resume; made one
                            line of visible text, cut to 500 characters
  --config PATH             runbook config (default: .github/runbook.yml)
  --services YAML           YAML or JSON list of services, replacing the config's
  --base-url URL            scheme and host of the default services (default: http://localhost)
  --state-dir DIR           where the report, state and dashboard live (default: .runbook)
  --dry-run                 plan only: nothing is written, created, sent or run
  --json                    print the result as JSON on stdout
  --verbose                 print debug lines
  -h, --help                this help
`

/** One line on what a command did, from the outputs the action would set. */
export function outcomeLine(
  command: string,
  outputs: Record<string, string>
): string {
  const gate = decodeOutputs('gate', outputs)
  const deployed = decodeOutputs('deploy', outputs)
  const rolled = decodeOutputs('rollback', outputs)
  if (gate.approved === false)
    return `${command}: refused (${gate.reason ?? ''})`
  const rollbackStatus = rolled['rollback-status'] ?? 'skipped'
  // The flat outputs carry the rollback's version after the gate's.
  const version = rolled['rollback-version']
  switch (command) {
    case 'deploy':
    case 'update-component':
      return (
        `${command}: ${deployed['deployment-status'] ?? 'skipped'}` +
        (deployed['deployment-tag']
          ? `, tagged ${deployed['deployment-tag']}`
          : '') +
        (rollbackStatus !== 'skipped'
          ? version
            ? `; rollback to ${version} ${rollbackStatus}`
            : `; rollback ${rollbackStatus}: ${rolled['rollback-failure'] === 'no-target' ? 'no verified deployment to roll back to' : 'no target'}`
          : '')
      )
    case 'rollback':
      return `rollback: ${rollbackStatus}${version ? ` (${version})` : ''}`
    case 'emergency-stop':
    case 'resume':
      return `${command}: ${deployed.halted === true ? 'halted (deploys are refused until resume)' : 'not halted'}`
    default:
      return ''
  }
}

/** `runbook status`: the dashboard for people, or its state for agents. */
async function printStatus(
  platform: LocalPlatform,
  json: boolean | undefined
): Promise<number> {
  const { issue } = await platform.findDashboard()
  if (!issue) {
    console.error(
      'runbook: no dashboard yet; run `runbook healthcheck` to create it'
    )
    return 1
  }
  if (!json) {
    console.log(issue.body)
    return 0
  }
  const { state, problems } = parseState(issue.body, new Date().toISOString())
  for (const problem of problems) console.error(`warning: ${problem}`)
  console.log(JSON.stringify(state, null, 2))
  return 0
}

const OPTIONS = {
  'target-component': { type: 'string' },
  'rollback-version': { type: 'string' },
  reason: { type: 'string' },
  config: { type: 'string' },
  services: { type: 'string' },
  'base-url': { type: 'string' },
  'state-dir': { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** What each option's value is called in the usage. */
const VALUE_NAMES: Record<string, string> = {
  'target-component': 'NAME',
  'rollback-version': 'TAG',
  reason: 'TEXT',
  config: 'PATH',
  services: 'YAML',
  'base-url': 'URL',
  'state-dir': 'DIR'
}

const SEE_HELP = 'see runbook --help'

/** An option as typed, safe to print: "--foo", or quoted when odd. */
function shownOption(raw: string): string {
  return /^-{1,2}[\w-]{1,60}$/.test(raw) ? raw : quoteValue(raw, 60)
}

/**
 * The first thing wrong with the command line, in the tool's own words, or
 * undefined. Node's own messages talk about positionals and option
 * arguments; a person typing a command wants to know which word is wrong.
 */
export function usageProblem(argv: string[]): string | undefined {
  const { tokens, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true
  })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = (OPTIONS as Record<string, { type: string }>)[token.name]
    if (!option) {
      const guess = token.rawName.startsWith('--')
        ? closest(token.name, Object.keys(OPTIONS))
        : undefined
      return (
        `unknown option ${shownOption(token.rawName)}` +
        (guess ? ` (did you mean --${guess}?)` : '') +
        `; ${SEE_HELP}`
      )
    }
    const usage = `--${token.name} ${VALUE_NAMES[token.name] ?? 'VALUE'}`
    if (option.type === 'boolean' && token.value !== undefined)
      return `option --${token.name} takes no value (got ${quoteValue(token.value)}); ${SEE_HELP}`
    if (option.type === 'string' && token.value === undefined)
      return `option --${token.name} needs a value: ${usage}; ${SEE_HELP}`
    // parseArgs takes the next word as the value even when it is an option.
    if (
      option.type === 'string' &&
      !token.inlineValue &&
      token.value?.startsWith('-')
    )
      return `option --${token.name} needs a value, not the option ${shownOption(token.value.split('=')[0] ?? '')}: ${usage}, or --${token.name}=VALUE for a value starting with "-"; ${SEE_HELP}`
  }
  if (positionals.length > 1)
    return `one command expected, got ${positionals.length}: ${positionals.map((p) => quoteValue(p, 40)).join(' ')}; ${SEE_HELP}`
  const command = positionals[0]
  if (command !== undefined && !COMMANDS.includes(command as never)) {
    const guess = closest(command, COMMANDS)
    return (
      `unknown command ${quoteValue(command, 40)}` +
      (guess ? ` (did you mean ${guess}?)` : '') +
      `; allowed: ${COMMANDS.join(', ')}; ${SEE_HELP}`
    )
  }
  return undefined
}

/** Prints an InputError's problems, one per line, each naming the tool. */
function printProblems(message: string): void {
  for (const line of message.split('\n')) console.error(`runbook: ${line}`)
}

export async function main(argv: string[]): Promise<number> {
  // The MCP server has options of its own; loaded only when asked for.
  if (argv[0] === 'mcp')
    return (await import('./mcp/server.js')).runMcp(argv.slice(1))
  const problem = usageProblem(argv)
  if (problem) {
    console.error(`runbook: ${problem}`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS
    })
  } catch (error) {
    // usageProblem has found whatever this could throw for; kept as a guard.
    console.error(`runbook: ${oneLine(errorMessage(error), 300)}; ${SEE_HELP}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const command = positionals[0]
  if (command === undefined) {
    console.error(`runbook: a command is required\n\n${USAGE}`)
    return 2
  }
  if (command === 'schema') {
    console.log(JSON.stringify(configJsonSchema(), null, 2))
    return 0
  }
  // With --json the progress still goes to stderr: stdout holds only JSON.
  const reporter = new TerminalReporter({ verbose: values.verbose })
  try {
    const stateDir = values['state-dir'] ?? '.runbook'
    const platform = new LocalPlatform(stateDir)
    if (command === 'status') return await printStatus(platform, values.json)
    const given: Partial<Record<InputName, string>> = {
      stage: 'all',
      action: command === 'status' ? '' : command,
      'target-component': values['target-component'],
      'rollback-version': values['rollback-version'],
      reason: values.reason,
      config: values.config,
      services: values.services,
      'base-url': values['base-url'],
      'report-path': join(stateDir, 'report.json'),
      'dry-run': values['dry-run'] ? 'true' : 'false'
    }
    const inputs = parseInputs(given)
    const config = await loadConfig({
      path: inputs.config,
      baseUrl: inputs.baseUrl,
      servicesText: inputs.services,
      onMissing: (path) =>
        values.config !== undefined &&
        reporter.warning(
          `config file ${path} does not exist: using the built-in defaults`
        )
    })
    const result = await runStage(
      inputs.stage,
      {
        settings: {
          inputs,
          config,
          run: {
            // Unique per run, so that each run's events are kept apart.
            id: `local-${Date.now().toString(36)}`,
            url: '',
            eventName: 'local',
            actor: process.env.USER ?? 'local',
            triggeringActor: process.env.USER ?? 'local',
            ref: '',
            sha: '',
            repository: '',
            defaultBranch: ''
          }
        },
        reporter,
        now: () => new Date()
      },
      { platform: async () => platform }
    )
    if (values.json && command !== 'healthcheck')
      // For agents: what the action's outputs would be, and why it failed.
      console.log(
        JSON.stringify(
          { command, failure: result.failure, outputs: result.outputs },
          null,
          2
        )
      )
    else if (result.monitor && values.json)
      console.log(JSON.stringify(result.monitor.report, null, 2))
    else if (result.monitor) {
      const report = result.monitor.report
      console.log(`\n${reportText(report)}\n`)
      const degraded = Object.entries(report.services)
        .filter(([, s]) => s.status === 'degraded')
        .map(([name]) => name)
      console.log(
        `Overall: ${report.overall_status}` +
          (degraded.length ? ` (degraded: ${degraded.join(', ')})` : '') +
          (result.monitor.reportPath
            ? `. Report: ${result.monitor.reportPath}`
            : '. Dry run: no report written.')
      )
    }
    if (!values.json) {
      const line = outcomeLine(command ?? '', result.outputs)
      if (line) console.log(line)
    }
    if (result.failure) console.error(`runbook: ${result.failure}`)
    return result.failure ? 1 : 0
  } catch (error) {
    if (error instanceof InputError) {
      printProblems(error.message)
      return 2
    }
    console.error(`runbook: ${errorMessage(error)}`)
    if (
      values.verbose &&
      error instanceof Error &&
      !(error instanceof UserError)
    )
      console.error(error.stack)
    return 1
  }
}
