// The built action as a runner runs it: dist/index.js in a child process,
// its inputs as INPUT_* variables, its outputs and job summary in files, the
// GitHub REST emulator behind GITHUB_API_URL, and stand-in services on one
// local HTTP server whose answer per path a test sets.

import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEFAULT_TOKEN,
  startEmulator,
  type Emulator
} from '../emulator/index.js'
import { parseOutputFile } from '../../scripts/output-file.js'

export const BUNDLE = join(process.cwd(), 'dist', 'index.js')

export interface BundleRun {
  /** GITHUB_RUN_ID of this step. */
  id: string
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** What the step wrote to GITHUB_STEP_SUMMARY ('' when nothing). */
  summary: string
}

export interface StepOptions {
  actor?: string
  /** More variables of the step's environment (a runner's own, say). */
  env?: Record<string, string>
}

export interface Harness {
  emulator: Emulator
  /** Holds the config, the outputs, summaries and reports; never a cwd. */
  dir: string
  /** The port of the stand-in services. */
  port: number
  /** Path → HTTP status the stand-in services answer (404 when unset). */
  health: Map<string, number>
  /** A stand-in service's URL. */
  url: (path: string) => string
  /** One step of the workflow; steps may run at the same time. */
  step: (
    inputs: Record<string, string>,
    options?: StepOptions
  ) => Promise<BundleRun>
  close: () => Promise<void>
}

/**
 * Starts the emulator and the stand-in services, and writes a config that
 * does not wait after deploys. Each step runs in an empty folder of its own:
 * `stage: all` runs CI in the working directory.
 */
export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator()
  emulator.setPermission('octocat', 'write')
  const dir = await mkdtemp(join(tmpdir(), 'runbook-bundle-'))
  const config = join(dir, 'runbook.yml')
  await writeFile(config, 'monitor:\n  grace-period-ms: 0\n')
  const health = new Map<string, number>()
  const server = http.createServer((request, response) => {
    const status = health.get(request.url ?? '') ?? 404
    const body = status === 200 ? '{"status":"ok"}' : '{"status":"down"}'
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    response.end(body)
  })
  server.keepAliveTimeout = 100
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const url = (path: string): string => `http://127.0.0.1:${port}${path}`
  let runs = 100

  const step = async (
    inputs: Record<string, string>,
    options: StepOptions = {}
  ): Promise<BundleRun> => {
    const id = String(++runs)
    const cwd = join(dir, `work-${id}`)
    await mkdir(cwd)
    const output = join(dir, `output-${id}`)
    const summary = join(dir, `summary-${id}`)
    await writeFile(output, '')
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_API_URL: emulator.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: emulator.fullName,
      GITHUB_RUN_ID: id,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_ACTOR: options.actor ?? 'octocat',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: emulator.headSha(),
      'INPUT_GITHUB-TOKEN': DEFAULT_TOKEN,
      INPUT_CONFIG: config,
      INPUT_SERVICES: JSON.stringify([
        { name: 'api', url: url('/api'), retries: 0, 'timeout-ms': 1000 },
        { name: 'web', url: url('/web'), retries: 0, 'timeout-ms': 1000 }
      ]),
      'INPUT_REPORT-PATH': join(dir, `report-${id}.json`),
      ...options.env
    }
    for (const [name, value] of Object.entries(inputs))
      env[`INPUT_${name.toUpperCase()}`] = value
    const { code, stdout, stderr } = await new Promise<{
      code: number | null
      stdout: string
      stderr: string
    }>((resolve, reject) => {
      const child = spawn(process.execPath, [BUNDLE], { cwd, env })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
      child.on('error', reject)
      child.on('close', (exit) =>
        resolve({ code: exit, stdout: out, stderr: err })
      )
    })
    return {
      id,
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(output, 'utf8')),
      summary: await readFile(summary, 'utf8').catch(() => '')
    }
  }

  return {
    emulator,
    dir,
    port,
    health,
    url,
    step,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await emulator.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export type JobOutcome = 'success' | 'failure' | 'cancelled' | 'skipped'

/**
 * One job's entry in `toJSON(needs)`: the step's outputs under the job's
 * snake_case output names, as the workflow maps them.
 */
export function job(
  run: BundleRun | null,
  result: JobOutcome = run === null
    ? 'skipped'
    : run.code === 0
      ? 'success'
      : 'failure'
): { result: JobOutcome; outputs: Record<string, string> } {
  return {
    result,
    outputs: Object.fromEntries(
      Object.entries(run?.outputs ?? {}).map(([name, value]) => [
        name.replace(/-/g, '_'),
        value
      ])
    )
  }
}
