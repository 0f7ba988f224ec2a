// `runbook mcp`: the runbook as an MCP server over stdio, for AI agents.
// stdout carries only protocol messages; every log line goes to stderr.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { InputError, errorMessage } from '../errors.js'
import { Backend } from './backend.js'
import { MCP_USAGE, parseMcpArgs } from './options.js'
import { log } from './log.js'
import { registerResources } from './resources.js'
import { DEFAULT_TIMING, registerTools } from './tools.js'

const INSTRUCTIONS = `Runbook operates a multi-service application: deploy, update one component, roll back, emergency-stop, resume, health-check.
Start with the status tool: it gives the situation and the one recommended next step. Before acting, call plan with the same arguments: it runs the safety gate and changes nothing. run_action acts: it needs confirm: true, and the person may be asked to confirm the exact command. Follow a dispatched run with watch_run.
If services are doing harm, run_action with action emergency-stop and a reason: it is never held back by the gate. The resource runbook://docs/AI_AGENT_RUNBOOK.md is the full runbook.`

/** Serves until the client closes stdin; returns the exit code. */
export async function runMcp(argv: string[]): Promise<number> {
  let options
  try {
    options = await parseMcpArgs(argv, process.env)
  } catch (error) {
    const message =
      error instanceof InputError ? error.message : errorMessage(error)
    process.stderr.write(`runbook mcp: ${message}\n\n${MCP_USAGE}`)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(MCP_USAGE)
    return 0
  }
  const backend = new Backend(options, process.env)
  const server = new McpServer(
    { name: 'runbook', title: 'Runbook', version: '0.1.0' },
    { instructions: INSTRUCTIONS }
  )
  registerTools(server, backend, DEFAULT_TIMING)
  registerResources(server, backend)

  const transport = new StdioServerTransport()
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve()
  })
  server.server.onerror = (error) => log(`protocol error: ${error.message}`)
  await server.connect(transport)
  log(
    options.local
      ? `serving the local state in ${options.stateDir} over stdio`
      : options.repository
        ? `serving ${options.repository} (${options.apiUrl}) over stdio`
        : `serving over stdio; ${options.repositoryProblem}`
  )
  // The client ends the session by closing our stdin.
  process.stdin.once('end', () => void server.close())
  await closed
  return 0
}
