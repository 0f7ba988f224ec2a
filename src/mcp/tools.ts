// The runbook as MCP tools. The read-only ones (status, healthcheck, plan,
// watch_run) change nothing anywhere; run_action passes the same validation
// and safety gate as the workflow, needs confirm: true and, where the client
// can ask, the person's yes to the exact command. Every failure is one
// isError line that says what is missing and how to fix it.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { InputError } from '../errors.js'
import { PlatformError } from '../platform/github.js'
import { monitor } from '../stages/monitor.js'
import { Backend, ToolError } from './backend.js'
import { dispatch, watch, type Watched } from './dispatch.js'
import { runLocally } from './local-run.js'
import { commandFor, dispatchInputs, planAction } from './plan.js'
import { log } from './log.js'
import {
  HealthcheckOutput,
  PlanInput,
  PlanOutput,
  RunActionInput,
  RunActionOutput,
  StatusOutput,
  WatchRunInput,
  WatchRunOutput
} from './schemas.js'
import { readStatus } from './status.js'

/** How run_action looks for the run its dispatch made, and watch_run polls. */
export interface ToolTiming {
  findRunMs: number
  pollMs: number
  /** How long the person has to answer the confirmation. */
  confirmMs: number
}

export const DEFAULT_TIMING: ToolTiming = {
  findRunMs: 20_000,
  pollMs: 3_000,
  confirmMs: 300_000
}

interface Answer<T> {
  summary: string
  data: T
}

/**
 * Runs a tool body: its answer as structured content (and the same JSON as
 * text, for clients that read only text), or one isError line. A failure
 * that is not the user's or GitHub's is a bug: its stack goes to stderr.
 */
async function answer<T extends object>(
  backend: Backend,
  body: () => Promise<Answer<T>>
): Promise<CallToolResult> {
  try {
    const { summary, data } = await body()
    return {
      content: [
        { type: 'text', text: summary },
        { type: 'text', text: JSON.stringify(data, null, 2) }
      ],
      structuredContent: data as Record<string, unknown>
    }
  } catch (error) {
    if (
      !(error instanceof ToolError) &&
      !(error instanceof InputError) &&
      !(error instanceof PlatformError) &&
      error instanceof Error
    )
      log(error.stack ?? error.message)
    return {
      content: [{ type: 'text', text: backend.explain(error) }],
      isError: true
    }
  }
}

const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true
} as const

export function registerTools(
  server: McpServer,
  backend: Backend,
  timing: ToolTiming = DEFAULT_TIMING
): void {
  const where = () => ({
    mode: backend.mode,
    repository: backend.options.repository
  })
  const status = async (): Promise<StatusOutput> => {
    const platform = await backend.platform()
    return (await readStatus(platform, await backend.config(), where())).output
  }

  const plan = async (args: PlanInput): Promise<PlanOutput> => {
    const inputs = backend.inputs({
      stage: 'gate',
      action: args.action,
      'target-component': args.target_component,
      'rollback-version': args.rollback_version,
      reason: args.reason,
      'dry-run': String(args.dry_run)
    })
    const config = await backend.config(inputs)
    const platform = await backend.platform()
    const ctx = backend.context(inputs, config, await backend.runInfo())
    return planAction(ctx, platform, args, backend.mode)
  }

  server.registerTool(
    'status',
    {
      title: 'Runbook status',
      description:
        'The situation now: overall health, the halt lock, each service (health, since when, what version runs and the last verified one) and the one recommended next step (situation, command, why). Read from the dashboard state (validated) and the recorded GitHub Deployments and tags. Changes nothing.',
      outputSchema: StatusOutput,
      annotations: { title: 'Runbook status', ...READ_ONLY }
    },
    () =>
      answer(backend, async () => {
        const data = await status()
        return {
          summary: `${data.overall}${data.halt ? ', halted' : ''}${data.stopped ? ', stopped' : ''}; next (${data.next.situation}): ${data.next.command ?? 'none'}`,
          data
        }
      })
  )

  server.registerTool(
    'healthcheck',
    {
      title: 'Probe the services now',
      description:
        'Runs the configured HTTP health checks now, from this machine, and returns the monitoring report (per service: status, HTTP status, latency, attempts, error). Writes no report file and changes nothing.',
      outputSchema: HealthcheckOutput,
      annotations: { title: 'Probe the services now', ...READ_ONLY }
    },
    () =>
      answer(backend, async () => {
        const inputs = backend.inputs({ stage: 'monitor', 'dry-run': 'true' })
        const ctx = backend.context(inputs, await backend.config(inputs), {
          id: 'mcp',
          url: '',
          eventName: 'local',
          actor: '',
          triggeringActor: '',
          ref: '',
          sha: '',
          repository: backend.options.repository,
          defaultBranch: ''
        })
        const { report } = await monitor(ctx)
        const down = Object.entries(report.services)
          .filter(([, s]) => s.status !== 'healthy')
          .map(([name, s]) => `${name} ${s.status}`)
        return {
          summary: `${report.overall_status}${down.length ? ` (${down.join(', ')})` : ''}`,
          data: report
        }
      })
  )

  server.registerTool(
    'plan',
    {
      title: 'Plan an action',
      description:
        'What an action would do, without doing it: the safety gate’s decision and reason (the same checks the workflow makes: halt lock, branch, actor permission, rollback target), the jobs that would run, the rollback target and the exact command. Writes nothing.',
      inputSchema: PlanInput,
      outputSchema: PlanOutput,
      annotations: { title: 'Plan an action', ...READ_ONLY }
    },
    (args) =>
      answer(backend, async () => {
        const data = await plan(args)
        return {
          summary: data.approved
            ? `${data.action} would be approved: ${data.command}`
            : `${data.action} would be refused: ${data.reason}`,
          data
        }
      })
  )

  server.registerTool(
    'run_action',
    {
      title: 'Run an action',
      description:
        'Runs deploy, update-component, rollback, emergency-stop, resume or healthcheck: dispatches the ai-agent-handoff-runbook.yml workflow (local mode: runs the engine here). The same validation and safety gate as the workflow run first, and a refusal dispatches nothing. Needs confirm: true; where the client supports it, the person is asked to confirm the exact command. emergency-stop is never held back by the gate or a confirmation: only the token’s permissions can stop it. Returns the run’s id and URL for watch_run.',
      inputSchema: RunActionInput,
      outputSchema: RunActionOutput,
      annotations: {
        title: 'Run an action',
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: true
      }
    },
    (args) =>
      answer(backend, async () => {
        const stop = args.action === 'emergency-stop'
        const reason = backend.inputs({ reason: args.reason }).reason
        let inputs = dispatchInputs({ ...args, reason })
        if (!args.confirm)
          throw new ToolError(
            `run_action needs confirm: true, so nothing was run: read the plan (tool plan), then call run_action again with confirm: true to run ${commandFor(inputs, backend.mode)}`
          )
        if (!stop) {
          const planned = await plan(args)
          if (!planned.approved)
            throw new ToolError(
              `${planned.action} refused by the safety gate, so nothing was run: ${planned.reason}`
            )
          // What the person confirms is what runs: the resolved rollback target included.
          inputs = dispatchInputs({
            ...args,
            reason,
            rollback_version: planned.rollback_version
          })
        }
        const command = commandFor(inputs, backend.mode)
        const confirmedBy = stop
          ? 'confirm-flag'
          : await confirm(server, backend, command, timing)
        const base = {
          mode: backend.mode,
          action: args.action,
          command,
          confirmed_by: confirmedBy,
          inputs
        } as const
        if (backend.mode === 'local') {
          const engineInputs = backend.inputs({
            stage: 'all',
            action: args.action,
            'target-component': inputs.target_component,
            'rollback-version': inputs.rollback_version,
            reason,
            'dry-run': String(args.dry_run)
          })
          const ctx = backend.context(
            engineInputs,
            await backend.config(engineInputs),
            await backend.runInfo()
          )
          const outcome = await runLocally(ctx, await backend.platform())
          const data: RunActionOutput = {
            ...base,
            run: null,
            failure: outcome.failure,
            outputs: outcome.outputs,
            note: outcome.failure
              ? `ran locally and failed: ${outcome.failure}`
              : 'ran locally; call status for the new situation'
          }
          return { summary: `${command}: ${data.note}`, data }
        }
        const view = await backend.github()
        const run = await dispatch(view, await view.defaultBranch(), inputs, {
          findMs: timing.findRunMs,
          pollMs: Math.min(timing.pollMs, 1000)
        })
        const data: RunActionOutput = {
          ...base,
          run,
          failure: null,
          outputs: {},
          note: run
            ? `dispatched: follow it with watch_run (run_id ${run.id})`
            : `dispatched, but the run did not appear within ${Math.round(timing.findRunMs / 1000)} s: see https://github.com/${view.owner}/${view.repo}/actions/workflows/ai-agent-handoff-runbook.yml`
        }
        return { summary: `${command}: ${data.note}`, data }
      })
  )

  server.registerTool(
    'watch_run',
    {
      title: 'Follow a run',
      description:
        'Follows a run that run_action dispatched until it ends or timeout_seconds pass, and returns each job’s result; once the run has ended, also the new situation (as the status tool gives it). Changes nothing.',
      inputSchema: WatchRunInput,
      outputSchema: WatchRunOutput,
      annotations: { title: 'Follow a run', ...READ_ONLY }
    },
    (args, extra) =>
      answer(backend, async () => {
        const view = await backend.github()
        const token = extra._meta?.progressToken
        let polls = 0
        const progress = async (w: Watched): Promise<void> => {
          if (token === undefined) return
          polls++
          await extra.sendNotification({
            method: 'notifications/progress',
            params: {
              progressToken: token,
              progress: polls,
              message: `${w.status}: ${w.jobs.map((j) => `${j.name} ${j.conclusion ?? j.status}`).join(', ')}`
            }
          })
        }
        const watched = await watch(
          view,
          args.run_id,
          args.timeout_seconds * 1000,
          timing.pollMs,
          progress
        )
        let situation: StatusOutput | null = null
        if (watched.ended)
          situation = await status().catch((error: unknown) => {
            log(
              `the run ended, but the status could not be read: ${backend.explain(error)}`
            )
            return null
          })
        const data = { run_id: args.run_id, ...watched, situation }
        return {
          summary: watched.ended
            ? `run ${args.run_id} ${watched.conclusion ?? 'ended'}${situation ? `; now ${situation.overall}, next: ${situation.next.command ?? 'none'}` : ''}`
            : `run ${args.run_id} still ${watched.status} after ${args.timeout_seconds} s: call watch_run again`,
          data
        }
      })
  )
}

/**
 * The person's yes to the exact command, where the client can ask (MCP
 * elicitation); else the caller's confirm: true stands alone.
 */
async function confirm(
  server: McpServer,
  backend: Backend,
  command: string,
  timing: ToolTiming
): Promise<'person' | 'confirm-flag'> {
  if (!server.server.getClientCapabilities()?.elicitation) return 'confirm-flag'
  const where =
    backend.mode === 'local'
      ? 'on this machine'
      : `on ${backend.options.repository}`
  let result
  try {
    result = await server.server.elicitInput(
      {
        mode: 'form',
        message: `An agent asks to run this ${where}:\n\n${command}\n\nRun it?`,
        requestedSchema: {
          type: 'object',
          properties: {
            confirm: {
              type: 'boolean',
              title: 'Run it',
              description: command,
              default: false
            }
          },
          required: ['confirm']
        }
      },
      { timeout: timing.confirmMs }
    )
  } catch (error) {
    throw new ToolError(
      `could not get the person's confirmation (${backend.explain(error)}), so nothing was run`
    )
  }
  if (result.action !== 'accept' || result.content?.confirm !== true)
    throw new ToolError(
      `the person did not confirm (${result.action === 'accept' ? 'left "Run it" unticked' : result.action}), so nothing was run: ${command}`
    )
  return 'person'
}
