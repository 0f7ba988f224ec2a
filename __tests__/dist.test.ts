// Runs the committed bundle as a runner does: a child process with INPUT_*
// variables and a GITHUB_OUTPUT file.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseOutputFile } from '../scripts/output-file.js'

const bundle = join(process.cwd(), 'dist', 'index.js')

function runBundle(
  env: Record<string, string>,
  cwd: string
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env }
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout }))
  })
}

describe('dist/index.js', () => {
  let dir: string
  let server: http.Server
  let port: number

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-dist-'))
    server = http.createServer((request, response) => {
      if (request.url === '/broken') {
        response.writeHead(503)
        return response.end('::error::injected\n')
      }
      response.end('{"status":"ok"}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  test('the monitor stage sets every output and writes the report', async () => {
    const output = join(dir, 'output')
    await writeFile(output, '')
    const services = [
      { name: 'fastapi', url: `http://127.0.0.1:${port}/health` },
      { name: 'flask', port, path: '/health' },
      { name: 'gradio', port, path: '/broken', retries: 0 }
    ]
    const { code, stdout } = await runBundle(
      {
        GITHUB_OUTPUT: output,
        GITHUB_RUN_ID: '777',
        INPUT_STAGE: 'monitor',
        INPUT_SERVICES: JSON.stringify(services),
        'INPUT_BASE-URL': 'http://127.0.0.1',
        'INPUT_REPORT-PATH': 'out/report.json'
      },
      dir
    )
    expect(code).toBe(1)
    const outputs = parseOutputFile(await readFile(output, 'utf8'))
    expect(outputs['monitoring-status']).toBe('critical')
    expect(outputs['fastapi-health']).toBe('healthy')
    expect(outputs['flask-health']).toBe('healthy')
    expect(outputs['gradio-health']).toBe('down')
    expect(JSON.parse(outputs.health ?? '')).toEqual({
      fastapi: 'healthy',
      flask: 'healthy',
      gradio: 'down'
    })
    expect(outputs['report-path']).toBe('out/report.json')
    const report = JSON.parse(
      await readFile(join(dir, 'out', 'report.json'), 'utf8')
    )
    expect(JSON.parse(outputs.report ?? '')).toEqual(report)
    expect(report).toMatchObject({
      run_id: '777',
      overall_status: 'critical',
      services: {
        gradio: {
          status: 'down',
          port,
          http_status: 503,
          attempts: 1,
          error: 'HTTP 503'
        }
      }
    })
    expect(stdout).toContain(
      '::error title=gradio down::gradio is down: HTTP 503'
    )
    expect(stdout).not.toMatch(/^::error::injected/m)
  })

  test('a bad input fails the step with one line naming it', async () => {
    const { code, stdout } = await runBundle(
      { INPUT_STAGE: 'launch', GITHUB_OUTPUT: join(dir, 'unused') },
      dir
    )
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /^::error::input `stage`: "launch" is not valid; allowed: gate, ci, deploy, monitor, rollback, status, notify, all$/m
    )
  })
})
