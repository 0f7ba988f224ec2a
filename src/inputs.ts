// The only module that reads the action's inputs. It validates every one with
// zod and turns them into one typed Inputs object that is passed down.

import { z } from 'zod'
import { InputError, quoteValue } from './errors.js'
import { ACTIONS, DEPLOYMENT_TAG, type Action } from './contract.js'
import { SERVICE_NAME } from './config.js'
import { cleanReason } from './reason.js'
import { getInput } from './action-io.js'

export const STAGES = [
  'gate',
  'ci',
  'deploy',
  'monitor',
  'rollback',
  'status',
  'notify',
  'all'
] as const

export type Stage = (typeof STAGES)[number]
export { ACTIONS, DEPLOYMENT_TAG, type Action }

/** A path or token: no control characters at all, line breaks included. */
const noLineControl = (value: string): boolean =>
  !/[\u0000-\u001f\u007f]/.test(value)

const webhookUrl = z.string().refine((value) => {
  if (value === '') return true
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}, 'must be an https:// webhook URL')

/** Each input with its default and what is allowed, in action.yml's terms. */
export const InputsSchema = z.strictObject({
  stage: z.enum(STAGES, { error: `allowed: ${STAGES.join(', ')}` }),
  action: z.union([z.enum(ACTIONS), z.literal('')], {
    error: `allowed: ${ACTIONS.join(', ')}, or empty to take it from the event`
  }),
  'target-component': z
    .string()
    .refine(
      (v) => v === 'all' || SERVICE_NAME.test(v),
      'allowed: all, or one service name (lowercase letters, digits, dashes)'
    ),
  'rollback-version': z
    .string()
    .refine(
      (v) => v === '' || DEPLOYMENT_TAG.test(v),
      'allowed: a tag deployment-YYYYMMDD-HHMMSS, or empty for the previous verified deployment'
    ),
  // Cleaned, never refused: an emergency stop must not fail on its wording.
  reason: z.string().transform(cleanReason),
  config: z
    .string()
    .min(1, 'allowed: a file path')
    .max(1024, 'allowed: a file path of at most 1024 characters')
    .refine(
      noLineControl,
      'allowed: a file path without control characters or line breaks'
    ),
  services: z
    .string()
    .max(1_000_000, 'allowed: a YAML or JSON list of at most 1 MB'),
  'base-url': z.string().refine((v) => {
    try {
      const url = new URL(v)
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.port === '' &&
        (url.pathname === '/' || url.pathname === '') &&
        url.search === '' &&
        url.hash === '' &&
        url.username === '' &&
        url.password === '' &&
        !/\/.+/.test(v.replace(/^https?:\/\//i, ''))
      )
    } catch {
      return false
    }
  }, 'allowed: a scheme and host only, like http://localhost or https://staging.example.com'),
  'github-token': z
    .string()
    .max(4096)
    .refine(noLineControl, 'allowed: a token'),
  'status-issue': z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'allowed: a positive issue number'),
  'slack-webhook-url': webhookUrl,
  'discord-webhook-url': webhookUrl,
  results: z.string().max(10_000_000, 'allowed: JSON of at most 10 MB'),
  'report-path': z
    .string()
    .min(1)
    .max(1024, 'allowed: a file path of at most 1024 characters')
    .refine(
      noLineControl,
      'allowed: a file path without control characters or line breaks'
    ),
  'dry-run': z.enum(['true', 'false'], {
    error: 'allowed: true or false'
  })
})

/** The inputs as the stages use them, named in camelCase. */
const settingsOf = (v: z.output<typeof InputsSchema>) => ({
  stage: v.stage,
  action: v.action,
  targetComponent: v['target-component'],
  rollbackVersion: v['rollback-version'],
  /** Cleaned to one line of visible text, at most REASON_MAX characters. */
  reason: v.reason,
  config: v.config,
  services: v.services,
  baseUrl: v['base-url'].replace(/\/+$/, ''),
  githubToken: v['github-token'],
  statusIssue: Number(v['status-issue']),
  slackWebhookUrl: v['slack-webhook-url'],
  discordWebhookUrl: v['discord-webhook-url'],
  results: v.results,
  reportPath: v['report-path'],
  dryRun: v['dry-run'] === 'true'
})

export type Inputs = ReturnType<typeof settingsOf>
export type RawInputs = z.input<typeof InputsSchema>
export type InputName = keyof RawInputs

export const INPUT_DEFAULTS: RawInputs = {
  stage: 'all',
  action: '',
  'target-component': 'all',
  'rollback-version': '',
  reason: '',
  config: '.github/runbook.yml',
  services: '',
  'base-url': 'http://localhost',
  'github-token': '',
  'status-issue': '1',
  'slack-webhook-url': '',
  'discord-webhook-url': '',
  results: '',
  'report-path': 'runbook-report.json',
  'dry-run': 'false'
}

const SECRET_INPUTS: ReadonlySet<string> = new Set([
  'github-token',
  'slack-webhook-url',
  'discord-webhook-url'
])

/**
 * Validates raw input values (an absent or empty one takes its default) and
 * throws one InputError naming the input, the value and what is allowed.
 */
export function parseInputs(
  given: Partial<Record<InputName, string | undefined>>
): Inputs {
  const raw = { ...INPUT_DEFAULTS }
  for (const name of Object.keys(INPUT_DEFAULTS) as InputName[]) {
    let value = given[name]
    if (value === undefined) continue
    if (name !== 'reason' && name !== 'services' && name !== 'results')
      value = value.trim()
    // Booleans follow the YAML 1.2 core schema, as core.getBooleanInput does.
    if (
      name === 'dry-run' &&
      /^(true|True|TRUE|false|False|FALSE)$/.test(value)
    )
      value = value.toLowerCase()
    if (value !== '') raw[name] = value as never
  }
  const parsed = InputsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'unknown') as InputName
    const shown = SECRET_INPUTS.has(name)
      ? '(value hidden)'
      : quoteValue(raw[name])
    throw new InputError(
      `input \`${name}\`: ${shown} is not valid; ${issue?.message ?? 'invalid'}`
    )
  }
  return settingsOf(parsed.data)
}

/** Reads and validates every input of the action. */
export function readActionInputs(): Inputs {
  const given: Partial<Record<InputName, string>> = {}
  for (const name of Object.keys(INPUT_DEFAULTS) as InputName[])
    given[name] = getInput(name)
  return parseInputs(given)
}

export function isSecretInput(name: string): boolean {
  return SECRET_INPUTS.has(name)
}
