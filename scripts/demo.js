// npm run demo: starts the stand-in services, runs Runbook's health check on
// them through the local tool, shows the result, and stops them.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startStandIns } from './stand-ins.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const runbook = fileURLToPath(new URL('../bin/runbook.js', import.meta.url))

function step(title) {
  console.log(`\n\u001b[1m▶ ${title}\u001b[0m`)
}

/** Runs the local tool as a child process; the stand-ins keep answering meanwhile. */
function runbookCommand(args) {
  console.log(`$ runbook ${args.map(shellQuote).join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runbook, ...args], {
      cwd: root,
      stdio: 'inherit'
    })
    child.on('close', (code) => resolve(code ?? 1))
  })
}

function shellQuote(arg) {
  return /^[\w./:=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

const standIns = await startStandIns()
try {
  step('Stand-in services')
  for (const s of standIns.services)
    console.log(
      `  ${s.name.padEnd(8)} ${s.title.padEnd(24)} http://127.0.0.1:${s.port}/health`
    )
  const services = JSON.stringify(
    standIns.services.map((s) => ({
      name: s.name,
      title: s.title,
      port: s.port
    }))
  )
  step('Health check')
  const code = await runbookCommand([
    'healthcheck',
    '--base-url',
    'http://127.0.0.1',
    '--services',
    services
  ])
  if (code !== 0) process.exitCode = code
} finally {
  await standIns.close()
}
