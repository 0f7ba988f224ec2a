import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  TABLE_HEADER,
  overallStatus,
  reportMarkdown,
  reportRows,
  writeReport,
  type Report
} from '../src/health-report.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-report-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const report: Report = {
  timestamp: '2025-12-22T13:00:00.000Z',
  run_id: '12345',
  overall_status: 'critical',
  services: {
    api: {
      status: 'healthy',
      port: 8000,
      url: 'http://localhost:8000/health',
      http_status: 200,
      latency_ms: 12,
      attempts: 1,
      error: null
    },
    db: {
      status: 'down',
      port: 5432,
      url: 'http://localhost:5432/health',
      http_status: null,
      latency_ms: null,
      attempts: 3,
      error: 'body did not contain "a|b"'
    }
  }
}

test('every healthy service is healthy overall', () => {
  expect(overallStatus(['healthy', 'healthy'])).toBe('healthy')
})

test('a degraded service without a down one is degraded overall', () => {
  expect(overallStatus(['healthy', 'degraded'])).toBe('degraded')
})

test('any down service is critical overall', () => {
  expect(overallStatus(['degraded', 'down', 'healthy'])).toBe('critical')
})

test('the table columns are service, state, HTTP status, latency, attempts and reason', () => {
  expect(TABLE_HEADER).toEqual([
    'service',
    'state',
    'HTTP status',
    'latency',
    'attempts',
    'reason'
  ])
})

test('a row shows a dash for an unknown status or latency', () => {
  expect(reportRows(report)).toEqual([
    ['api', 'healthy', '200', '12 ms', '1', ''],
    ['db', 'down', '–', '–', '3', 'body did not contain "a|b"']
  ])
})

test('the markdown table escapes a pipe in a reason', () => {
  const lines = reportMarkdown(report).split('\n')
  expect(lines[0]).toBe(
    '| service | state | HTTP status | latency | attempts | reason |'
  )
  expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- |')
  expect(lines[3]).toBe(
    '| db | 🔴 down | – | – | 3 | body did not contain "a\\|b" |'
  )
})

test('the report is written as indented JSON with a final newline, creating its folder', async () => {
  const path = join(dir, 'a', 'b', 'report.json')
  await writeReport(path, report)
  expect(await readFile(path, 'utf8')).toBe(
    `${JSON.stringify(report, null, 2)}\n`
  )
})
