// npm run demo: the whole runbook on this machine, with nothing to install.
// Three stand-in services answer /health the way the FastAPI, Flask and
// Gradio apps do; a small demo application lives in a git repository under
// .runbook/demo/app, whose deploy commands really change what the services
// answer. The story: a deploy, a health check, a broken deploy that is rolled
// back automatically and verified, an emergency stop, a refused deploy, a
// resume and a good deploy. Everything the demo keeps is in .runbook/demo/
// (the dashboard in .runbook/demo/dashboard.md), apart from the .runbook/
// that `runbook` commands run in this checkout use, so that the two never mix.

import { spawn, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStandIns } from './stand-ins.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const runbook = join(root, 'bin', 'runbook.js')
// Its own directory: a later `npx runbook healthcheck` of your services in
// this checkout keeps its state in .runbook/ and never shows the demo's.
const STATE_DIR = '.runbook/demo'
const stateDir = join(root, STATE_DIR)
const app = join(stateDir, 'app')
const serviceState = join(app, '.state')
const color = process.stdout.isTTY
const bold = (text) => (color ? `\u001b[1m${text}\u001b[0m` : text)

function step(n, title, why) {
  console.log(`\n${bold(`${n}. ${title}`)}`)
  if (why) console.log(`   ${why}`)
}

function git(...args) {
  return execFileSync('git', args, {
    cwd: app,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Runbook demo',
      GIT_AUTHOR_EMAIL: 'demo@localhost',
      GIT_COMMITTER_NAME: 'Runbook demo',
      GIT_COMMITTER_EMAIL: 'demo@localhost'
    }
  }).trim()
}

/** A new version of the demo app: `mode` is what its services will answer. */
function release(mode, message) {
  writeFileSync(join(app, 'app.mode'), `${mode}\n`)
  git('add', 'app.mode')
  git('commit', '-q', '-m', message)
  return git('rev-parse', '--short', 'HEAD')
}

/** Runs the local tool in the demo app; the stand-ins keep answering meanwhile. */
function runbookCommand(...args) {
  const shown = args.map((a) => (/^[\w./:=-]+$/.test(a) ? a : `'${a}'`))
  console.log(`   $ runbook ${shown.join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [runbook, ...args, '--state-dir', stateDir],
      {
        cwd: app,
        stdio: ['ignore', 'inherit', 'pipe'],
        env: { ...process.env, DEMO_STATE_DIR: serviceState }
      }
    )
    // The step-by-step log goes to stderr: shown indented and dimmed.
    child.stderr.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n'))
        if (line)
          console.log(color ? `\u001b[2m     ${line}\u001b[0m` : `     ${line}`)
    })
    child.on('close', (code) => {
      console.log(`   exit code ${code}`)
      resolve(code ?? 1)
    })
  })
}

rmSync(stateDir, { recursive: true, force: true })
mkdirSync(serviceState, { recursive: true })
const standIns = await startStandIns({ stateDir: serviceState })
const failures = []
const expect = (what, ok) => ok || failures.push(what)
try {
  step(
    0,
    'Stand-in services and the demo app',
    `The app is a git repository in ${STATE_DIR}/app; every command below runs there with --state-dir ${STATE_DIR}.`
  )
  for (const s of standIns.services)
    console.log(
      `   ${s.name.padEnd(8)} ${s.title.padEnd(24)} http://127.0.0.1:${s.port}/health`
    )
  git('init', '-q', '-b', 'main')
  // Deploy: the services answer with the mode of the version deployed.
  // Stop: they answer 503 "stopped". Inputs arrive only as RUNBOOK_* variables.
  // A rollback runs the target's deploy command in a checkout of that
  // version, not here: where the stand-ins read their state comes in a
  // variable, passed to the commands with deployment.pass-env.
  const deploy = `printf '%s %s\\n' "$(git show "$RUNBOOK_REF:app.mode")" "$RUNBOOK_REF" > "$DEMO_STATE_DIR/$RUNBOOK_SERVICE.state"`
  const stop = `echo stopped > "$DEMO_STATE_DIR/$RUNBOOK_SERVICE.state"`
  mkdirSync(join(app, '.github'), { recursive: true })
  writeFileSync(
    join(app, '.github', 'runbook.yml'),
    [
      '# The demo app: three services on the stand-ins.',
      'services:',
      ...standIns.services.map((s) =>
        [
          `  - name: ${s.name}`,
          `    title: ${s.title}`,
          `    url: http://127.0.0.1:${s.port}/health`,
          '    expect: { body-contains: \'"status":"ok"\', version: true }',
          '    timeout-ms: 1000',
          '    retries: 1',
          `    deploy: ${JSON.stringify(deploy)}`,
          `    stop: ${JSON.stringify(stop)}`
        ].join('\n')
      ),
      'monitor: { grace-period-ms: 2000 }',
      'deployment: { pass-env: [DEMO_STATE_DIR] }',
      ''
    ].join('\n')
  )
  writeFileSync(join(app, '.gitignore'), '.state/\n')
  git('add', '.')
  const v1 = release('ok', 'v1: the first release')

  step(
    1,
    `Deploy v1 (${v1})`,
    'Runs every deploy command, tags the commit, and verifies the new version answers.'
  )
  expect('the first deploy succeeds', (await runbookCommand('deploy')) === 0)

  step(
    2,
    'Scheduled health check',
    'What the six-hourly schedule runs: probes only.'
  )
  expect(
    'the health check is healthy',
    (await runbookCommand('healthcheck')) === 0
  )

  const v2 = release('broken', 'v2: a release that breaks every service')
  step(
    3,
    `Deploy v2 (${v2}), which is broken`,
    'The verification fails, so Runbook rolls back to v1 on its own and verifies that too.'
  )
  expect(
    'the broken deploy is reported as failed',
    (await runbookCommand('deploy')) === 1
  )
  expect(
    'the automatic rollback brings every service back to v1',
    standIns.services.every((s) =>
      readFileSync(join(serviceState, `${s.name}.state`), 'utf8').startsWith(
        `ok ${git('rev-parse', 'HEAD~1')}`
      )
    )
  )

  step(
    4,
    'Emergency stop',
    'Takes the runbook-halt lock and runs every stop command.'
  )
  expect(
    'the emergency stop succeeds',
    (await runbookCommand(
      'emergency-stop',
      '--reason',
      'demo: stop everything'
    )) === 0
  )

  step(5, 'A deploy while halted', 'The safety gate refuses it.')
  expect('the deploy is refused', (await runbookCommand('deploy')) === 1)

  const v3 = release('ok', 'v3: the fix')
  step(6, 'Resume, then deploy the fix', `v3 (${v3}) is good.`)
  expect(
    'resume succeeds',
    (await runbookCommand('resume', '--reason', 'demo: fixed in v3')) === 0
  )
  expect('the fix deploys', (await runbookCommand('deploy')) === 0)

  step(
    7,
    'The dashboard',
    `${STATE_DIR}/dashboard.md — what GitHub issue #1 shows; \`runbook status --json\` gives agents its state.`
  )
  expect('status prints the dashboard', (await runbookCommand('status')) === 0)
} finally {
  await standIns.close()
}
if (failures.length) {
  console.error(`\nThe demo did not go as expected: ${failures.join('; ')}`)
  process.exitCode = 1
} else
  console.log(
    `\n${bold('The demo ran as expected.')} Dashboard: ${STATE_DIR}/dashboard.md` +
      ` (npx runbook status --state-dir ${STATE_DIR})`
  )
