// Random sequences of deploys, updates, rollbacks, stops, resumes, health
// checks and outages, run against the real engine on the local platform
// (a real git repository, stand-in services on 127.0.0.1), with a small
// reference model as the oracle for the dashboard after every run.
// RUNBOOK_SEQUENCES=<runs> makes a longer run.

import { afterAll, beforeAll, test } from '@jest/globals'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalPlatform } from '../src/platform/local.js'
import { enterEmptyDir, gitRepo, startOps, tempDir } from './helpers/ops.js'
import { NAMES, checkSequences, type Harness } from './helpers/sequences.js'

let leave: () => Promise<void>

// The CI stage runs in the current directory: an empty one, never ours.
beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})

async function localHarness(): Promise<Harness> {
  const ops = await startOps([...NAMES])
  const repo = await gitRepo()
  const stateDir = join(await tempDir('state'), '.runbook')
  // A repository always has a commit: a stop before any deploy tags it.
  await repo.commit('initial')
  let versions = 0
  return {
    ops,
    commit: () => repo.commit(`v${++versions}`),
    platform: () => new LocalPlatform(stateDir, repo.dir),
    runSha: () => '',
    body: () => readFile(join(stateDir, 'dashboard.md'), 'utf8'),
    close: async () => {
      await ops.close()
      await rm(repo.dir, { recursive: true, force: true })
      await rm(join(stateDir, '..'), { recursive: true, force: true })
    }
  }
}

const larger = Number(process.env.RUNBOOK_SEQUENCES ?? 0)

test(
  'the dashboard stays true to what runs through any sequence of operations',
  async () => {
    await checkSequences(localHarness, {
      numRuns: larger > 0 ? larger : 20,
      maxCommands: larger > 0 ? 14 : 8,
      ...(process.env.RUNBOOK_SEED
        ? { seed: Number(process.env.RUNBOOK_SEED) }
        : {})
    })
  },
  larger > 0 ? 3_600_000 : 120_000
)
