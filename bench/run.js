// Runbook's benchmarks: `npm run bench` (or `node bench/run.js`).
//
// Every figure is a ratio, a bound or a count measured side by side in one
// run, on whole processes of the committed bundle dist/index.js started the
// way a runner starts it, against local services and the GitHub REST emulator
// of the tests, on 127.0.0.1 only (the dashboard figure runs src/dashboard,
// bundled at run time). The targets are reported, not enforced: the exit code
// is 0 unless the benchmark itself fails. Options: --only id,id (see
// bench/figures/index.js), --runs n (repetitions per figure, default 10).

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { FIGURES } from './figures/index.js'
import { BUNDLE, nodeVersion, resolveNode } from './lib.js'

function option(name) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const only = option('only')?.split(',')
const runs = Number(option('runs') ?? 10)
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive integer')
  process.exit(2)
}
if (!existsSync(BUNDLE)) {
  console.error(`${BUNDLE} does not exist: run npm run build first`)
  process.exit(2)
}

function shellLimit() {
  try {
    return execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

const started = performance.now()
const selected = FIGURES.filter((f) => !only || only.includes(f.id))
const needs24 = selected.some((f) => f.id === 'startup' && !f.planned)

console.log('Runbook benchmarks')
console.log(
  `  Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'}), ` +
    `${process.platform}/${process.arch}, open files limit ${shellLimit()}, ${runs} runs per figure`
)
console.log(
  `  load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`
)

const nodes = [{ path: process.execPath, version: process.version }]
if (needs24) {
  process.stderr.write('  resolving Node 24 (npx -y node@24)…\n')
  const path = resolveNode('npx', ['-y', 'node@24'])
  nodes.push(
    path
      ? { path, version: nodeVersion(path) }
      : {
          path: null,
          version: '24',
          note: 'Node 24 not available: `npx -y node@24 -p process.execPath` failed'
        }
  )
  if (path) console.log(`  Node 24: ${nodes[1].version} (${path})`)
}
console.log('')

const rows = []
let crashed = false
for (const figure of selected) {
  if (figure.planned) continue
  const figureStarted = performance.now()
  process.stderr.write(`  ${figure.id}: ${figure.title} `)
  try {
    const ctx = {
      node: process.execPath,
      nodes,
      runs,
      progress: () => process.stderr.write('.')
    }
    rows.push(...(await figure.run(ctx)))
    process.stderr.write(
      ` ${((performance.now() - figureStarted) / 1000).toFixed(1)} s\n`
    )
  } catch (error) {
    crashed = true
    process.stderr.write(' failed\n')
    rows.push({
      figure: `${figure.id}: ${figure.title}`,
      measured: 'error',
      target: '',
      pass: null,
      details: [`the benchmark failed: ${error?.stack ?? error}`]
    })
  }
}

const header = ['figure', 'measured', 'target', 'result']
const cells = rows.map((r) => [
  r.figure,
  r.measured,
  r.target,
  r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL'
])
const widths = header.map((h, i) =>
  Math.max(h.length, ...cells.map((row) => row[i].length))
)
const line = (row) =>
  `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
console.log('')
console.log(line(header))
console.log(line(widths.map((w) => '-'.repeat(w))))
for (const row of cells) console.log(line(row))
console.log('')
for (const row of rows) {
  for (const detail of row.details ?? [])
    console.log(`  ${row.figure}: ${detail}`)
}
const planned = selected.filter((f) => f.planned)
if (planned.length)
  console.log(
    `  not measured yet: ${planned.map((f) => `${f.id} (${f.title})`).join('; ')}`
  )

const targets = rows.filter((r) => r.pass !== null)
const met = targets.filter((r) => r.pass).length
console.log('')
console.log(
  `Targets met: ${met} of ${targets.length}` +
    ` (${((performance.now() - started) / 1000).toFixed(0)} s in all)` +
    (crashed ? '; the benchmark itself failed, see above' : '')
)
process.exitCode = crashed ? 1 : 0
