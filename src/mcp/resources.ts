// The runbook as MCP resources: the dashboard (re-rendered from its
// validated state, never the raw text), the validated state as
// JSON, and the runbook for agents, docs/AI_AGENT_RUNBOOK.md.

import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { renderDashboard } from '../dashboard/render.js'
import type { Backend } from './backend.js'
import { readStatus } from './status.js'

export const RESOURCES = {
  dashboard: 'runbook://dashboard',
  state: 'runbook://state',
  runbook: 'runbook://docs/AI_AGENT_RUNBOOK.md'
} as const

const DOC = 'AI_AGENT_RUNBOOK.md'

/**
 * The runbook document of this copy of Runbook: next to the bundle
 * (dist/cli/…) or the sources (src/mcp/…), two folders up, in docs/.
 */
async function readRunbook(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url))
  const root = join(here, '..', '..')
  return readFile(join(root, 'docs', DOC), 'utf8')
}

export function registerResources(server: McpServer, backend: Backend): void {
  const read = async () => {
    const config = await backend.config()
    const { state, output } = await readStatus(
      await backend.platform(),
      config,
      { mode: backend.mode, repository: backend.options.repository }
    ).catch((error: unknown) => {
      throw new Error(backend.explain(error))
    })
    return { config, state, output }
  }

  server.registerResource(
    'dashboard',
    RESOURCES.dashboard,
    {
      title: 'Runbook dashboard',
      description:
        'The status dashboard as people see it, rendered again from its validated state',
      mimeType: 'text/markdown'
    },
    async (uri) => {
      const { config, state } = await read()
      const text = renderDashboard(structuredClone(state), {
        services: config.services,
        now: state.updated_at,
        runUrl: '',
        repository: backend.options.repository
      })
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] }
    }
  )

  server.registerResource(
    'state',
    RESOURCES.state,
    {
      title: 'Runbook state',
      description:
        "The dashboard's state block, validated (what `runbook status --json` prints)",
      mimeType: 'application/json'
    },
    async (uri) => {
      const { state } = await read()
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify(state, null, 2)
          }
        ]
      }
    }
  )

  server.registerResource(
    'runbook',
    RESOURCES.runbook,
    {
      title: 'The runbook for people and AI agents',
      description:
        'What each action does, how to read the state and decide, the security model and the emergency procedures',
      mimeType: 'text/markdown'
    },
    async (uri) => ({
      contents: [
        { uri: uri.href, mimeType: 'text/markdown', text: await readRunbook() }
      ]
    })
  )
}
