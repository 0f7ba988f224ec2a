// npm run e2e:python: Runbook end to end on real FastAPI, Flask and Gradio
// apps. A temporary git repository is made from examples/python-apps, one
// commit per version, and the local tool deploys it with the example's own
// scripts on free ports: v1 (healthy, verified), a v2 that breaks Flask
// (rolled back automatically and verified), FastAPI alone updated to v3, an
// emergency stop, a refused deploy, a resume and a deploy. Each step checks
// the ports, the processes, the version each app serves, the tags, the
// dashboard's state (`runbook status --json`) and the report, and nothing is
// left running, even when a step fails.
//
// Needs /usr/bin/python3 with fastapi, uvicorn and flask (Debian:
// python3-fastapi python3-uvicorn python3-flask, and gunicorn). Gradio is not
// packaged by Debian: without it, the Gradio service runs a stand-in that
// answers the same route, and the output says so.

import { execFileSync, spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const runbookBin = join(root, 'bin', 'runbook.js')
const example = join(root, 'examples', 'python-apps')
// Debian's interpreter, where apt puts the packages: `python3` on PATH may be
// another one (a pyenv shim) without them.
const PYTHON = '/usr/bin/python3'
const SERVICES = ['fastapi', 'flask', 'gradio']
const DEFAULT_PORTS = { fastapi: 8000, flask: 5000, gradio: 7860 }
const COMMAND_TIMEOUT_MS = 60_000
const TOTAL_BUDGET_MS = 115_000
const TAG = /^deployment-\d{8}-\d{6}(-\d+)?$/
const started = Date.now()

const work = mkdtempSync(join(tmpdir(), 'runbook-e2e-python-'))
const repo = join(work, 'repo')
const appsDir = join(work, 'apps')
const stateDir = join(work, 'state')
const ports = {}
const foreignServers = []
let steps = 0

// ---------------------------------------------------------------- helpers

class StepFailure extends Error {}

function check(what, ok, detail = '') {
  if (!ok) throw new StepFailure(`${what}${detail ? ` (${detail})` : ''}`)
  console.log(`   ok: ${what}`)
}

async function step(title, body) {
  if (Date.now() - started > TOTAL_BUDGET_MS)
    throw new StepFailure(
      `out of time before "${title}": ${TOTAL_BUDGET_MS / 1000} s`
    )
  steps++
  console.log(`\n${steps}. ${title}`)
  await body()
}

const gitEnv = {
  GIT_AUTHOR_NAME: 'Runbook e2e',
  GIT_AUTHOR_EMAIL: 'e2e@localhost',
  GIT_COMMITTER_NAME: 'Runbook e2e',
  GIT_COMMITTER_EMAIL: 'e2e@localhost'
}

function git(...args) {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, ...gitEnv }
  }).trim()
}

/** The environment of every command: this machine's, less anything that
 * would make the local tool or the scripts act on something else. */
function testEnv() {
  const env = {}
  for (const [name, value] of Object.entries(process.env))
    if (!/^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|RUNBOOK_|APPS_)/.test(name))
      env[name] = value
  return {
    ...env,
    ...gitEnv,
    APPS_DIR: appsDir,
    APPS_PYTHON: PYTHON,
    APPS_START_SECONDS: '30',
    FASTAPI_PORT: String(ports.fastapi),
    FLASK_PORT: String(ports.flask),
    GRADIO_PORT: String(ports.gradio)
  }
}

/** Runs a program to its end, bounded; resolves with its exit code and output. */
function run(file, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: existsSync(repo) ? repo : work,
      env: { ...testEnv(), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${COMMAND_TIMEOUT_MS / 1000} s)`
      child.kill('SIGKILL')
    }, COMMAND_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: 127, stdout, stderr: `${file}: ${error.message}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, stdout, stderr })
    })
  })
}

let lastOutput = ''

/** The local tool, in the test repository, with its state in `stateDir`. */
async function runbook(...args) {
  console.log(
    `   $ runbook ${args.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`
  )
  const result = await run(process.execPath, [
    runbookBin,
    ...args,
    '--state-dir',
    stateDir
  ])
  lastOutput = `${result.stderr}\n${result.stdout}`
  const said = result.stderr.trim().split('\n').at(-1) ?? ''
  if (!args.includes('--json')) console.log(`   exit ${result.code}: ${said}`)
  return result
}

async function dashboardState() {
  const { code, stdout } = await runbook('status', '--json')
  check('runbook status --json answers', code === 0, `exit ${code}`)
  return JSON.parse(stdout)
}

function report() {
  return JSON.parse(readFileSync(join(stateDir, 'report.json'), 'utf8'))
}

function deploymentTags() {
  return git('tag', '--list', 'deployment-*').split('\n').filter(Boolean)
}

function tagsAt(sha) {
  return deploymentTags().filter(
    (tag) => git('rev-list', '-n', '1', tag) === sha
  )
}

function haltTagExists() {
  return git('tag', '--list', 'runbook-halt') === 'runbook-halt'
}

/** GET http://127.0.0.1:port/path: { status, body } or { error }. */
function get(port, path = '/health') {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path, timeout: 3000 },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode, body }))
      }
    )
    request.on('timeout', () => request.destroy(new Error('timeout')))
    request.on('error', (error) =>
      resolve({ error: error.code ?? error.message })
    )
  })
}

/** What a service's /health says, parsed. */
async function health(service) {
  const answer = await get(ports[service])
  if (answer.error) return { error: answer.error }
  try {
    return { http: answer.status, ...JSON.parse(answer.body) }
  } catch {
    return { http: answer.status, raw: answer.body.slice(0, 200) }
  }
}

async function expectServing(service, sha, tag) {
  const h = await health(service)
  check(
    `${service} answers 200 "ok" at ${sha.slice(0, 7)}${tag ? ` (${tag})` : ''}`,
    h.http === 200 &&
      h.status === 'ok' &&
      h.service === service &&
      h.commit === sha &&
      (!tag || h.version === tag),
    JSON.stringify(h)
  )
}

async function expectRefused(service) {
  const h = await health(service)
  check(
    `${service} no longer answers on port ${ports[service]}`,
    h.error === 'ECONNREFUSED',
    JSON.stringify(h)
  )
}

function pidOf(service) {
  const file = join(appsDir, 'run', `${service}.pid`)
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : null
}

function alive(pid) {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Somebody else's program on a port: a plain HTTP server. */
function foreignServer() {
  return new Promise((resolve) => {
    const server = http.createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"status":"ok","service":"somebody else"}')
    })
    foreignServers.push(server)
    server.listen(0, '127.0.0.1', () => resolve(server.address().port))
  })
}

// ---------------------------------------------------------------- cleanup

/** Pids of the processes listening on `port`, from /proc (Linux). */
function listenersOn(port) {
  const inodes = new Set()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = ''
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f.length < 10 || f[3] !== '0A') continue
      if (parseInt(f[1].split(':')[1], 16) === port) inodes.add(f[9])
    }
  }
  const pids = []
  if (inodes.size === 0) return pids
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const link = readlinkSync(`/proc/${entry}/fd/${fd}`)
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
        if (inode && inodes.has(inode)) {
          pids.push(Number(entry))
          break
        }
      }
    } catch {
      // A process that ended meanwhile, or one that is not ours to read.
    }
  }
  return pids
}

/** Was the process started by this test? It runs from the test's directory
 * (the local tool, the apps in their releases), or carries the test's
 * APPS_DIR (a deploy script, also from a rollback's worktree). */
function ours(pid) {
  if (pid === process.pid) return false
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`)
    if (cwd === work || cwd.startsWith(`${work}/`)) return true
    return readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .includes(`APPS_DIR=${appsDir}`)
  } catch {
    return false
  }
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

function processes() {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
}

/** Leaves nothing running: the apps by their pid files, whatever of ours
 * listens on the test's ports, then every process of ours, until none is
 * left (a deploy script still running would start another app). */
async function cleanUp() {
  const killed = new Set()
  const kill = (pid) => {
    killGroup(pid)
    killed.add(pid)
  }
  const runDir = join(appsDir, 'run')
  if (existsSync(runDir))
    for (const name of readdirSync(runDir).filter((n) => n.endsWith('.pid'))) {
      const pid = Number(readFileSync(join(runDir, name), 'utf8').trim())
      if (alive(pid) && ours(pid)) kill(pid)
    }
  for (const port of Object.values(ports))
    for (const pid of listenersOn(port)) if (ours(pid)) kill(pid)
  for (let quiet = 0, pass = 0; quiet < 2 && pass < 30; pass++) {
    const left = processes().filter(ours)
    quiet = left.length ? 0 : quiet + 1
    left.forEach(kill)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  for (const server of foreignServers) server.close()
  return [...killed]
}

// ---------------------------------------------------------------- the story

const v = {}
let gradioStandIn = false

async function story() {
  await step('The machine', async () => {
    check(`${PYTHON} exists`, existsSync(PYTHON))
    const need = await run(PYTHON, ['-c', 'import fastapi, uvicorn, flask'])
    check(
      `${PYTHON} has fastapi, uvicorn and flask`,
      need.code === 0,
      'install them: apt-get install -y python3-fastapi python3-flask python3-uvicorn gunicorn'
    )
    const gunicorn = await run(PYTHON, ['-c', 'import gunicorn'])
    console.log(
      gunicorn.code === 0
        ? '   flask is served by gunicorn'
        : "   gunicorn is not installed: flask is served by Flask's own server"
    )
    gradioStandIn = (await run(PYTHON, ['-c', 'import gradio'])).code !== 0
    if (gradioStandIn)
      console.log(
        `   gradio is not installed for ${PYTHON}: the gradio service runs a FastAPI stand-in that answers the same GET /health, in place of gradio_app/app.py`
      )
    check('the local tool is built', existsSync(join(root, 'dist', 'cli')))
  })

  await step('The example as a git repository, on free ports', async () => {
    for (const service of SERVICES) ports[service] = await freePort()
    cpSync(example, repo, {
      recursive: true,
      filter: (path) => !/__pycache__|\.runbook$/.test(path)
    })
    // The test's ports in the service URLs; the scripts get the same ports
    // through FASTAPI_PORT, FLASK_PORT and GRADIO_PORT (deployment.pass-env).
    const configPath = join(repo, '.github', 'runbook.yml')
    let config = readFileSync(configPath, 'utf8')
    for (const service of SERVICES) {
      const from = `http://127.0.0.1:${DEFAULT_PORTS[service]}/health`
      check(`the config has ${from}`, config.includes(from))
      config = config.replace(from, `http://127.0.0.1:${ports[service]}/health`)
    }
    writeFileSync(configPath, config)
    if (gradioStandIn)
      writeFileSync(join(repo, 'gradio_app', 'app.py'), GRADIO_STAND_IN)
    mkdirSync(appsDir)
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-q', '-m', 'v1: FastAPI, Flask and Gradio apps')
    v[1] = git('rev-parse', 'HEAD')
    console.log(
      `   ${repo} at ${v[1].slice(0, 7)}; ports ${SERVICES.map((s) => `${s} ${ports[s]}`).join(', ')}`
    )
    check(
      'deploy.sh and stop.sh are committed executable',
      git('ls-files', '-s', 'deploy/deploy.sh', 'deploy/stop.sh')
        .split('\n')
        .every((line) => line.startsWith('100755'))
    )
  })

  await step('deploy.sh refuses a port held by another program', async () => {
    const port = await foreignServer()
    const result = await run(join(repo, 'deploy', 'deploy.sh'), [], {
      RUNBOOK_SERVICE: 'flask',
      RUNBOOK_REF: v[1],
      RUNBOOK_VERSION: 'deployment-20250101-000000',
      FLASK_PORT: String(port)
    })
    check('it exits 1', result.code === 1, `exit ${result.code}`)
    check(
      'it names the port and the variable to change',
      result.stderr.includes(
        `port ${port} on 127.0.0.1 is in use by another program`
      ) && result.stderr.includes('FLASK_PORT'),
      result.stderr.trim()
    )
    const other = await get(port)
    check(
      'the other program still answers, untouched',
      other.status === 200 && other.body.includes('somebody else')
    )
    check('no flask app was started', pidOf('flask') === null)
  })

  const pids = {}
  await step('Deploy v1: healthy and verified', async () => {
    const result = await runbook('deploy')
    check('runbook deploy exits 0', result.code === 0, `exit ${result.code}`)
    const tags = tagsAt(v[1])
    check(
      'v1 is tagged once',
      tags.length === 1 && TAG.test(tags[0]),
      tags.join(' ')
    )
    v.tag1 = tags[0]
    for (const service of SERVICES) {
      await expectServing(service, v[1], v.tag1)
      pids[service] = pidOf(service)
      check(`${service} runs as pid ${pids[service]}`, alive(pids[service]))
    }
    const state = await dashboardState()
    const [latest] = state.deployments
    check(
      `the dashboard records ${v.tag1} verified`,
      latest?.tag === v.tag1 && latest.sha === v[1] && latest.verified === true,
      JSON.stringify(latest)
    )
    check(
      'the dashboard is healthy',
      state.overall === 'healthy',
      state.overall
    )
    const r = report()
    check(
      'the report: healthy, each service answered 200',
      r.overall_status === 'healthy' &&
        SERVICES.every(
          (s) =>
            r.services[s]?.status === 'healthy' &&
            r.services[s].http_status === 200
        ),
      JSON.stringify(r)
    )
  })

  await step(
    'Deploy v2, whose Flask health check crashes: rolled back to v1',
    async () => {
      const appPath = join(repo, 'flask_app', 'app.py')
      const good = readFileSync(appPath, 'utf8')
      const broken = good.replace(
        'def health():\n',
        'def health():\n    raise RuntimeError("v2: the health check crashes")\n'
      )
      check('v2 changes flask_app/app.py', broken !== good)
      writeFileSync(appPath, broken)
      git(
        'commit',
        '-q',
        '-am',
        'v2: a Flask release whose health check crashes'
      )
      v[2] = git('rev-parse', 'HEAD')
      const result = await runbook('deploy')
      check(
        'runbook deploy exits 1 (rolled back)',
        result.code === 1,
        `exit ${result.code}`
      )
      check(
        `it says it rolled back to ${v.tag1}`,
        result.stdout.includes(`rollback to ${v.tag1} executed`),
        result.stdout.trim().split('\n').at(-1)
      )
      const [tag2] = tagsAt(v[2])
      check(
        'v2 was tagged when deployed',
        TAG.test(tag2 ?? ''),
        deploymentTags().join(' ')
      )
      // Runbook rolls back what the deploy broke: Flask. The other two stay
      // at v2, which they serve healthily.
      await expectServing('flask', v[1], v.tag1)
      for (const service of ['fastapi', 'gradio'])
        await expectServing(service, v[2], tag2)
      v.serving = { flask: [v[1], v.tag1], gradio: [v[2], tag2] }
      const state = await dashboardState()
      const v2 = state.deployments.find((d) => d.sha === v[2])
      check(
        'the dashboard records v2 unverified',
        v2?.verified === false,
        JSON.stringify(v2)
      )
      check(
        'the dashboard records the rollback',
        state.events.some(
          (e) => e.kind === 'rollback-executed' || e.kind === 'rollback'
        ),
        JSON.stringify(state.events.slice(0, 4).map((e) => e.kind))
      )
      check(
        'the dashboard is healthy again',
        state.overall === 'healthy',
        state.overall
      )
      const r = report()
      check(
        'the report (the rollback verification) is healthy',
        r.overall_status === 'healthy',
        JSON.stringify(r)
      )
      check(
        "v2's failure is in flask's log",
        readFileSync(join(appsDir, 'logs', 'flask.log'), 'utf8').includes(
          'v2: the health check crashes'
        )
      )
      for (const service of SERVICES) pids[service] = pidOf(service)
    }
  )

  await step('Update FastAPI alone to v3', async () => {
    // v3 fixes Flask and changes FastAPI; only FastAPI is deployed.
    const flaskPath = join(repo, 'flask_app', 'app.py')
    writeFileSync(flaskPath, git('show', `${v[1]}:flask_app/app.py`) + '\n')
    const apiPath = join(repo, 'fastapi_app', 'main.py')
    const before = readFileSync(apiPath, 'utf8')
    const after = before.replace('is listening.', 'is listening, v3.')
    check('v3 changes fastapi_app/main.py', after !== before)
    writeFileSync(apiPath, after)
    git('commit', '-q', '-am', 'v3: Flask fixed, FastAPI says v3')
    v[3] = git('rev-parse', 'HEAD')
    const result = await runbook(
      'update-component',
      '--target-component',
      'fastapi'
    )
    check(
      'runbook update-component exits 0',
      result.code === 0,
      `exit ${result.code}`
    )
    const [tag] = tagsAt(v[3])
    check('v3 is tagged', TAG.test(tag ?? ''), deploymentTags().join(' '))
    await expectServing('fastapi', v[3], tag)
    const index = await get(ports.fastapi, '/')
    check(
      'fastapi serves v3 code',
      index.body.includes('is listening, v3.'),
      index.body
    )
    for (const service of ['flask', 'gradio']) {
      await expectServing(service, ...v.serving[service])
      check(
        `${service} was not restarted (pid ${pids[service]})`,
        pidOf(service) === pids[service] && alive(pids[service])
      )
    }
    const state = await dashboardState()
    const [latest] = state.deployments
    check(
      'the dashboard records the FastAPI update verified',
      latest?.sha === v[3] &&
        latest.verified === true &&
        JSON.stringify(latest.components) === '["fastapi"]',
      JSON.stringify(latest)
    )
    const r = report()
    check(
      'the report: healthy, fastapi answered 200',
      r.overall_status === 'healthy' && r.services.fastapi?.http_status === 200,
      JSON.stringify(r)
    )
    for (const service of SERVICES) pids[service] = pidOf(service)
  })

  await step('Emergency stop: all three stop answering', async () => {
    const result = await runbook(
      'emergency-stop',
      '--reason',
      'e2e: stop everything'
    )
    check(
      'runbook emergency-stop exits 0',
      result.code === 0,
      `exit ${result.code}`
    )
    for (const service of SERVICES) {
      await expectRefused(service)
      check(`${service}'s process is gone`, !alive(pids[service]))
      check(`${service}'s pid file is gone`, pidOf(service) === null)
    }
    check('the runbook-halt tag is taken', haltTagExists())
    const state = await dashboardState()
    check(
      'the dashboard state holds the stop, with its reason',
      state.halt !== null && state.halt.reason === 'e2e: stop everything',
      JSON.stringify(state.halt)
    )
    check(
      'the newest event is the emergency stop',
      state.events[0]?.kind === 'emergency-stop',
      state.events[0]?.kind
    )
    const page = readFileSync(join(stateDir, 'dashboard.md'), 'utf8')
    check(
      'the dashboard shows the emergency-stop banner',
      page.includes('**Emergency stop in effect**') &&
        page.includes('e2e: stop everything')
    )
    // Not asserted: the state's `overall` and its service rows, which keep
    // the last probe's "healthy" after a stop, since a stop probes nothing.
  })

  await step('A deploy while stopped is refused', async () => {
    const tagsBefore = deploymentTags().length
    const result = await runbook('deploy')
    check('runbook deploy exits 1', result.code === 1, `exit ${result.code}`)
    check('no tag was made', deploymentTags().length === tagsBefore)
    for (const service of SERVICES) await expectRefused(service)
  })

  await step('Resume, then deploy: all three healthy at v3', async () => {
    const resumed = await runbook('resume', '--reason', 'e2e: all clear')
    check('runbook resume exits 0', resumed.code === 0, `exit ${resumed.code}`)
    check('the runbook-halt tag is released', !haltTagExists())
    for (const service of SERVICES) await expectRefused(service)
    const tagsBefore = new Set(deploymentTags())
    const result = await runbook('deploy')
    check('runbook deploy exits 0', result.code === 0, `exit ${result.code}`)
    const fresh = tagsAt(v[3]).filter((tag) => !tagsBefore.has(tag))
    check(
      'the deploy made a new tag at v3',
      fresh.length === 1,
      deploymentTags().join(' ')
    )
    for (const service of SERVICES) {
      await expectServing(service, v[3], fresh[0])
      check(`${service} runs`, alive(pidOf(service)))
    }
    const state = await dashboardState()
    const [latest] = state.deployments
    check(
      'the dashboard is no longer stopped',
      state.halt === null,
      JSON.stringify(state.halt)
    )
    check(
      `the dashboard records ${fresh[0]} verified`,
      latest?.tag === fresh[0] && latest.verified === true,
      JSON.stringify(latest)
    )
    check(
      'the dashboard is healthy',
      state.overall === 'healthy',
      state.overall
    )
    check('the report is healthy', report().overall_status === 'healthy')
  })
}

const GRADIO_STAND_IN = `"""Gradio Truth Mirror, stand-in: gradio is not installed for ${PYTHON}.

Written by Runbook's scripts/e2e-python.js in place of gradio_app/app.py: the
same /health route and answer, served by uvicorn, without the Gradio interface.
"""

import os

from fastapi import FastAPI

SERVICE = "gradio"
RELEASE = {
    "version": os.environ.get("APP_VERSION", ""),
    "commit": os.environ.get("APP_COMMIT", ""),
}

app = FastAPI(title="Gradio Truth Mirror (stand-in)")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "service": SERVICE, **RELEASE}
`

// ---------------------------------------------------------------- main

let failure = null
let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, async () => {
    interrupted = true
    await cleanUp()
    console.error(`\ne2e:python interrupted (${signal}); files in ${work}`)
    process.exit(130)
  })
try {
  await story()
} catch (error) {
  failure = error
} finally {
  const killed = await cleanUp()
  if (killed.length)
    console.log(`\ncleaned up: killed pids ${killed.join(', ')}`)
  const left = processes().filter(ours)
  if (left.length && !failure)
    failure = new StepFailure(`processes left running: ${left.join(', ')}`)
}
const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (interrupted) {
  // The signal handler reports and exits once everything is stopped.
} else if (failure) {
  if (failure instanceof StepFailure) {
    console.error(`\nlast command's output:\n${lastOutput.trim()}`)
    console.error(`\ne2e:python failed at step ${steps}: ${failure.message}`)
  } else console.error(`\ne2e:python failed at step ${steps}:`, failure)
  console.error(`files kept in ${work}`)
  process.exitCode = 1
} else {
  rmSync(work, { recursive: true, force: true })
  console.log(`\ne2e:python passed (${steps} steps) in ${seconds} s`)
}
