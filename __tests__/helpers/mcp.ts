// The built `runbook mcp`, started as a child process and driven by the MCP
// SDK's own Client over stdio, as an agent's client drives it.

import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult
} from '@modelcontextprotocol/sdk/types.js'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const BIN = join(process.cwd(), 'bin', 'runbook.js')

export interface McpSession {
  client: Client
  /** What the server wrote on stderr so far. */
  stderr: () => string
  /** A tool call's result, or the JSON-RPC error it raised. */
  call: (
    name: string,
    args?: Record<string, unknown>
  ) => Promise<CallToolResult>
  close: () => Promise<void>
}

export interface McpStart {
  cwd: string
  env: Record<string, string>
  args?: string[]
  /** Answers the server's elicitations; without it the client has no elicitation capability. */
  elicit?: (message: string) => ElicitResult
}

/** Starts `bin/runbook.js mcp` with exactly `env` and connects a Client to it. */
export async function startMcp(start: McpStart): Promise<McpSession> {
  if (!existsSync(join(process.cwd(), 'dist', 'cli', 'index.js')))
    throw new Error('dist/cli is missing: run `npm run build` first')
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...(start.args ?? [])],
    cwd: start.cwd,
    env: start.env,
    stderr: 'pipe'
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const client = new Client(
    { name: 'runbook-test', version: '1.0.0' },
    { capabilities: start.elicit ? { elicitation: { form: {} } } : {} }
  )
  if (start.elicit) {
    const elicit = start.elicit
    client.setRequestHandler(ElicitRequestSchema, (request) =>
      elicit(request.params.message)
    )
  }
  await client.connect(transport)
  return {
    client,
    stderr: () => stderr,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close()
  }
}

/** The one text line of an isError result. */
export function errorText(result: CallToolResult): string {
  const first = result.content[0]
  return first && first.type === 'text' ? first.text : ''
}
