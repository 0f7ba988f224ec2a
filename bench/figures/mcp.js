// Figure 9: `runbook mcp`, the MCP server agents start. Alternating with
// `node -e 0`, the bundled CLI (bin/runbook.js → dist/cli) is spawned as an
// MCP client spawns it, against the GitHub REST emulator; measured are the
// time from spawn to the answer to `initialize`, and then the time of one
// `status` tool call (the dashboard issue, the recorded deployments and the
// halt tag read from the emulator). Both are reported as ratios of medians to
// `node -e 0`, measured side by side in the same run.

import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  ROOT,
  median,
  ms,
  startEmulator,
  timeProcess,
  workspace
} from '../lib.js'

const CLI = join(ROOT, 'bin', 'runbook.js')

/** One session: spawn → initialize answered → status answered → closed. */
function session(node, dir, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(node, [CLI, 'mcp', '--repo', env.REPOSITORY], {
      cwd: dir,
      env: {
        PATH: env.PATH,
        HOME: dir,
        GITHUB_API_URL: env.GITHUB_API_URL,
        GITHUB_TOKEN: env.GITHUB_TOKEN
      }
    })
    const send = (message) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
    let text = ''
    let stderr = ''
    let initializedAt = 0
    let statusSentAt = 0
    let result = null
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk) => {
      text += chunk
      let end
      while ((end = text.indexOf('\n')) >= 0) {
        const line = text.slice(0, end)
        text = text.slice(end + 1)
        const message = JSON.parse(line)
        if (message.id === 1) {
          initializedAt = performance.now() - started
          send({ method: 'notifications/initialized' })
          statusSentAt = performance.now()
          send({
            id: 2,
            method: 'tools/call',
            params: { name: 'status', arguments: {} }
          })
        } else if (message.id === 2) {
          result = {
            startMs: initializedAt,
            statusMs: performance.now() - statusSentAt,
            isError: message.result?.isError === true,
            text: message.result?.content?.[0]?.text ?? ''
          }
          child.stdin.end()
        }
      }
    })
    child.once('error', reject)
    child.once('close', (code) =>
      result
        ? resolve(result)
        : reject(new Error(`runbook mcp exit ${code}: ${stderr.slice(0, 300)}`))
    )
    send({
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'runbook-bench', version: '1.0.0' }
      }
    })
  })
}

export default {
  id: 'mcp',
  title: '`runbook mcp`: start-up and a status call vs `node -e 0`',
  async run(ctx) {
    const gh = await startEmulator()
    const ws = await workspace()
    try {
      const env = {
        PATH: process.env.PATH,
        GITHUB_API_URL: gh.url,
        GITHUB_TOKEN: gh.token,
        REPOSITORY: gh.repository
      }
      const times = { baseline: [], start: [], status: [] }
      let problem = null
      for (let i = 0; i < ctx.runs; i++) {
        times.baseline.push(
          (
            await timeProcess(ctx.node, ['-e', '0'], {
              env: { PATH: process.env.PATH }
            })
          ).wallMs
        )
        const run = await session(ctx.node, ws.dir, env)
        if (run.isError) problem ??= `status answered an error: ${run.text}`
        times.start.push(run.startMs)
        times.status.push(run.statusMs)
        ctx.progress()
      }
      const base = median(times.baseline)
      const start = median(times.start)
      const status = median(times.status)
      const details = [
        `node -e 0 median ${ms(base)}; spawn → initialize answered ${ms(start)}; status call ${ms(status)} (GitHub reads against the emulator)`
      ]
      if (problem) details.push(problem)
      return [
        {
          figure: '9. runbook mcp: spawn → initialize answered ÷ node -e 0',
          measured: problem
            ? 'failed'
            : `${(start / base).toFixed(2)}× (${ms(start)})`,
          target: 'reported',
          pass: problem ? false : null,
          details
        },
        {
          figure: '9. runbook mcp: one status call ÷ node -e 0',
          measured: problem
            ? 'failed'
            : `${(status / base).toFixed(2)}× (${ms(status)})`,
          target: 'reported',
          pass: problem ? false : null,
          details: []
        }
      ]
    } finally {
      await ws.remove()
      await gh.close()
    }
  }
}
