// The CI stage: detects the project's toolchains and runs install, build and
// test. The commands are fixed here (no input reaches them) and run without
// a shell, in an allow-listed environment (ciEnvironment); a script that does
// not exist is skipped, and npm's placeholder test script counts as absent.
// A Python project is installed into a virtual environment of its own, so
// pip never touches the system's Python (which Debian and Ubuntu refuse).

import * as exec from '@actions/exec'
import { access, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ciEnvironment } from '../shell-commands.js'
import type { StageContext } from '../context.js'
import { oneLine } from '../safe-text.js'

export interface CiStep {
  toolchain: string
  name: string
  command: string[]
  status: 'success' | 'failed' | 'skipped'
  note: string
}

export interface CiResult {
  status: 'success' | 'failed' | 'skipped'
  steps: CiStep[]
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false
  )

/** npm's `npm init` placeholder: a test script that only fails. */
export function isPlaceholderTest(script: string | undefined): boolean {
  return script === undefined || /no test specified/.test(script)
}

interface Plan {
  toolchain: string
  /** Logged before the first step: which interpreter, for instance. */
  note?: string
  steps: {
    name: string
    command: string[]
    skip?: string
    fail?: string
    /** Added to the error when the step fails. */
    hint?: string
  }[]
}

/** The virtual environment of a Python project, inside its directory. */
export const VENV = '.runbook-venv'

async function nodePlan(dir: string): Promise<Plan | null> {
  let text: string
  try {
    text = await readFile(join(dir, 'package.json'), 'utf8')
  } catch {
    return null
  }
  let manifest: { scripts?: Record<string, string> }
  try {
    manifest = JSON.parse(text)
  } catch {
    // A broken manifest is a broken build, not a project without one.
    return {
      toolchain: 'npm',
      steps: [
        { name: 'install', command: [], fail: 'package.json is not valid JSON' }
      ]
    }
  }
  const scripts = manifest.scripts ?? {}
  let manager = 'npm'
  if (await exists(join(dir, 'pnpm-lock.yaml'))) manager = 'pnpm'
  else if (await exists(join(dir, 'yarn.lock'))) manager = 'yarn'
  const locked =
    (await exists(join(dir, 'package-lock.json'))) ||
    (await exists(join(dir, 'npm-shrinkwrap.json')))
  const install =
    manager === 'pnpm'
      ? ['pnpm', 'install', '--frozen-lockfile']
      : manager === 'yarn'
        ? ['yarn', 'install', '--frozen-lockfile']
        : locked
          ? ['npm', 'ci', '--no-audit', '--no-fund']
          : ['npm', 'install', '--no-audit', '--no-fund']
  const run = (script: string): string[] =>
    manager === 'npm' ? ['npm', 'run', script] : [manager, 'run', script]
  return {
    toolchain: manager,
    steps: [
      { name: 'install', command: install },
      {
        name: 'build',
        command: run('build'),
        skip: scripts.build ? undefined : 'no build script'
      },
      {
        name: 'test',
        command: manager === 'npm' ? ['npm', 'test'] : [manager, 'test'],
        skip: isPlaceholderTest(scripts.test)
          ? scripts.test
            ? "npm's placeholder test script"
            : 'no test script'
          : undefined
      }
    ]
  }
}

async function hasPythonTests(dir: string): Promise<boolean> {
  if (await exists(join(dir, 'tests'))) return true
  const names = await readdir(dir).catch(() => [] as string[])
  return names.some((n) => /^test_.*\.py$|_test\.py$/.test(n))
}

async function pythonPlan(dir: string): Promise<Plan | null> {
  const requirements = await exists(join(dir, 'requirements.txt'))
  const pyproject = await exists(join(dir, 'pyproject.toml'))
  if (!requirements && !pyproject) return null
  let found: { name: string; version: string } | null = null
  for (const name of ['python3', 'python']) {
    const version = await versionOf(name)
    if (version) {
      found = { name, version }
      break
    }
  }
  if (!found)
    return {
      toolchain: 'python',
      steps: [
        {
          name: 'install',
          command: [],
          skip: 'Python is not installed on this machine'
        }
      ]
    }
  const python =
    process.platform === 'win32'
      ? join(dir, VENV, 'Scripts', 'python.exe')
      : join(dir, VENV, 'bin', 'python')
  const tests = await hasPythonTests(dir)
  return {
    toolchain: 'python',
    note: `interpreter ${python}, a virtual environment made by ${found.name} (${found.version}); it also sees the system's packages, such as a pytest installed there`,
    steps: [
      {
        name: 'venv',
        // The system's packages stay visible, as they were to a
        // system-wide pip: a pytest installed there still runs the tests.
        command: [found.name, '-m', 'venv', '--system-site-packages', VENV],
        hint: `${found.name} -m venv needs the venv module (on Debian or Ubuntu: apt-get install python3-venv)`
      },
      {
        name: 'install',
        command: requirements
          ? [python, '-m', 'pip', 'install', '-r', 'requirements.txt']
          : [python, '-m', 'pip', 'install', '.']
      },
      {
        name: 'test',
        command: [python, '-m', 'pytest', '-q'],
        skip: tests ? undefined : 'no tests found (tests/ or test_*.py)'
      }
    ]
  }
}

/** `name --version`'s answer ("Python 3.12.3"), or null when it does not run. */
async function versionOf(name: string): Promise<string | null> {
  let output = ''
  const code = await exec
    .exec(name, ['--version'], {
      env: ciEnvironment(),
      silent: true,
      ignoreReturnCode: true,
      listeners: {
        stdout: (data) => (output += data.toString()),
        stderr: (data) => (output += data.toString())
      }
    })
    .catch(() => 127)
  return code === 0 ? oneLine(output, 60) : null
}

export async function ci(
  ctx: StageContext,
  dir = process.cwd()
): Promise<CiResult> {
  const plans = (await Promise.all([nodePlan(dir), pythonPlan(dir)])).filter(
    (p): p is Plan => p !== null
  )
  if (plans.length === 0) {
    ctx.reporter.info(
      'CI: no package.json, requirements.txt or pyproject.toml: nothing to build'
    )
    return { status: 'skipped', steps: [] }
  }
  const steps: CiStep[] = []
  let failed = false
  for (const plan of plans) {
    if (plan.note && !failed)
      ctx.reporter.info(`CI ${plan.toolchain}: ${plan.note}`)
    for (const step of plan.steps) {
      const record: CiStep = {
        toolchain: plan.toolchain,
        name: step.name,
        command: step.command,
        status: 'skipped',
        note: step.skip ?? ''
      }
      steps.push(record)
      if (failed) {
        record.note = 'an earlier step failed'
        continue
      }
      if (step.fail) {
        failed = true
        record.status = 'failed'
        record.note = step.fail
        ctx.reporter.error(
          `CI ${plan.toolchain} ${step.name}: ${step.fail}`,
          'CI failed'
        )
        continue
      }
      if (step.skip) {
        ctx.reporter.info(
          `CI ${plan.toolchain} ${step.name}: skipped (${step.skip})`
        )
        continue
      }
      if (ctx.settings.inputs.dryRun) {
        record.note = 'dry run'
        ctx.reporter.info(`dry run: would run ${step.command.join(' ')}`)
        continue
      }
      const [command = '', ...args] = step.command
      const code = await ctx.reporter.group(
        `CI ${plan.toolchain} ${step.name}: ${step.command.join(' ')}`,
        () =>
          exec
            .exec(command, args, {
              cwd: dir,
              env: ciEnvironment(),
              ignoreReturnCode: true,
              silent: true,
              listeners: {
                stdline: (line) => ctx.reporter.info(oneLine(line, 1000)),
                errline: (line) => ctx.reporter.info(oneLine(line, 1000))
              }
            })
            .catch((error: unknown) => {
              ctx.reporter.error(
                `${command} could not start: ${oneLine(String(error), 200)}`
              )
              return 127
            })
      )
      record.status = code === 0 ? 'success' : 'failed'
      if (code !== 0) {
        failed = true
        record.note = `exit code ${code}`
        ctx.reporter.error(
          `CI ${plan.toolchain} ${step.name} failed (exit code ${code})${step.hint ? `: ${step.hint}` : ''}`,
          'CI failed'
        )
      }
    }
  }
  const ran = steps.some((s) => s.status !== 'skipped')
  const status = failed ? 'failed' : ran ? 'success' : 'skipped'
  ctx.reporter.summary(
    [
      `### CI: ${status}`,
      '',
      '| toolchain | step | result | note |',
      '| --- | --- | --- | --- |',
      ...steps.map(
        (s) =>
          `| ${s.toolchain} | ${s.name} | ${s.status} | ${oneLine(s.note, 100).replace(/\|/g, '\\|')} |`
      )
    ].join('\n')
  )
  return { status, steps }
}
