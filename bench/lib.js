// Helpers shared by the figures: starting the local services, running the
// bundle the way a runner does, timing whole processes, and statistics.

import { execFileSync, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

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
 * Each complete line of standard output is kept with the time it arrived.
 */
export function timeProcess(node, args, { env, cwd } = {}) {
  return new Promise((resolve, reject) => {
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
      resolve({ code: exitCode, wallMs: exitAt, lines, stderr })
    })
  })
}

/** Reads a GITHUB_OUTPUT file (name<<delimiter … delimiter) into an object. */
export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== match[2]; i++)
      value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
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
 * Bundles floor-entry.js with ncc (as `npm run build` bundles src/) into
 * `dir`; returns the bundle's path, or throws when ncc is not installed.
 */
export async function buildFloor(dir) {
  const { default: ncc } = await import('@vercel/ncc')
  const { code, assets } = await ncc(FLOOR_ENTRY, {
    quiet: true,
    sourceMap: true,
    sourceMapRegister: true
  })
  const out = join(dir, 'floor')
  await mkdir(out, { recursive: true })
  for (const [name, asset] of Object.entries(assets ?? {}))
    await writeFile(join(out, name), asset.source)
  // The entry is an ES module, as dist/index.js is.
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n')
  await writeFile(join(out, 'index.js'), code)
  return join(out, 'index.js')
}

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
