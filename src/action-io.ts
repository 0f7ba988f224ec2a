// The runner's side of the action protocol: inputs from INPUT_* variables,
// workflow commands on stdout, outputs and the job summary in the files the
// runner names. It follows the same formats and escaping as @actions/core,
// which the tests check side by side; it exists because loading
// @actions/core (and the HTTP client it pulls in) triples the start-up time
// of a health check (see docs/benchmarks.md).

import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** An input as the runner passes it: INPUT_<NAME>, trimmed; '' when absent. */
export function getInput(
  name: string,
  env: NodeJS.ProcessEnv = process.env
): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Writes `::command key=value::message` on stdout. */
export function issueCommand(
  command: string,
  properties: Record<string, string | undefined>,
  message: string
): void {
  const props = Object.entries(properties)
    .filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[1] !== ''
    )
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  process.stdout.write(
    `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`
  )
}

/** Appends `name<<delimiter` … to a file command (GITHUB_OUTPUT and the like). */
function fileCommand(path: string, name: string, value: string): void {
  // Unique enough, and checked below: a value can never close it early.
  // (node:crypto is not loaded for this; it costs start-up time.)
  const delimiter = `ghadelimiter_${process.pid}_${process.hrtime.bigint()}_${Math.random().toString(36).slice(2)}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(
      `unexpected input: the value of ${name} contains the delimiter`
    )
  appendFileSync(
    path,
    `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`,
    'utf8'
  )
}

export function setOutput(
  name: string,
  value: string,
  env: NodeJS.ProcessEnv = process.env
): void {
  const file = env.GITHUB_OUTPUT
  if (file) return fileCommand(file, name, value)
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

export function setSecret(value: string): void {
  if (value) issueCommand('add-mask', {}, value)
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string,
  title?: string
): void {
  issueCommand(level, { title }, message)
}

export function startGroup(title: string): void {
  issueCommand('group', {}, title)
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/** Fails the step: an error annotation and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1
  annotate('error', message)
}

/** Appends markdown to the job summary, when the runner provides one. */
export function appendSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env
): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, `${markdown}${EOL}`, 'utf8')
  return true
}
