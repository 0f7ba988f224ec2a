// Helpers shared by the figures: starting the local services, running the
// bundle the way a runner does, timing whole processes, and statistics.

import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseOutputFile } from '../scripts/output-file.js'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const BUNDLE = join(ROOT, 'dist', 'index.js')
const SERVICES_SCRIPT = fileURLToPath(new URL('services.js', import.meta.url))
const PROBES_SCRIPT = fileURLToPath(new URL('probes.js', import.meta.url))
const FLOOR_ENTRY = fileURLToPath(new URL('floor-entry.js', import.meta.url))
const MAXRSS_PRELOAD = pathToFileURL(
  fileURLToPath(new URL('maxrss.js', import.meta.url))
).href

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const ms = (value) => `${Math.round(value)} ms`

/** The node binary that `command args… -p process.execPath` reports, or null. */
export function resolveNode(command, args) {
  try {
    return execFileSync(command, [...args, '-p', 'process.execPath'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 120_000
    }).trim()
  } catch {
    return null
  }
}

export function nodeVersion(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
}

/**
 * Starts the local services (see services.js) in a child process.
 * Returns { ports, close }.
 */
export function startServices(servers) {
  const child = spawn(
    process.execPath,
    [SERVICES_SCRIPT, JSON.stringify(servers)],
    {
      stdio: ['pipe', 'pipe', 'inherit']
    }
  )
  return new Promise((resolve, reject) => {
    let text = ''
    const onData = (chunk) => {
      text += chunk
      const end = text.indexOf('\n')
      if (end < 0) return
      child.stdout.off('data', onData)
      const { ports } = JSON.parse(text.slice(0, end))
      resolve({
        ports,
        close: () =>
          new Promise((done) => {
            child.once('exit', done)
            child.stdin.end()
          })
      })
    }
    child.stdout.on('data', onData)
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`the services process exited early (${code})`))
    )
  })
}

/**
 * Spawns `node args…` directly (never through a shell, which would drop
 * environment names such as INPUT_BASE-URL) and times it from spawn to exit.
 * Each complete line of standard output is kept with the time it arrived;
 * `startedAt` is Date.now() at spawn, to compare with other processes' clocks.
 */
export function timeProcess(node, args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now()
    const started = performance.now()
    const child = spawn(node, args, {
      cwd,
      env: env ?? { PATH: process.env.PATH }
    })
    const lines = []
    let partial = ''
    let stderr = ''
    let exitAt = 0
    let exitCode = null
    child.stdout.on('data', (chunk) => {
      const at = performance.now() - started
      partial += chunk
      let end
      while ((end = partial.indexOf('\n')) >= 0) {
        lines.push({ at, text: partial.slice(0, end) })
        partial = partial.slice(end + 1)
      }
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('exit', (code) => {
      exitAt = performance.now() - started
      exitCode = code
    })
    child.once('close', () => {
      if (partial) lines.push({ at: exitAt, text: partial })
      resolve({ code: exitCode, wallMs: exitAt, startedAt, lines, stderr })
    })
  })
}

/** A scratch directory for runs of the bundle; remove() deletes it. */
export async function workspace() {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-bench-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * Runs `node dist/index.js` as a runner does: INPUT_* variables (names as in
 * action.yml, dashes included), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
 * `stageMs` is the monitor stage as its log shows it: from the start of the
 * "Health checks" group to the "Overall:" line written after the report.
 * With `maxRss`, the process's peak RSS in KiB is read via a preload.
 */
export async function runBundle(
  node,
  dir,
  inputs,
  { maxRss = false, extraEnv = {}, bundle = BUNDLE } = {}
) {
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '1',
    'INPUT_REPORT-PATH': join(dir, 'report.json'),
    ...extraEnv
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.toUpperCase()}`] = value
  const args = maxRss ? ['--import', MAXRSS_PRELOAD, bundle] : [bundle]
  const run = await timeProcess(node, args, { env, cwd: dir })
  const start = run.lines.find((l) => l.text.startsWith('::group::Health'))
  const end = run.lines.find((l) => l.text.startsWith('Overall:'))
  const rss = /runbook-bench-maxrss-kib=(\d+)/.exec(run.stderr)
  return {
    ...run,
    stageMs: start && end ? end.at - start.at : null,
    /** From spawn to the stage's first log line: start-up, inputs, config. */
    beforeStageMs: start ? start.at : null,
    /** From the stage's last log line to exit: outputs, summary, shutdown. */
    afterStageMs: end ? run.wallMs - end.at : null,
    maxRssKiB: rss ? Number(rss[1]) : null,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8'))
  }
}

/**
 * Bundles `entry` with ncc into `dir`/`name` as an ES module and returns the
 * bundle's path; throws when ncc is not installed. `transpileOnly` skips
 * type checking (the TypeScript the bench bundles is checked by
 * `npm run typecheck`), which makes the build several times faster.
 */
export async function bundleEntry(
  entry,
  dir,
  name,
  { sourceMap = false, transpileOnly = false } = {}
) {
  const { default: ncc } = await import('@vercel/ncc')
  const { code, assets } = await ncc(entry, {
    quiet: true,
    transpileOnly,
    ...(sourceMap ? { sourceMap: true, sourceMapRegister: true } : {})
  })
  const out = join(dir, name)
  await mkdir(out, { recursive: true })
  for (const [file, asset] of Object.entries(assets ?? {}))
    await writeFile(join(out, file), asset.source)
  // The entries are ES modules, as dist/index.js is.
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n')
  await writeFile(join(out, 'index.js'), code)
  return join(out, 'index.js')
}

/**
 * Bundles floor-entry.js with ncc (as `npm run build` bundles src/, with
 * source maps) into `dir`; returns the bundle's path.
 */
export function buildFloor(dir) {
  return bundleEntry(FLOOR_ENTRY, dir, 'floor', { sourceMap: true })
}

let sharedDir = null
const shared = new Map()

/**
 * A bundle of a bench entry (bench/<file>) built once per `node bench/run.js`
 * into a scratch directory that is removed when the bench exits.
 */
export function sharedBundle(file) {
  if (!shared.has(file))
    shared.set(
      file,
      (async () => {
        if (!sharedDir) {
          sharedDir = mkdtempSync(join(tmpdir(), 'runbook-bench-bundles-'))
          const dir = sharedDir
          process.once('exit', () =>
            rmSync(dir, { recursive: true, force: true })
          )
        }
        return bundleEntry(
          fileURLToPath(new URL(file, import.meta.url)),
          sharedDir,
          file.replace(/\.[^.]+$/, ''),
          { transpileOnly: true }
        )
      })()
    )
  return shared.get(file)
}

/**
 * Starts the GitHub REST API emulator of the tests (bench/emulator-entry.js,
 * bundled at run time) in a child process. Returns its seed ({ url, token,
 * repository, defaultBranch, sha, actor }) with `log()`, `clear()`,
 * `issues()`, `deployments()` and `close()`.
 */
export async function startEmulator() {
  const bundle = await sharedBundle('emulator-entry.js')
  const child = spawn(process.execPath, [bundle], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const waiting = []
  let text = ''
  child.stdout.on('data', (chunk) => {
    text += chunk
    let end
    while ((end = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, end)
      text = text.slice(end + 1)
      waiting.shift()?.resolve(JSON.parse(line))
    }
  })
  const next = () =>
    new Promise((resolve, reject) => waiting.push({ resolve, reject }))
  child.once('exit', (code) => {
    for (const w of waiting.splice(0))
      w.reject(new Error(`the emulator exited (${code})`))
  })
  const seed = await next()
  const ask = (command) => {
    const answer = next()
    child.stdin.write(`${command}\n`)
    return answer
  }
  return {
    ...seed,
    log: () => ask('log'),
    clear: () => ask('clear'),
    issues: () => ask('issues'),
    deployments: () => ask('deployments'),
    close: () =>
      new Promise((done) => {
        child.once('exit', done)
        child.stdin.end()
      })
  }
}

/**
 * The environment a runner gives a job of octo-org/app, pointed at the
 * emulator: GITHUB_API_URL, GITHUB_REPOSITORY, the token input, the event
 * (its payload file written into `dir`, naming the default branch) and the
 * run's ref, commit and actor.
 */
export async function githubEnv(gh, dir, { eventName, runId }) {
  const eventPath = join(dir, `event-${eventName}.json`)
  await writeFile(
    eventPath,
    JSON.stringify({
      ...(eventName === 'schedule' ? { schedule: '*/15 * * * *' } : {}),
      ...(eventName === 'workflow_dispatch'
        ? { inputs: { action: 'deploy' }, ref: 'refs/heads/main' }
        : {}),
      repository: {
        full_name: gh.repository,
        default_branch: gh.defaultBranch
      },
      sender: { login: gh.actor }
    })
  )
  return {
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: gh.repository,
    'INPUT_GITHUB-TOKEN': gh.token,
    GITHUB_RUN_ID: String(runId),
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: `refs/heads/${gh.defaultBranch}`,
    GITHUB_SHA: gh.sha,
    GITHUB_ACTOR: gh.actor
  }
}

/** A request log summed up by method, route and status, one string per route. */
export function byRoute(log) {
  const counts = new Map()
  for (const r of log) {
    const key = `${r.method} ${r.route}`
    const entry = counts.get(key) ?? { n: 0, statuses: new Set() }
    entry.n++
    entry.statuses.add(r.status)
    counts.set(key, entry)
  }
  return [...counts].map(
    ([key, { n, statuses }]) => `${key} ×${n} (${[...statuses].join(', ')})`
  )
}

export const isWrite = (r) => r.method !== 'GET' && r.method !== 'HEAD'

/**
 * Runs a bare node:http baseline (probes.js) over `urls`, `sequential` or
 * `parallel`; returns { elapsedMs, ok, count }, timed inside that process.
 */
export async function runProbes(mode, urls) {
  const run = await timeProcess(process.execPath, [
    PROBES_SCRIPT,
    mode,
    JSON.stringify(urls)
  ])
  if (run.code !== 0) throw new Error(`${mode} probes failed: ${run.stderr}`)
  return JSON.parse(run.lines[0].text)
}

/** Why a run of the bundle did not do what the figure needs, or null. */
export function runProblem(run, check) {
  if (run.stageMs === null)
    return `no stage timing in the log (exit ${run.code}): ${lastLines(run)}`
  return check(run)
}

function lastLines(run) {
  return [...run.lines.slice(-3).map((l) => l.text), run.stderr.trim()]
    .filter(Boolean)
    .join(' | ')
    .slice(0, 300)
}

/** The first line the process wrote to standard error, if any (the bench's own marker aside). */
export function stderrNote(run) {
  const first = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('runbook-bench-maxrss-kib='))
  return first ? `the process wrote to stderr: ${first.slice(0, 200)}` : null
}
