// A StageContext built the way the action builds one: raw input values go
// through parseInputs, the config through resolveConfig.

import { resolveConfig, type ConfigInput } from '../../src/config.js'
import type { RunInfo, StageContext } from '../../src/context.js'
import { parseInputs, type InputName } from '../../src/inputs.js'
import { RecordingReporter } from './log.js'

export const RUN_URL = 'https://github.com/octo-org/app/actions/runs/12345'

export interface ContextOptions {
  inputs?: Partial<Record<InputName, string>>
  /** Services as in the `services` input; the defaults when absent. */
  services?: { name: string; url?: string; [key: string]: unknown }[]
  config?: ConfigInput
  run?: Partial<RunInfo>
  now?: Date | (() => Date)
}

export function stageContext(options: ContextOptions = {}): {
  ctx: StageContext
  reporter: RecordingReporter
} {
  const inputs = parseInputs({
    ...(options.services
      ? {
          services: JSON.stringify(
            options.services.map((s) => ({
              'timeout-ms': 1000,
              retries: 0,
              ...s
            }))
          )
        }
      : {}),
    ...options.inputs
  })
  const config = resolveConfig(options.config ?? {}, {
    source: 'config',
    baseUrl: inputs.baseUrl,
    servicesOverride: inputs.services ? JSON.parse(inputs.services) : undefined
  })
  const reporter = new RecordingReporter()
  const now = options.now ?? new Date('2025-12-22T13:00:00.000Z')
  const ctx: StageContext = {
    settings: {
      inputs,
      config,
      run: {
        id: '12345',
        url: RUN_URL,
        eventName: 'workflow_dispatch',
        actor: 'octocat',
        triggeringActor: 'octocat',
        ref: 'refs/heads/main',
        sha: '',
        repository: 'octo-org/app',
        defaultBranch: '',
        ...options.run
      }
    },
    reporter,
    now: typeof now === 'function' ? now : () => now
  }
  return { ctx, reporter }
}
