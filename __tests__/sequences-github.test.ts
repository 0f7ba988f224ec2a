// The same random sequences as sequences.test.ts, against GitHubPlatform and
// the GitHub REST emulator: tags, Deployments and their statuses, the halt
// tag and the dashboard issue all go through the REST API. A smaller budget,
// seeded so that every run tries the same sequences; RUNBOOK_SEQUENCES=<runs>
// makes a longer, unseeded run.

import { afterAll, beforeAll, test } from '@jest/globals'
import { sha, startEmulator } from './emulator/index.js'
import { enterEmptyDir, githubPlatform, startOps } from './helpers/ops.js'
import { NAMES, checkSequences, type Harness } from './helpers/sequences.js'

let leave: () => Promise<void>

// The CI stage runs in the current directory: an empty one, never ours.
beforeAll(async () => {
  leave = await enterEmptyDir()
})
afterAll(async () => {
  await leave()
})

let sequences = 0

async function githubHarness(): Promise<Harness> {
  const emulator = await startEmulator()
  emulator.setPermission('octocat', 'write')
  const ops = await startOps([...NAMES])
  const prefix = `sequence ${++sequences}`
  let head = sha(`${prefix} initial`)
  emulator.addCommit(head, 'initial', { branch: 'main' })
  let versions = 0
  return {
    ops,
    commit: async () => {
      const next = sha(`${prefix} v${++versions}`)
      emulator.addCommit(next, `v${versions}`, {
        branch: 'main',
        parents: [head]
      })
      head = next
      return next
    },
    platform: () => githubPlatform(emulator),
    runSha: () => head,
    body: async (outputs) =>
      emulator.issue(Number(outputs['issue-number']))?.body ?? '',
    close: async () => {
      await emulator.close()
      await ops.close()
    }
  }
}

const larger = Number(process.env.RUNBOOK_SEQUENCES ?? 0)

test(
  'the dashboard issue stays true to what runs through any sequence of operations on GitHub',
  async () => {
    // Every dashboard write waits a second for GitHub to settle: few runs.
    await checkSequences(
      githubHarness,
      larger > 0
        ? { numRuns: Math.ceil(larger / 4), maxCommands: 10 }
        : { numRuns: 5, maxCommands: 6, seed: 20251222 }
    )
  },
  larger > 0 ? 3_600_000 : 120_000
)
