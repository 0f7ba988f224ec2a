// A small operations harness: stand-in services whose /health answer is
// driven by a state file, deploy and stop commands that write that file from
// $RUNBOOK_REF and leave evidence of what ran with which environment, stage
// contexts built the way the action builds them, and real git repositories.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile
} from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunInfo, StageContext } from '../../src/context.js'
import {
  emptyState,
  parseState,
  serializeState,
  type DashboardState
} from '../../src/dashboard/state.js'
import type { EngineDeps } from '../../src/run-stages.js'
import type { InputName } from '../../src/inputs.js'
import type { GitHubPlatform } from '../../src/platform/github.js'
import {
  DASHBOARD_LABEL,
  DASHBOARD_MARKER,
  type Platform
} from '../../src/platform/platform.js'
import {
  DEFAULT_LOGIN,
  DEFAULT_TOKEN,
  type Emulator
} from '../emulator/index.js'
import {
  githubPlatform as emulatorPlatform,
  recordDeployments
} from './github.js'
import { RecordingReporter } from './log.js'
import { tempRepo, type TempRepo } from './git.js'
import { stageContext } from './context.js'

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `runbook-${prefix}-`))
}

/** A single-quoted shell word; temp paths never contain a quote. */
function quote(text: string): string {
  if (text.includes("'")) throw new Error(`cannot quote ${text}`)
  return `'${text}'`
}

export interface StandIn {
  name: string
  url: string
  port: number
  requests: () => number
  close: () => Promise<void>
}

/** What one deploy or stop command saw when it ran. */
export interface Evidence {
  kind: 'deploy' | 'stop'
  service: string
  /** Its whole environment. */
  env: Record<string, string>
  /** Only its RUNBOOK_* variables. */
  runbook: Record<string, string>
}

export interface Ops {
  /** Holds the state files, the mode files and the evidence. */
  dir: string
  services: StandIn[]
  /** The deploy command of the services. */
  deployCommand: string
  /** The stop command of the services. */
  stopCommand: string
  /**
   * The config entries of the services: short timeouts, no retries, the
   * deployed SHA expected in the body, and the deploy and stop commands.
   */
  serviceConfig: (extra?: Record<string, unknown>) => ServiceEntry[]
  /** Makes the next deploys write `mode` (for `ref` only, when given). */
  setMode: (mode: 'ok' | 'broken' | 'fail', ref?: string) => Promise<void>
  /** Sets what a service answers, as if it had been deployed earlier. */
  setService: (
    name: string,
    mode: 'ok' | 'broken',
    ref: string
  ) => Promise<void>
  /** The state file of a service: "ok <sha>", "broken <sha>", or null. */
  serviceState: (name: string) => Promise<string | null>
  /** Every command run so far, oldest first. */
  evidence: () => Promise<Evidence[]>
  close: () => Promise<void>
}

export interface ServiceEntry {
  name: string
  url: string
  [key: string]: unknown
}

/** Starts one stand-in service per name, each answering from its state file. */
export async function startOps(names: string[]): Promise<Ops> {
  const dir = await tempDir('ops')
  const evidenceDir = join(dir, 'evidence')
  await mkdir(evidenceDir)
  const services = await Promise.all(
    names.map((name) => standIn(name, join(dir, name)))
  )
  const S = `S=${quote(dir)}`
  const deployCommand = [
    S,
    'mode=$(cat "$S/mode-$RUNBOOK_REF" 2>/dev/null || cat "$S/mode" 2>/dev/null || echo ok)',
    'env -0 > "$S/evidence/$(date +%s%N)-deploy-$$"',
    'if [ "$mode" = fail ]; then',
    '  echo "pulling the image of $RUNBOOK_SERVICE"',
    '  echo "error: registry unreachable" >&2',
    '  exit 3',
    'fi',
    'printf "%s %s" "$mode" "$RUNBOOK_REF" > "$S/$RUNBOOK_SERVICE"'
  ].join('\n')
  const stopCommand = [
    S,
    'env -0 > "$S/evidence/$(date +%s%N)-stop-$$"',
    'rm -f "$S/$RUNBOOK_SERVICE"'
  ].join('\n')
  return {
    dir,
    services,
    deployCommand,
    stopCommand,
    serviceConfig: (extra = {}) =>
      services.map((s) => ({
        name: s.name,
        url: s.url,
        'timeout-ms': 500,
        retries: 0,
        expect: { version: true },
        deploy: deployCommand,
        stop: stopCommand,
        ...extra
      })),
    setMode: async (mode, ref) => {
      await writeFile(join(dir, ref ? `mode-${ref}` : 'mode'), mode)
    },
    setService: async (name, mode, ref) => {
      await writeFile(join(dir, name), `${mode} ${ref}`)
    },
    serviceState: (name) => readFile(join(dir, name), 'utf8').catch(() => null),
    evidence: async () => {
      const files = (await readdir(evidenceDir)).sort()
      return Promise.all(
        files.map(async (file) => {
          const kind = file.split('-')[1] ?? ''
          const env: Record<string, string> = {}
          const text = await readFile(join(evidenceDir, file), 'utf8')
          for (const entry of text.split('\0').filter(Boolean)) {
            const at = entry.indexOf('=')
            env[entry.slice(0, at)] = entry.slice(at + 1)
          }
          const runbook = Object.fromEntries(
            Object.entries(env).filter(([key]) => key.startsWith('RUNBOOK_'))
          )
          return {
            kind: kind as Evidence['kind'],
            service: env.RUNBOOK_SERVICE ?? '',
            env,
            runbook
          }
        })
      )
    },
    close: async () => {
      await Promise.all(services.map((s) => s.close()))
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** GET /health: 200 {status, version} when the state file says ok, else 503. */
async function standIn(name: string, stateFile: string): Promise<StandIn> {
  let count = 0
  const server = http.createServer((_req, res) => {
    count += 1
    let text = ''
    try {
      text = readFileSync(stateFile, 'utf8')
    } catch {
      text = 'stopped'
    }
    const [mode = 'stopped', version = null] = text.split(' ')
    const body = JSON.stringify({ status: mode, version })
    res.writeHead(mode === 'ok' ? 200 : 503, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  })
  server.keepAliveTimeout = 100
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as AddressInfo
  return {
    name,
    url: `http://127.0.0.1:${port}/health`,
    port,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export const REPOSITORY = 'octo-org/app'

export interface ContextOptions {
  /** The runbook config, as the file would hold it. */
  config: Record<string, unknown>
  inputs?: Partial<Record<InputName, string>>
  run?: Partial<RunInfo>
  now?: () => Date
  /** Where the monitoring report goes. */
  reportPath: string
}

/**
 * The operations tests' stage context: stage all, the emulator's token and
 * repository, a report path, and the real clock unless given.
 */
export function opsContext(options: ContextOptions): {
  ctx: StageContext
  reporter: RecordingReporter
} {
  return stageContext({
    inputs: {
      stage: 'all',
      'github-token': DEFAULT_TOKEN,
      'report-path': options.reportPath,
      ...options.inputs
    },
    config: options.config,
    run: {
      id: '100',
      url: `https://github.com/${REPOSITORY}/actions/runs/100`,
      repository: REPOSITORY,
      defaultBranch: 'main',
      ...options.run
    },
    now: options.now ?? (() => new Date())
  })
}

/** A clock that moves `stepMs` forward on every reading. */
export function tickingClock(start: Date, stepMs = 1000): () => Date {
  let readings = 0
  return () => new Date(start.getTime() + stepMs * readings++)
}

/** The emulator's platform as the operations tests use it: no retries. */
export function githubPlatform(emulator: Emulator): GitHubPlatform {
  return emulatorPlatform(emulator, { retries: 0, timeoutMs: 5000 })
}

export function depsOf(platform: Platform): EngineDeps {
  return { platform: async () => platform }
}

/** A dashboard body holding `state` over an empty one. */
export function dashboardBody(
  state: Partial<DashboardState>,
  now = '2025-12-01T00:00:00.000Z'
): string {
  return `${DASHBOARD_MARKER}\n\n${serializeState({ ...emptyState(now), ...state })}`
}

/**
 * Seeds the dashboard issue (#1 in a fresh emulator), as the workflow's
 * token wrote it, and records its deployments as Runbook records them.
 */
export function seedDashboard(
  emulator: Emulator,
  state: Partial<DashboardState>,
  environment = 'production'
): number {
  recordDeployments(emulator, state.deployments ?? [], environment)
  return emulator.addIssue({
    title: 'Runbook status dashboard',
    body: dashboardBody(state),
    labels: [DASHBOARD_LABEL],
    author: DEFAULT_LOGIN
  }).number
}

export function stateOf(body: string | null | undefined): DashboardState {
  const { state, problems } = parseState(body ?? null, new Date().toISOString())
  if (problems.length) throw new Error(`unreadable state: ${problems.join()}`)
  return state
}

export type GitRepo = TempRepo

/** A real git repository in a temp folder, on branch main, with no commit yet. */
export function gitRepo(): Promise<GitRepo> {
  return tempRepo({ initialCommit: false })
}

/**
 * Moves the process into an empty folder: `stage: all` runs CI in the
 * working directory, which must not be this project. Returns the way back.
 */
export async function enterEmptyDir(): Promise<() => Promise<void>> {
  const previous = process.cwd()
  const dir = await tempDir('cwd')
  process.chdir(dir)
  return async () => {
    process.chdir(previous)
    await rm(dir, { recursive: true, force: true })
  }
}
