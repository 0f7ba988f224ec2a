// The runbook configuration: one zod schema for `.github/runbook.yml` and the
// inline `services` input, the built-in defaults, and the JSON Schema export.

import { readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { closest } from './closest.js'
import { InputError, quoteValue } from './errors.js'

export const SERVICE_NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/
export const MAX_SERVICES = 500

/** The one rule for ports, whether given as `port` or inside a `url`. */
export const PORT_RULE = 'a port must be 1–65535'

/** Why a URL cannot be probed, or undefined when it can. */
function urlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    // new URL() refuses a port above 65535 too: say so, not just "no URL".
    const port = /^https?:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1]
    return port !== undefined && Number(port) > 65535
      ? `must be an http:// or https:// URL; ${PORT_RULE}`
      : 'must be an http:// or https:// URL without credentials'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'must be an http:// or https:// URL without credentials'
  if (url.username !== '' || url.password !== '')
    return 'must be an http:// or https:// URL without credentials'
  // An explicit :0 (or :00) parses, and would be "connection refused" later.
  if (url.port === '0')
    return `must be an http:// or https:// URL; ${PORT_RULE}`
  return undefined
}

const httpUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = urlProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const command = z
  .string()
  .min(1)
  .max(4000)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL')

/** A variable name as a shell writes it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const RESERVED_ENV_NAMES: ReadonlySet<string> = new Set([
  'GITHUB_TOKEN',
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_STATE',
  'GITHUB_PATH',
  'GITHUB_STEP_SUMMARY'
])
const RESERVED_ENV_PREFIXES = ['ACTIONS_', 'INPUT_', 'RUNBOOK_']

/**
 * Variables no command ever receives from the step: the runner's tokens,
 * the action's inputs (the token, the webhook URLs), the files through which
 * a step sets outputs and environment, and the RUNBOOK_* values Runbook sets
 * itself. Compared in upper case, as Windows does.
 */
export function isReservedEnvName(name: string): boolean {
  const upper = name.toUpperCase()
  return (
    RESERVED_ENV_NAMES.has(upper) ||
    RESERVED_ENV_PREFIXES.some((prefix) => upper.startsWith(prefix))
  )
}

const passEnvName = z
  .string()
  .max(255)
  .regex(
    ENV_NAME,
    'must be an environment variable name: letters, digits and underscores, not starting with a digit'
  )
  .refine(
    (name) => !isReservedEnvName(name),
    `is the runner's or Runbook's own and is never passed to commands; refused: ${[...RESERVED_ENV_NAMES].join(', ')} and names starting with ${RESERVED_ENV_PREFIXES.join(', ')}`
  )

/** The largest CA file read: a full public bundle is about 220 KiB. */
export const CA_FILE_MAX_BYTES = 1024 * 1024

const TlsSchema = z
  .strictObject({
    'ca-file': z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required: the path of a PEM file of CA certificates'
            : 'must be the path of a PEM file of CA certificates'
      })
      .min(1)
      .max(1024)
      .refine((value) => !value.includes('\u0000'), 'must not contain NUL')
      .describe(
        'PEM file of CA certificates trusted for https:// probes, besides the public ones.'
      )
  })
  .describe('How https:// health checks verify certificates.')

export const ServiceSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        SERVICE_NAME,
        'must be lowercase letters, digits and dashes, at most 40, not starting or ending with a dash'
      )
      .describe('Unique service name, [a-z0-9-]+.'),
    title: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Human-readable name for the dashboard.'),
    url: httpUrl
      .optional()
      .describe('Health endpoint. Default: base-url, port and path.'),
    port: z
      .int(PORT_RULE)
      .min(1, PORT_RULE)
      .max(65535, PORT_RULE)
      .optional()
      .describe('Port on base-url, used when url is not given.'),
    path: z
      .string()
      .regex(/^\/[^\s]*$/, 'must start with / and contain no spaces')
      .max(1024)
      .optional()
      .describe(
        'Path on base-url, used when url is not given. Default /health.'
      ),
    expect: z
      .strictObject({
        status: z
          .array(z.int().min(100).max(599))
          .min(1)
          .max(50)
          .optional()
          .describe('Accepted HTTP statuses. Default: any 2xx.'),
        'body-contains': z
          .string()
          .min(1)
          .max(1000)
          .optional()
          .describe('Text the body (first 64 KiB) must contain.'),
        version: z
          .boolean()
          .optional()
          .describe(
            'After a deploy, the body must contain the deployed commit SHA.'
          )
      })
      .optional(),
    'timeout-ms': z
      .int()
      .min(100)
      .max(120_000)
      .default(5000)
      .describe('Bound on one attempt: connect, headers and body.'),
    retries: z
      .int()
      .min(0)
      .max(10)
      .default(2)
      .describe('Extra attempts inside one run, after a failure only.'),
    'degraded-latency-ms': z
      .int()
      .min(1)
      .max(600_000)
      .default(2000)
      .describe('Slower than this is degraded.'),
    tls: TlsSchema.optional(),
    deploy: command
      .optional()
      .describe('Run with bash at deploy and rollback.'),
    stop: command.optional().describe('Run with bash at emergency stop.')
  })
  .refine((s) => !(s.url !== undefined && s.port !== undefined), {
    message: 'give either url or port, not both'
  })

export const ConfigSchema = z.strictObject({
  services: z
    .array(ServiceSchema)
    .min(1)
    .max(MAX_SERVICES)
    .superRefine((services, ctx) => {
      const seen = new Set<string>()
      for (const service of services) {
        if (seen.has(service.name))
          ctx.addIssue({
            code: 'custom',
            message: `service name ${quoteValue(service.name)} is used twice; names must be unique`
          })
        seen.add(service.name)
      }
    })
    .optional()
    .describe(
      'The services to deploy and monitor. Default: fastapi, flask, gradio.'
    ),
  dashboard: z
    .strictObject({
      issue: z.int().min(1).optional().describe('Dashboard issue number.'),
      'failure-threshold': z
        .int()
        .min(1)
        .max(100)
        .default(1)
        .describe('Failed runs in a row before a service is confirmed down.'),
      'success-threshold': z
        .int()
        .min(1)
        .max(100)
        .default(1)
        .describe('Good runs in a row before a service is confirmed up.')
    })
    .prefault({}),
  notify: z
    .strictObject({
      'reminder-hours': z
        .number()
        .min(1)
        .max(24 * 30)
        .default(24)
        .describe('While critical, remind at most this often.'),
      webhooks: z
        .array(httpUrl)
        .max(10)
        .default([])
        .describe('Generic JSON webhooks receiving every notification.')
    })
    .prefault({}),
  deployment: z
    .strictObject({
      environment: z
        .string()
        .regex(/^[A-Za-z0-9._ -]{1,100}$/, 'must be a GitHub environment name')
        .default('production')
        .describe('GitHub environment of the deployments.'),
      'timeout-ms': z
        .int()
        .min(1000)
        .max(6 * 3600 * 1000)
        .default(600_000)
        .describe('Bound on one deploy or stop command.'),
      'pass-env': z
        .array(passEnvName)
        .max(100)
        .default([])
        .describe(
          "Names of variables of the step's environment that deploy and stop commands receive, e.g. [DEPLOY_KEY, KUBECONFIG]."
        )
    })
    .prefault({}),
  monitor: z
    .strictObject({
      'grace-period-ms': z
        .int()
        .min(0)
        .max(600_000)
        .default(60_000)
        .describe('After a deploy, how long services may take to come up.')
    })
    .prefault({}),
  tls: TlsSchema.optional()
})

export type ServiceInput = z.input<typeof ServiceSchema>
export type ConfigInput = z.input<typeof ConfigSchema>

/** A service with its URL resolved and every default applied. */
export interface Service {
  name: string
  title: string
  url: string
  port: number
  expect: { status?: number[]; bodyContains?: string; version: boolean }
  timeoutMs: number
  retries: number
  degradedLatencyMs: number
  /** Absent when the service trusts only the public certificate authorities. */
  tls?: ServiceTls
  deploy?: string
  stop?: string
}

/** What an https:// probe trusts besides the public roots. */
export interface ServiceTls {
  /** PEM certificates: those of the top-level ca-file, then the service's. */
  ca: string[]
}

export interface Config {
  services: Service[]
  dashboard: {
    issue?: number
    failureThreshold: number
    successThreshold: number
  }
  notify: { reminderHours: number; webhooks: string[] }
  monitor: { gracePeriodMs: number }
  deployment: { environment: string; timeoutMs: number; passEnv: string[] }
}

export const DEFAULT_SERVICES: ServiceInput[] = [
  { name: 'fastapi', title: 'FastAPI Quantum Conduit', port: 8000 },
  { name: 'flask', title: 'Flask Glyph Weaver', port: 5000 },
  { name: 'gradio', title: 'Gradio Truth Mirror', port: 7860 }
]

/** The JSON Schema for `.github/runbook.yml`, as committed in `schema/`. */
export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input' }),
    title: 'Runbook configuration (.github/runbook.yml)'
  }
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_ISSUES = 20

/**
 * Every zod issue, one line each, naming where, what is allowed and what was
 * given: all the mistakes of a file are fixed in one round, not one per run.
 */
export function describeIssues(
  source: string,
  data: unknown,
  error: z.ZodError
): string {
  const lines = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownKeyLine(source, data, issue.path, key))
      : [issueLine(source, data, issue)]
  )
  if (lines.length === 0) return `${source}: invalid`
  if (lines.length <= MAX_LISTED_ISSUES) return lines.join('\n')
  return [
    ...lines.slice(0, MAX_LISTED_ISSUES),
    `${source}: ${lines.length - MAX_LISTED_ISSUES} more problems not listed`
  ].join('\n')
}

function issueLine(
  source: string,
  data: unknown,
  issue: z.core.$ZodIssue
): string {
  const value = valueAt(data, issue.path)
  const got = value === undefined ? '' : ` (got ${quoteValue(value)})`
  return `${where(source, issue.path)}: ${issue.message}${got}`
}

function unknownKeyLine(
  source: string,
  data: unknown,
  path: PropertyKey[],
  key: string
): string {
  const allowed = allowedKeys(path)
  const guess = closest(key, allowed)
  const value = valueAt(data, [...path, key])
  return (
    `${where(source, [...path, key])}: unknown key` +
    (guess ? ` (did you mean \`${guess}\`?)` : '') +
    `; allowed here: ${allowed.length ? allowed.join(', ') : 'see schema/runbook.schema.json'}` +
    ` (got ${quoteValue(value)})`
  )
}

/** `config x at .services[0].url`: the source and the path of the value. */
function where(source: string, path: PropertyKey[]): string {
  if (path.length === 0) return source
  const segments = path.map((p) =>
    typeof p === 'number'
      ? `[${p}]`
      : // A key from the file is shown as written only when it is plain.
        /^[\w-]{1,60}$/.test(String(p))
        ? `.${String(p)}`
        : `[${quoteValue(String(p), 40)}]`
  )
  return `${source} at ${segments.join('')}`
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value = data
  for (const key of path)
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined
  return value
}

/** The keys allowed in the object at `path`; none when it is not known. */
function allowedKeys(path: PropertyKey[]): string[] {
  const keys = (schema: z.ZodObject): string[] => Object.keys(schema.shape)
  if (typeof path[0] === 'number') path = ['services', ...path]
  const [top, , sub] = path
  if (path.length === 0) return keys(ConfigSchema)
  if (top === 'services')
    return sub === 'expect'
      ? keys(ServiceSchema.shape.expect.unwrap())
      : sub === 'tls'
        ? keys(TlsSchema)
        : keys(ServiceSchema)
  if (top === 'tls') return keys(TlsSchema)
  if (top === 'dashboard') return keys(ConfigSchema.shape.dashboard.unwrap())
  if (top === 'notify') return keys(ConfigSchema.shape.notify.unwrap())
  if (top === 'deployment') return keys(ConfigSchema.shape.deployment.unwrap())
  if (top === 'monitor') return keys(ConfigSchema.shape.monitor.unwrap())
  return []
}

/** Parses YAML or JSON text; a syntax error becomes an InputError for `source`. */
export async function parseYamlText(
  source: string,
  text: string
): Promise<unknown> {
  // JSON is YAML too; JSON.parse is far cheaper than loading the YAML parser.
  if (/^\s*[[{]/.test(text))
    try {
      return JSON.parse(text)
    } catch {
      // Flow-style YAML such as [{ name: api }]: the YAML parser reads it.
    }
  try {
    const { parse } = await import('yaml')
    return parse(text, { maxAliasCount: 100, uniqueKeys: true })
  } catch (error) {
    const first = (
      error instanceof Error ? error.message : String(error)
    ).split('\n')[0]
    throw new InputError(`${source}: not valid YAML or JSON: ${first}`)
  }
}

/** Validates and resolves a configuration object. */
export function resolveConfig(
  raw: unknown,
  options: {
    source: string
    baseUrl: string
    servicesOverride?: unknown
    /** Where the config's ca-file paths start. Default: the working directory. */
    configDir?: string
  }
): Config {
  const parsed = ConfigSchema.safeParse(raw ?? {})
  if (!parsed.success)
    throw new InputError(describeIssues(options.source, raw, parsed.error))
  let serviceInputs: z.output<typeof ServiceSchema>[] =
    parsed.data.services ?? DEFAULT_SERVICES.map((s) => ServiceSchema.parse(s))
  if (options.servicesOverride !== undefined) {
    const list = ConfigSchema.shape.services.safeParse(options.servicesOverride)
    if (!list.success || list.data === undefined)
      throw new InputError(
        list.success
          ? 'input `services`: must be a list of services'
          : describeIssues(
              'input `services`',
              options.servicesOverride,
              list.error
            )
      )
    serviceInputs = list.data
  }
  const services = serviceInputs.map((s) => resolveService(s, options.baseUrl))
  resolveTls(services, serviceInputs, parsed.data.tls, {
    ...options,
    fromInput: options.servicesOverride !== undefined
  })
  // Every section has its defaults in the schema, absent or not.
  const { dashboard, notify, monitor, deployment } = parsed.data
  return {
    services,
    dashboard: {
      issue: dashboard.issue,
      failureThreshold: dashboard['failure-threshold'],
      successThreshold: dashboard['success-threshold']
    },
    notify: {
      reminderHours: notify['reminder-hours'],
      webhooks: notify.webhooks
    },
    monitor: { gracePeriodMs: monitor['grace-period-ms'] },
    deployment: {
      environment: deployment.environment,
      timeoutMs: deployment['timeout-ms'],
      passEnv: [...new Set(deployment['pass-env'])]
    }
  }
}

function resolveService(
  s: z.output<typeof ServiceSchema>,
  baseUrl: string
): Service {
  let url = s.url
  if (url === undefined) {
    const base = new URL(baseUrl)
    if (s.port !== undefined) base.port = String(s.port)
    // A path may carry a query: /status?full=1.
    const [pathname = '/health', query] = (s.path ?? '/health').split('?', 2)
    base.pathname = pathname
    if (query !== undefined) base.search = query
    url = base.toString()
  }
  const parsedUrl = new URL(url)
  const port = parsedUrl.port
    ? Number(parsedUrl.port)
    : parsedUrl.protocol === 'https:'
      ? 443
      : 80
  return {
    name: s.name,
    title: s.title ?? s.name,
    url,
    port,
    expect: {
      status: s.expect?.status,
      bodyContains: s.expect?.['body-contains'],
      version: s.expect?.version ?? false
    },
    timeoutMs: s['timeout-ms'],
    retries: s.retries,
    degradedLatencyMs: s['degraded-latency-ms'],
    deploy: s.deploy,
    stop: s.stop
  }
}

/**
 * Reads every ca-file once and gives each service what it trusts: the
 * top-level file's certificates, then its own. A path in the config file
 * starts at the config file's folder; one in the `services` input, which is
 * no file, at the working directory. Every unreadable file is reported.
 */
function resolveTls(
  services: Service[],
  inputs: z.output<typeof ServiceSchema>[],
  global: z.output<typeof TlsSchema> | undefined,
  options: { source: string; configDir?: string; fromInput: boolean }
): void {
  const file: CaOrigin = {
    source: options.source,
    dir: options.configDir ?? process.cwd(),
    relativeTo: "the config file's folder"
  }
  const input: CaOrigin = {
    source: 'input `services`',
    dir: process.cwd(),
    relativeTo: 'the working directory'
  }
  const problems: string[] = []
  const cache = new Map<string, CaFile>()
  const load = (origin: CaOrigin, at: PropertyKey[], given: string) => {
    const absolute = resolve(origin.dir, given)
    let read = cache.get(absolute)
    if (read === undefined) cache.set(absolute, (read = readCaFile(absolute)))
    if ('certificates' in read) return read.certificates
    const shown =
      absolute === given
        ? quoteValue(given, 200)
        : `${quoteValue(given, 200)} (${quoteValue(absolute, 200)})`
    problems.push(
      `${where(origin.source, at)}: ${read.problem.replace('%s', shown)}; ` +
        'must be a readable PEM file of CA certificates, at most 1 MiB, ' +
        `its path relative to ${origin.relativeTo}`
    )
    return []
  }
  const common = global ? load(file, ['tls', 'ca-file'], global['ca-file']) : []
  for (const [i, s] of inputs.entries()) {
    const given = s.tls?.['ca-file']
    const own =
      given === undefined
        ? []
        : options.fromInput
          ? load(input, [i, 'tls', 'ca-file'], given)
          : load(file, ['services', i, 'tls', 'ca-file'], given)
    const ca = [...new Set([...common, ...own])]
    const service = services[i]
    if (service !== undefined && ca.length > 0) service.tls = { ca }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'))
}

/** Where a ca-file path was written, and so where it starts. */
interface CaOrigin {
  source: string
  dir: string
  relativeTo: string
}

type CaFile = { certificates: string[] } | { problem: string }

const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g

/** A CA file's certificates, or what is wrong with it (%s: the file). */
function readCaFile(path: string): CaFile {
  let text: string
  try {
    const stat = statSync(path)
    if (!stat.isFile()) return { problem: '%s is not a file' }
    if (stat.size > CA_FILE_MAX_BYTES)
      return { problem: `%s is ${stat.size} bytes` }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : /^[A-Z0-9_]{1,40}$/.test(code)
            ? code
            : 'error'
    return { problem: `cannot read %s: ${why}` }
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? []
  if (certificates.length === 0)
    return { problem: '%s holds no -----BEGIN CERTIFICATE----- block' }
  // node:crypto costs start-up time: loaded only when a CA file is given.
  const { X509Certificate } = process.getBuiltinModule('node:crypto')
  for (const [i, pem] of certificates.entries())
    try {
      new X509Certificate(pem)
    } catch {
      return {
        problem: `certificate ${i + 1} in %s is not a valid certificate`
      }
    }
  return { certificates }
}

/**
 * Loads the config file (a missing file means the defaults) and applies the
 * inline `services` input, which replaces the file's list.
 */
export async function loadConfig(options: {
  path: string
  baseUrl: string
  servicesText: string
  onMissing?: (path: string) => void
}): Promise<Config> {
  let raw: unknown = {}
  let text: string | undefined
  try {
    text = await readFile(options.path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT')
      throw new InputError(
        `input \`config\`: cannot read ${quoteValue(options.path)}: ${code ?? 'error'}`
      )
    options.onMissing?.(options.path)
  }
  const source = `config ${options.path}`
  if (text !== undefined && text.trim() !== '')
    raw = (await parseYamlText(source, text)) ?? {}
  const override =
    options.servicesText.trim() === ''
      ? undefined
      : await parseYamlText('input `services`', options.servicesText)
  return resolveConfig(raw, {
    source,
    baseUrl: options.baseUrl,
    servicesOverride: override,
    configDir: dirname(resolve(options.path))
  })
}
