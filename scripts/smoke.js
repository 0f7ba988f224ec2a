// Smoke test of the committed bundle as a runner runs it: `dist/index.js`
// under the given Node (default: this one), with INPUT_* variables and a
// GITHUB_OUTPUT file, against the stand-in services. Exits non-zero on any
// mismatch. Usage: node scripts/smoke.js [node command...]

import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStandIns } from './stand-ins.js'

import { execFileSync } from 'node:child_process'
import { parseOutputFile } from './output-file.js'

// Runners pass inputs as INPUT_BASE-URL and the like; a shell (as npx uses)
// drops such names, so the bundle is started with the node binary itself.
const node =
  process.argv.length > 2
    ? execFileSync(
        process.argv[2],
        [...process.argv.slice(3), '-p', 'process.execPath'],
        {
          encoding: 'utf8'
        }
      ).trim()
    : process.execPath
const bundle = fileURLToPath(new URL('../dist/index.js', import.meta.url))

const dir = await mkdtemp(join(tmpdir(), 'runbook-smoke-'))
const outputFile = join(dir, 'output')
const summaryFile = join(dir, 'summary.md')
await writeFile(outputFile, '')
await writeFile(summaryFile, '')
const standIns = await startStandIns({ preferPorts: false })
let failed = false
try {
  const services = standIns.services.map((s) => ({
    name: s.name,
    port: s.port
  }))
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '4242',
    INPUT_STAGE: 'monitor',
    'INPUT_BASE-URL': 'http://127.0.0.1',
    INPUT_SERVICES: JSON.stringify(services),
    'INPUT_REPORT-PATH': join(dir, 'report.json')
  }
  const { code, stdout } = await new Promise((resolve) => {
    const child = spawn(node, [bundle], { cwd: dir, env })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.pipe(process.stderr)
    child.on('close', (code) => resolve({ code, stdout }))
  })
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  const checks = [
    [`bundle ran on Node ${version}`, true],
    ['exit code 0', code === 0],
    ['monitoring-status healthy', outputs['monitoring-status'] === 'healthy'],
    ['fastapi-health healthy', outputs['fastapi-health'] === 'healthy'],
    ['flask-health healthy', outputs['flask-health'] === 'healthy'],
    ['gradio-health healthy', outputs['gradio-health'] === 'healthy'],
    ['report run_id 4242', report.run_id === '4242'],
    ['report has 3 services', Object.keys(report.services).length === 3],
    [
      'job summary written',
      (await readFile(summaryFile, 'utf8')).includes('| service |')
    ]
  ]
  for (const [name, ok] of checks) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`)
    if (!ok) failed = true
  }
  if (failed) console.log(stdout)
} finally {
  await standIns.close()
}
process.exitCode = failed ? 1 : 0
