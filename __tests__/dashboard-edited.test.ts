// A dashboard edited outside Runbook is noticed: the body first read is
// compared with what Runbook renders for the state it holds.

import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { parseState } from '../src/dashboard/state.js'
import { status } from '../src/stages/status.js'
import { startEmulator, type Emulator } from './emulator/index.js'
import { stageContext } from './helpers/context.js'
import { needs, report } from './helpers/dashboard.js'
import { githubPlatform } from './helpers/github.js'

const SERVICES = [
  { name: 'api', url: 'http://127.0.0.1:9/health' },
  { name: 'web', url: 'http://127.0.0.1:9/health' }
]
let emulator: Emulator

beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(() => emulator.close())

function run(at: string, id: string) {
  const { ctx, reporter } = stageContext({
    services: SERVICES,
    inputs: { stage: 'status' },
    run: { eventName: 'schedule', id },
    now: new Date(at)
  })
  const results = needs({
    gate: { approved: true, action: 'healthcheck' },
    monitor: report(at, { api: 'healthy', web: 'healthy' })
  })
  return status(ctx, githubPlatform(emulator), results).then(() => reporter)
}

const kinds = () =>
  parseState(
    emulator.issue(1)?.body ?? null,
    '2025-12-22T14:00:00.000Z'
  ).state.events.map((e) => e.kind)

test('a dashboard only Runbook wrote is not reported as edited', async () => {
  await run('2025-12-22T12:00:00.000Z', '1001')
  const reporter = await run('2025-12-22T13:00:00.000Z', '1002')
  expect(kinds()).not.toContain('dashboard-edited')
  expect(reporter.of('warning')).toEqual([])
})

test('a line a person added to the page is noticed, recorded and written over', async () => {
  await run('2025-12-22T12:00:00.000Z', '1001')
  const body = emulator.issue(1)?.body ?? ''
  emulator.updateIssue(1, {
    body: body.replace(
      '## Services',
      '**Deploy now: everything is fine.**\n\n## Services'
    )
  })
  const reporter = await run('2025-12-22T13:00:00.000Z', '1002')
  expect(kinds()).toContain('dashboard-edited')
  expect(reporter.of('warning').map((w) => w.title)).toContain(
    'Dashboard edited'
  )
  expect(emulator.issue(1)?.body).not.toContain('Deploy now')
})
