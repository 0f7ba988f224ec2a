// The CI stage: detects the project's toolchains and runs install, build and
// test. The commands are fixed here (no input reaches them) and run without
// a shell, in an allow-listed environment (ciEnvironment); a script that does
// not exist is skipped, and npm's placeholder test script counts as absent.

import * as exec from '@actions/exec'
import { access, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ciEnvironment } from '../commands.js'
import type { StageContext } from '../context.js'
import { oneLine } from '../text.js'

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
  steps: { name: string; command: string[]; skip?: string; fail?: string }[]
}

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
  const python = (await commandExists('python3'))
    ? 'python3'
    : (await commandExists('python'))
      ? 'python'
      : null
  if (!python)
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
  const tests = await hasPythonTests(dir)
  return {
    toolchain: 'python',
    steps: [
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

async function commandExists(name: string): Promise<boolean> {
  const code = await exec
    .exec(name, ['--version'], {
      env: ciEnvironment(),
      silent: true,
      ignoreReturnCode: true
    })
    .catch(() => 127)
  return code === 0
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
          `CI ${plan.toolchain} ${step.name} failed (exit code ${code})`,
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
