#!/usr/bin/env node
// npm run mutate [group...]: mutation testing of the safety-critical modules
// with StrykerJS. Each group mutates its modules and runs only the test files
// that are about them, so a surviving mutant means those tests let a real
// change of behaviour through. Runs are incremental: the result of every
// mutant is kept in mutation/<group>.json (committed), and a re-run only
// re-tests mutants whose code or tests changed. `--force` re-tests all.
//
// StrykerJS needs Node >= 22; on an older node this re-runs itself on
// Node 24 through npx. Not part of .ci/run: a full run takes tens of minutes
// on two cores. Scores go in docs/benchmarks.md.

import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Each group: the code under test (a file, or file:from-to for the lines of
 * one concern inside a larger file) and the test files about it.
 */
export const GROUPS = {
  gate: {
    mutate: ['src/stages/gate.ts'],
    tests: ['gate.test.ts']
  },
  probe: {
    mutate: ['src/probe.ts'],
    tests: ['probe.test.ts', 'probe-https.test.ts']
  },
  state: {
    mutate: ['src/dashboard/state.ts', 'src/dashboard/merge.ts'],
    tests: ['dashboard-state.test.ts', 'dashboard-merge.test.ts']
  },
  situation: {
    mutate: [
      'src/dashboard/situation.ts',
      'src/dashboard/advice.ts',
      'src/dashboard/blame.ts'
    ],
    tests: [
      'situation.test.ts',
      'blame.test.ts',
      'decision-table.test.ts',
      'situation-steps.test.ts',
      'advice.test.ts'
    ]
  },
  halt: {
    mutate: ['src/platform/halt.ts', 'src/stages/emergency.ts'],
    tests: ['emergency.test.ts', 'halt.test.ts']
  },
  notify: {
    mutate: ['src/notify/event.ts', 'src/notify/claim.ts'],
    tests: ['notify/event.test.ts', 'notify/claim.test.ts']
  }
}

function strykerConfig(name, group) {
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'jest',
    testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings'],
    coverageAnalysis: 'perTest',
    mutate: group.mutate,
    jest: {
      configFile: 'jest.config.js',
      enableFindRelatedTests: false,
      config: { testMatch: group.tests.map((t) => `**/__tests__/${t}`) }
    },
    checkers: [],
    ignoreStatic: true,
    concurrency: 1,
    timeoutMS: 10_000,
    incremental: true,
    incrementalFile: `mutation/${name}.json`,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    clearTextReporter: { allowColor: false, logTests: false }
  }
}

function strykerCommand() {
  const major = Number(process.versions.node.split('.')[0])
  const cli = join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js')
  return major >= 22
    ? [process.execPath, [cli]]
    : ['npx', ['-y', 'node@24', cli]]
}

function main(argv) {
  const force = argv.includes('--force')
  const names = argv.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !(n in GROUPS))
  if (unknown.length > 0) {
    console.error(
      `mutate: unknown group ${unknown.map((n) => JSON.stringify(n)).join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}`
    )
    return 2
  }
  const chosen = names.length > 0 ? names : Object.keys(GROUPS)
  mkdirSync(join(root, 'mutation'), { recursive: true })
  const [command, prefix] = strykerCommand()
  let status = 0
  for (const name of chosen) {
    const file = join(root, `.stryker-${name}.conf.json`)
    writeFileSync(file, JSON.stringify(strykerConfig(name, GROUPS[name])))
    console.error(`mutate: ${name}: ${GROUPS[name].mutate.join(', ')}`)
    const run = spawnSync(
      command,
      [...prefix, 'run', file, ...(force ? ['--force'] : [])],
      { cwd: root, stdio: 'inherit' }
    )
    rmSync(file, { force: true })
    if (run.status !== 0) status = 1
  }
  return status
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2))
