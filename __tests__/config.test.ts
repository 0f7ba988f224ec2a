import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify as toYaml } from 'yaml'
import {
  MAX_LISTED_ISSUES,
  MAX_SERVICES,
  SERVICE_NAME,
  configJsonSchema,
  loadConfig,
  parseYamlText,
  resolveConfig,
  type Config
} from '../src/config.js'
import { InputError } from '../src/errors.js'
import { createPki, type Pki } from './helpers/tls.js'

let dir: string
let files = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-config-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const BASE = 'http://localhost'

function resolve(raw: unknown, servicesOverride?: unknown): Config {
  return resolveConfig(raw, {
    source: 'config runbook.yml',
    baseUrl: BASE,
    servicesOverride
  })
}

/** The InputError thrown by `fn`, or a failure when it throws nothing. */
function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

async function configFile(text: string): Promise<string> {
  files += 1
  const path = join(dir, `runbook-${files}.yml`)
  await writeFile(path, text)
  return path
}

function missingFile(): string {
  files += 1
  return join(dir, `missing-${files}.yml`)
}

describe('defaults', () => {
  test('without a config the services are fastapi, flask and gradio on /health', () => {
    const config = resolve({})
    expect(
      config.services.map((s) => [s.name, s.title, s.url, s.port])
    ).toEqual([
      [
        'fastapi',
        'FastAPI Quantum Conduit',
        'http://localhost:8000/health',
        8000
      ],
      ['flask', 'Flask Glyph Weaver', 'http://localhost:5000/health', 5000],
      ['gradio', 'Gradio Truth Mirror', 'http://localhost:7860/health', 7860]
    ])
  })

  test('the default services are on base-url', () => {
    const config = resolveConfig(
      {},
      { source: 'config', baseUrl: 'https://staging.example.com' }
    )
    expect(config.services.map((s) => s.url)).toEqual([
      'https://staging.example.com:8000/health',
      'https://staging.example.com:5000/health',
      'https://staging.example.com:7860/health'
    ])
  })

  test('a service takes the documented probe defaults', () => {
    const [service] = resolve({}).services
    expect(service).toEqual({
      name: 'fastapi',
      title: 'FastAPI Quantum Conduit',
      url: 'http://localhost:8000/health',
      port: 8000,
      expect: { status: undefined, bodyContains: undefined, version: false },
      timeoutMs: 5000,
      retries: 2,
      degradedLatencyMs: 2000,
      deploy: undefined,
      stop: undefined
    })
  })

  test('the dashboard, notify and monitor sections have their defaults', () => {
    const config = resolve({})
    expect(config.dashboard).toEqual({
      issue: undefined,
      failureThreshold: 1,
      successThreshold: 1
    })
    expect(config.notify).toEqual({ reminderHours: 24, webhooks: [] })
    expect(config.monitor).toEqual({ gracePeriodMs: 60_000 })
  })

  test('null is the empty config', () => {
    expect(resolve(null)).toEqual(resolve({}))
  })

  test('a missing file means the defaults and is reported', async () => {
    const path = missingFile()
    const missing: string[] = []
    const config = await loadConfig({
      path,
      baseUrl: BASE,
      servicesText: '',
      onMissing: (p) => missing.push(p)
    })
    expect(config).toEqual(resolve({}))
    expect(missing).toEqual([path])
  })

  test.each(['', '   \n', '# only a comment\n'])(
    'a file of %j means the defaults',
    async (text) => {
      const config = await loadConfig({
        path: await configFile(text),
        baseUrl: BASE,
        servicesText: ''
      })
      expect(config).toEqual(resolve({}))
    }
  )

  test('the example of the documentation is a valid config', async () => {
    const path = await configFile(`services:
  - name: fastapi
    title: FastAPI Quantum Conduit
    url: http://localhost:8000/health
    expect: { status: [200], body-contains: ok }
    timeout-ms: 5000
    retries: 2
    degraded-latency-ms: 2000
    deploy: ./scripts/deploy.sh
    stop: ./scripts/stop.sh
  - { name: flask,  title: Flask Glyph Weaver, url: http://localhost:5000/health }
  - { name: gradio, title: Gradio Truth Mirror, url: http://localhost:7860/health }
dashboard: { issue: 1 }
notify: { reminder-hours: 24 }
`)
    const config = await loadConfig({ path, baseUrl: BASE, servicesText: '' })
    expect(config.services[0]).toEqual({
      name: 'fastapi',
      title: 'FastAPI Quantum Conduit',
      url: 'http://localhost:8000/health',
      port: 8000,
      expect: { status: [200], bodyContains: 'ok', version: false },
      timeoutMs: 5000,
      retries: 2,
      degradedLatencyMs: 2000,
      deploy: './scripts/deploy.sh',
      stop: './scripts/stop.sh'
    })
    expect(config.services.map((s) => s.name)).toEqual([
      'fastapi',
      'flask',
      'gradio'
    ])
    expect(config.dashboard.issue).toBe(1)
  })
})

describe('service URLs', () => {
  test('port and path are resolved on base-url', () => {
    const [service] = resolve({
      services: [{ name: 'api', port: 9000, path: '/status' }]
    }).services
    expect(service?.url).toBe('http://localhost:9000/status')
    expect(service?.port).toBe(9000)
  })

  test('without a port the service is on the default port of the scheme', () => {
    const http = resolve({ services: [{ name: 'api' }] }).services[0]
    expect([http?.url, http?.port]).toEqual(['http://localhost/health', 80])
    const https = resolveConfig(
      { services: [{ name: 'api', path: '/up' }] },
      { source: 'config', baseUrl: 'https://example.com' }
    ).services[0]
    expect([https?.url, https?.port]).toEqual(['https://example.com/up', 443])
  })

  test('a url is used as given and its port is read from it', () => {
    const services = resolve({
      services: [
        { name: 'a', url: 'http://127.0.0.1:8123/healthz' },
        { name: 'b', url: 'https://b.example.com/health' },
        { name: 'c', url: 'http://c.example.com/health' }
      ]
    }).services
    expect(services.map((s) => [s.url, s.port])).toEqual([
      ['http://127.0.0.1:8123/healthz', 8123],
      ['https://b.example.com/health', 443],
      ['http://c.example.com/health', 80]
    ])
  })

  test('url and port together are refused', () => {
    const error = inputError(() =>
      resolve({
        services: [{ name: 'api', url: 'http://127.0.0.1:1/', port: 2 }]
      })
    )
    expect(error.message).toMatch(
      /^config runbook\.yml at \.services\[0\]: give either url or port, not both/
    )
  })

  test.each([
    'ftp://example.com/health',
    'http://user:secret@example.com/health',
    'not a url',
    `http://example.com/${'x'.repeat(2100)}`
  ])('the url %s is refused', (url) => {
    const error = inputError(() => resolve({ services: [{ name: 'a', url }] }))
    expect(error.message).toContain('at .services[0].url:')
  })

  test('a path must start with a slash', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'a', path: 'health' }] })
    )
    expect(error.message).toContain(
      'at .services[0].path: must start with / and contain no spaces'
    )
  })

  // src/config.ts:325: the path is assigned to URL.pathname, which
  // percent-encodes "?", so /status?full=1 silently becomes /status%3Ffull=1.
  test('a path with a query string keeps its query or is refused', () => {
    let url: string | undefined
    try {
      url = resolve({
        services: [{ name: 'api', port: 9000, path: '/status?full=1' }]
      }).services[0]?.url
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      return
    }
    expect(url).toBe('http://localhost:9000/status?full=1')
  })
})

describe('validation', () => {
  test('duplicate names are refused', () => {
    const error = inputError(() =>
      resolve({
        services: [
          { name: 'api', port: 1 },
          { name: 'api', port: 2 }
        ]
      })
    )
    expect(error.message).toContain(
      'service name "api" is used twice; names must be unique'
    )
  })

  test('an unknown service key is refused naming it, the allowed keys and its value', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', helth: '/x' }] })
    )
    expect(error.message).toBe(
      'config runbook.yml at .services[0].helth: unknown key; allowed here: name, title, url, port, path, expect, timeout-ms, retries, degraded-latency-ms, tls, deploy, stop (got "/x")'
    )
  })

  // src/errors.ts:10-17: quoteValue JSON-encodes a non-string value, then
  // JSON-encodes that text again, so objects are shown with escaped quotes
  // and the number 99 reads like the string "99".
  test('a value that is not a string is shown as written', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', helth: { path: '/x' } }] })
    )
    expect(error.message).toContain('(got {"path":"/x"})')
  })

  test('a mistyped key is refused with the allowed key it most likely meant', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', 'degraded-latancy-ms': 500 }] })
    )
    expect(error.message).toBe(
      'config runbook.yml at .services[0].degraded-latancy-ms: unknown key (did you mean `degraded-latency-ms`?); allowed here: name, title, url, port, path, expect, timeout-ms, retries, degraded-latency-ms, tls, deploy, stop (got 500)'
    )
  })

  test('an unknown top-level key is refused naming the allowed keys', () => {
    const error = inputError(() => resolve({ service: [] }))
    expect(error.message).toContain(
      'at .service: unknown key (did you mean `services`?); allowed here: services, dashboard, notify, deployment, monitor'
    )
  })

  test('an unknown expect key is refused naming the allowed keys', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', expect: { body: 'ok' } }] })
    )
    expect(error.message).toContain(
      'at .services[0].expect.body: unknown key (did you mean `body-contains`?); allowed here: status, body-contains, version'
    )
  })

  test('an unknown key that is not plain text is shown quoted in the path', () => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', 'a b\n::x': 1 }] })
    )
    expect(error.message).toContain(
      'at .services[0]["a b\\\\n::x"]: unknown key'
    )
    expect(error.message).not.toMatch(/[\r\n]/)
  })

  test.each([
    ['dashboard', 'issue, failure-threshold, success-threshold'],
    ['notify', 'reminder-hours, webhooks'],
    ['monitor', 'grace-period-ms']
  ])(
    'an unknown %s key is refused naming the allowed keys',
    (section, keys) => {
      const error = inputError(() => resolve({ [section]: { nope: 1 } }))
      expect(error.message).toContain(`allowed here: ${keys}`)
    }
  )

  test.each([
    ['API', 'must be lowercase letters'],
    ['-api', 'must be lowercase letters'],
    ['api-', 'must be lowercase letters'],
    ['a'.repeat(41), 'must be lowercase letters'],
    ['my api', 'must be lowercase letters']
  ])('the name %j is refused', (name, allowed) => {
    const error = inputError(() => resolve({ services: [{ name }] }))
    expect(error.message).toContain(`at .services[0].name: ${allowed}`)
  })

  test('a name of 40 characters is accepted', () => {
    const name = 'a'.repeat(40)
    expect(resolve({ services: [{ name }] }).services[0]?.name).toBe(name)
  })

  test.each([
    ['timeout-ms', 99],
    ['timeout-ms', 120_001],
    ['timeout-ms', 1.5],
    ['retries', -1],
    ['retries', 11],
    ['degraded-latency-ms', 0],
    ['port', 0],
    ['port', 65536]
  ])('%s %d is refused', (key, value) => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', [key]: value }] })
    )
    expect(error.message).toContain(`at .services[0].${key}:`)
    expect(error.message).toMatch(new RegExp(`\\(got "?${value}"?\\)$`))
  })

  test('an empty list of services is refused', () => {
    expect(inputError(() => resolve({ services: [] })).message).toMatch(
      /^config runbook\.yml at \.services: /
    )
  })

  test(`more than ${MAX_SERVICES} services are refused`, () => {
    const services = Array.from({ length: MAX_SERVICES + 1 }, (_, i) => ({
      name: `s${i}`,
      port: 1000 + i
    }))
    inputError(() => resolve({ services }))
  })

  test('a config that is not a mapping is refused', () => {
    expect(inputError(() => resolve(['a'])).message).toMatch(
      /^config runbook\.yml: /
    )
  })

  test('a config file that is not YAML fails naming the file', async () => {
    const path = await configFile('services: [\n')
    await expect(
      loadConfig({ path, baseUrl: BASE, servicesText: '' })
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          new RegExp(`^config ${path}: not valid YAML or JSON: [^\\n]+$`)
        )
      })
    )
  })

  test('a config file with a duplicate key is refused', async () => {
    const path = await configFile('notify: {}\nnotify: {}\n')
    await expect(
      loadConfig({ path, baseUrl: BASE, servicesText: '' })
    ).rejects.toBeInstanceOf(InputError)
  })

  test('a config path that cannot be read fails naming the input', async () => {
    const path = join(dir, 'a-directory')
    await mkdir(path, { recursive: true })
    await expect(
      loadConfig({ path, baseUrl: BASE, servicesText: '' })
    ).rejects.toThrow(/^input `config`: cannot read ".*a-directory": EISDIR$/)
  })

  test('an alias bomb is refused', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(
          10
        )
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`
      )
    await expect(
      parseYamlText('input `services`', lines.join('\n'))
    ).rejects.toThrow(InputError)
  })

  // src/errors.ts:10 (called from describeIssue, src/config.ts): the value
  // shown in the message goes through JSON.stringify, which throws a
  // TypeError on the circular structure a self-referring YAML alias builds.
  test('a services alias that refers to its own parent fails with an InputError', async () => {
    await expect(
      loadConfig({
        path: missingFile(),
        baseUrl: BASE,
        servicesText: '- &svc { name: api, url: *svc }'
      })
    ).rejects.toBeInstanceOf(InputError)
  })

  test('a config file service that refers to itself fails with an InputError', async () => {
    const path = await configFile(
      'services:\n  - &svc { name: api, url: *svc }\n'
    )
    await expect(
      loadConfig({ path, baseUrl: BASE, servicesText: '' })
    ).rejects.toBeInstanceOf(InputError)
  })
})

describe('every problem at once', () => {
  test('a wrong value and a mistyped key are both reported, each on its own line', () => {
    const error = inputError(() =>
      resolve({
        services: [
          { name: 'api', 'timeout-ms': 50, 'degraded-latancy-ms': 500 }
        ]
      })
    )
    expect(error.message.split('\n')).toEqual([
      'config runbook.yml at .services[0].timeout-ms: Too small: expected number to be >=100 (got 50)',
      expect.stringMatching(
        /^config runbook\.yml at \.services\[0\]\.degraded-latancy-ms: unknown key \(did you mean `degraded-latency-ms`\?\); allowed here: .+ \(got 500\)$/
      )
    ])
  })

  test('problems in different sections and services are all reported', () => {
    const error = inputError(() =>
      resolve({
        services: [
          { name: 'api', port: 0 },
          { name: 'Web', port: 80 }
        ],
        monitor: { 'grace-period': 1000 },
        notify: { 'reminder-hours': 0 }
      })
    )
    const lines = error.message.split('\n')
    expect(lines.map((line) => line.replace(/:.*$/, ''))).toEqual([
      'config runbook.yml at .services[0].port',
      'config runbook.yml at .services[1].name',
      'config runbook.yml at .notify.reminder-hours',
      'config runbook.yml at .monitor.grace-period'
    ])
    expect(lines[3]).toContain('(did you mean `grace-period-ms`?)')
  })

  test(`past ${MAX_LISTED_ISSUES} problems the rest are counted on one last line`, () => {
    const services = Array.from({ length: 30 }, (_, i) => ({
      name: `s${i}`,
      port: 0
    }))
    const lines = inputError(() => resolve({ services })).message.split('\n')
    expect(lines).toHaveLength(MAX_LISTED_ISSUES + 1)
    expect(lines[MAX_LISTED_ISSUES]).toBe(
      `config runbook.yml: ${30 - MAX_LISTED_ISSUES} more problems not listed`
    )
  })

  test('the services input reports each of its problems with its path', async () => {
    const error = await loadConfig({
      path: missingFile(),
      baseUrl: BASE,
      servicesText:
        '[{ name: api, url: "ftp://x", retrys: 1 }, { name: web, port: 70000 }]'
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message.split('\n')).toEqual([
      'input `services` at [0].url: must be an http:// or https:// URL without credentials (got "ftp://x")',
      expect.stringMatching(
        /^input `services` at \[0\]\.retrys: unknown key \(did you mean `retries`\?\); allowed here: .+ \(got 1\)$/
      ),
      'input `services` at [1].port: a port must be 1–65535 (got 70000)'
    ])
  })
})

describe('ports', () => {
  test.each([
    ['port', { port: 0 }, '.port: a port must be 1–65535 (got 0)'],
    [
      'url',
      { url: 'http://127.0.0.1:0/health' },
      '.url: must be an http:// or https:// URL; a port must be 1–65535 (got "http://127.0.0.1:0/health")'
    ],
    [
      'url',
      { url: 'http://127.0.0.1:00/health' },
      '.url: must be an http:// or https:// URL; a port must be 1–65535'
    ],
    [
      'url',
      { url: 'https://example.com:65536/' },
      '.url: must be an http:// or https:// URL; a port must be 1–65535'
    ]
  ])('a %s with port %j is refused by the one port rule', (_, given, want) => {
    const error = inputError(() =>
      resolve({ services: [{ name: 'api', ...given }] })
    )
    expect(error.message).toContain(`at .services[0]${want}`)
  })

  test.each([
    [{ port: 1 }, 1],
    [{ port: 65535 }, 65535],
    [{ url: 'http://127.0.0.1:1/health' }, 1],
    [{ url: 'http://127.0.0.1:65535/health' }, 65535]
  ])('the ports at the ends of the range are accepted: %j', (given, port) => {
    expect(
      resolve({ services: [{ name: 'api', ...given }] }).services[0]?.port
    ).toBe(port)
  })
})

describe('deployment.pass-env', () => {
  const passEnv = (names: unknown): string[] =>
    resolve({ deployment: { 'pass-env': names } }).deployment.passEnv

  test('without it no variable of the step is passed', () => {
    expect(resolve({}).deployment).toEqual({
      environment: 'production',
      timeoutMs: 600_000,
      passEnv: []
    })
  })

  test('the named variables are kept in order, each once', () => {
    expect(
      passEnv(['DEPLOY_KEY', 'KUBECONFIG', 'aws_profile', 'DEPLOY_KEY'])
    ).toEqual(['DEPLOY_KEY', 'KUBECONFIG', 'aws_profile'])
  })

  test.each(['1PASSWORD', 'DEPLOY-KEY', 'A B', '', 'KEY=value', '$HOME'])(
    'a name that is not a variable name, %j, is refused naming the key and what is allowed',
    (name) => {
      const error = inputError(() => passEnv([name]))
      expect(error.message).toBe(
        `config runbook.yml at .deployment.pass-env[0]: must be an environment variable name: letters, digits and underscores, not starting with a digit (got ${JSON.stringify(name)})`
      )
    }
  )

  test.each([
    'GITHUB_TOKEN',
    'github_token',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'INPUT_GITHUB_TOKEN',
    'GITHUB_OUTPUT',
    'GITHUB_ENV',
    'GITHUB_STATE',
    'GITHUB_PATH',
    'GITHUB_STEP_SUMMARY',
    'RUNBOOK_REASON'
  ])(
    'the runner’s or Runbook’s own %s is refused with a clear error',
    (name) => {
      const error = inputError(() => passEnv(['DEPLOY_KEY', name]))
      expect(error.message).toMatch(
        /^config runbook\.yml at \.deployment\.pass-env\[1\]: is the runner's or Runbook's own and is never passed to commands; refused: GITHUB_TOKEN, .* and names starting with ACTIONS_, INPUT_, RUNBOOK_ \(got ".+"\)$/
      )
    }
  )

  test('more than 100 names are refused', () => {
    const names = Array.from({ length: 101 }, (_, i) => `VAR_${i}`)
    expect(inputError(() => passEnv(names)).message).toContain(
      'config runbook.yml at .deployment.pass-env'
    )
  })

  test('a list that is not a list of strings is refused', () => {
    expect(inputError(() => passEnv('DEPLOY_KEY')).message).toContain(
      'at .deployment.pass-env'
    )
  })
})

describe('the services input', () => {
  test('a YAML list replaces the config file list', async () => {
    const path = await configFile(
      'services:\n  - { name: old, port: 1234 }\nmonitor: { grace-period-ms: 5 }\n'
    )
    const config = await loadConfig({
      path,
      baseUrl: BASE,
      servicesText:
        '- name: api\n  url: http://127.0.0.1:8080/health\n  retries: 0\n'
    })
    expect(config.services.map((s) => [s.name, s.url, s.retries])).toEqual([
      ['api', 'http://127.0.0.1:8080/health', 0]
    ])
    expect(config.monitor.gracePeriodMs).toBe(5)
  })

  test('a JSON list is accepted', async () => {
    const config = await loadConfig({
      path: missingFile(),
      baseUrl: BASE,
      servicesText: JSON.stringify([
        { name: 'a', port: 8001 },
        { name: 'b', port: 8002, path: '/up' }
      ])
    })
    expect(config.services.map((s) => s.url)).toEqual([
      'http://localhost:8001/health',
      'http://localhost:8002/up'
    ])
  })

  test('blank services text keeps the config list', async () => {
    const config = await loadConfig({
      path: missingFile(),
      baseUrl: BASE,
      servicesText: '  \n '
    })
    expect(config.services.map((s) => s.name)).toEqual([
      'fastapi',
      'flask',
      'gradio'
    ])
  })

  test.each([
    ['{ name: api }', 'input `services`: '],
    ['just text', 'input `services`: '],
    ['~', 'input `services`: '],
    ['[', 'input `services`: not valid YAML or JSON: '],
    ['- { name: api, port: 1 }\n- { name: api, port: 2 }', 'used twice'],
    ['- { name: api, nope: 1 }', 'input `services` at [0].nope: unknown key']
  ])('the services text %j is refused naming the input', async (text, want) => {
    const error = await loadConfig({
      path: missingFile(),
      baseUrl: BASE,
      servicesText: text
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    const message = (error as InputError).message
    expect(message.startsWith('input `services`')).toBe(true)
    expect(message).toContain(want)
    expect(message).not.toMatch(/[\r\n]/)
  })
})

describe('tls.ca-file', () => {
  let pki: Pki
  let folder = 0

  beforeAll(async () => {
    pki = await createPki()
  })
  afterAll(async () => {
    await pki.remove()
  })

  const ROOT = () => pki.rootCa.trim()
  const OTHER = () => pki.otherCaGood.cert.trim()

  /** A config file in a new folder, with these files beside it. */
  async function configWith(
    text: string,
    files: Record<string, string> = {}
  ): Promise<string> {
    folder += 1
    const here = join(dir, `tls-${folder}`)
    await mkdir(join(here, 'certs'), { recursive: true })
    for (const [name, content] of Object.entries(files))
      await writeFile(join(here, name), content)
    const path = join(here, 'runbook.yml')
    await writeFile(path, text)
    return path
  }

  const load = (path: string, servicesText = '') =>
    loadConfig({ path, baseUrl: BASE, servicesText })

  const refusal = async (path: string, servicesText = '') => {
    const error = await load(path, servicesText).catch((e: unknown) => e)
    if (!(error instanceof InputError)) throw new Error('expected refusal')
    return error.message
  }

  test("a top-level ca-file, relative to the config file's folder, is trusted by every service", async () => {
    const path = await configWith(
      'tls: { ca-file: certs/ca.pem }\nservices: [{ name: a }, { name: b }]\n',
      { 'certs/ca.pem': pki.rootCa }
    )
    const config = await load(path)
    expect(config.services.map((s) => s.tls)).toEqual([
      { ca: [ROOT()] },
      { ca: [ROOT()] }
    ])
  })

  test("a service's ca-file adds to the top-level one", async () => {
    const path = await configWith(
      'tls: { ca-file: root.pem }\n' +
        'services: [{ name: a, tls: { ca-file: other.pem } }, { name: b }]\n',
      { 'root.pem': pki.rootCa, 'other.pem': pki.otherCaGood.cert }
    )
    const config = await load(path)
    expect(config.services.map((s) => s.tls?.ca)).toEqual([
      [ROOT(), OTHER()],
      [ROOT()]
    ])
  })

  test('without a ca-file a service trusts only the public roots', async () => {
    const path = await configWith('services: [{ name: a }]\n')
    expect((await load(path)).services[0]?.tls).toBeUndefined()
  })

  test('an absolute ca-file path is used as given', async () => {
    const path = await configWith(
      `services: [{ name: a, tls: { ca-file: '${pki.rootCaFile}' } }]\n`
    )
    expect((await load(path)).services[0]?.tls).toEqual({ ca: [ROOT()] })
  })

  test('every certificate of a bundle is trusted', async () => {
    const path = await configWith('tls: { ca-file: bundle.pem }\n', {
      'bundle.pem': `# two CAs\n${pki.rootCa}\n${pki.otherCaGood.cert}\n`
    })
    expect((await load(path)).services[0]?.tls?.ca).toEqual([ROOT(), OTHER()])
  })

  test('a ca-file in the services input is relative to the working directory', async () => {
    const path = await configWith('tls: { ca-file: root.pem }\n', {
      'root.pem': pki.rootCa,
      'certs/other.pem': pki.otherCaGood.cert
    })
    const fromHere = relative(process.cwd(), join(path, '../certs/other.pem'))
    const config = await load(
      path,
      `- { name: api, tls: { ca-file: '${fromHere}' } }`
    )
    expect(config.services[0]?.tls?.ca).toEqual([ROOT(), OTHER()])
  })

  test('a missing ca-file is refused naming the key, the path given, where it was looked for and what is allowed', async () => {
    const path = await configWith('tls: { ca-file: missing.pem }\n')
    const looked = join(path, '../missing.pem')
    expect(await refusal(path)).toBe(
      `config ${path} at .tls.ca-file: cannot read "missing.pem" (${JSON.stringify(looked)}): ` +
        'no such file; must be a readable PEM file of CA certificates, ' +
        "at most 1 MiB, its path relative to the config file's folder"
    )
  })

  test('a missing ca-file in the services input says paths there start at the working directory', async () => {
    const path = await configWith('')
    const message = await refusal(
      path,
      '- { name: api, tls: { ca-file: no-such-ca.pem } }'
    )
    expect(message).toMatch(
      /^input `services` at \[0\]\.tls\.ca-file: cannot read "no-such-ca\.pem" \(.+\): no such file; .*relative to the working directory$/
    )
  })

  test('a ca-file that holds no certificate is refused', async () => {
    const path = await configWith('tls: { ca-file: key.pem }\n', {
      'key.pem': pki.good.key
    })
    expect(await refusal(path)).toContain(
      'holds no -----BEGIN CERTIFICATE----- block'
    )
  })

  test('a ca-file with a damaged certificate is refused naming which one', async () => {
    const damaged = pki.otherCaGood.cert.replace(
      /\n[A-Za-z0-9+/]{20}/,
      '\nAAAA'
    )
    const path = await configWith('tls: { ca-file: bundle.pem }\n', {
      'bundle.pem': `${pki.rootCa}\n${damaged}`
    })
    expect(await refusal(path)).toMatch(
      /: certificate 2 in "bundle\.pem" \(.+\) is not a valid certificate; /
    )
  })

  test('a ca-file that is a folder is refused', async () => {
    const path = await configWith('tls: { ca-file: certs }\n')
    expect(await refusal(path)).toMatch(/: "certs" \(.+\) is not a file; /)
  })

  test('a ca-file over 1 MiB is refused with its size', async () => {
    const big = `${pki.rootCa}\n${'#'.repeat(1024 * 1024)}`
    const path = await configWith('tls: { ca-file: big.pem }\n', {
      'big.pem': big
    })
    expect(await refusal(path)).toMatch(
      new RegExp(`: "big\\.pem" \\(.+\\) is ${Buffer.byteLength(big)} bytes; `)
    )
  })

  test('every unreadable ca-file is reported, each on its own line', async () => {
    const path = await configWith(
      'tls: { ca-file: a.pem }\n' +
        'services: [{ name: x, tls: { ca-file: b.pem } }, { name: y, tls: { ca-file: c.pem } }]\n'
    )
    const lines = (await refusal(path)).split('\n')
    expect(lines.map((line) => /at (\S+):/.exec(line)?.[1])).toEqual([
      '.tls.ca-file',
      '.services[0].tls.ca-file',
      '.services[1].tls.ca-file'
    ])
  })

  test('a mistyped key under tls is refused with the key it most likely meant', () => {
    const message = inputError(() =>
      resolve({ services: [{ name: 'a', tls: { cafile: 'ca.pem' } }] })
    ).message
    expect(message.split('\n')).toEqual([
      'config runbook.yml at .services[0].tls.ca-file: is required: the path of a PEM file of CA certificates',
      'config runbook.yml at .services[0].tls.cafile: unknown key ' +
        '(did you mean `ca-file`?); allowed here: ca-file (got "ca.pem")'
    ])
  })

  test('an unknown top-level tls key is refused naming the allowed keys', () => {
    expect(
      inputError(() =>
        resolve({ tls: { 'ca-file': 'ca.pem', insecure: true } })
      ).message
    ).toBe(
      'config runbook.yml at .tls.insecure: unknown key; allowed here: ca-file (got true)'
    )
  })

  test('a ca-file that is not a string is refused', () => {
    expect(inputError(() => resolve({ tls: { 'ca-file': 3 } })).message).toBe(
      'config runbook.yml at .tls.ca-file: must be the path of a PEM file of CA certificates (got 3)'
    )
  })
})

describe('any config', () => {
  function expectValid(config: Config): void {
    expect(config.services.length).toBeGreaterThan(0)
    const names = config.services.map((s) => s.name)
    expect(new Set(names).size).toBe(names.length)
    for (const s of config.services) {
      expect(s.name).toMatch(SERVICE_NAME)
      const url = new URL(s.url)
      expect(['http:', 'https:']).toContain(url.protocol)
      expect(s.port).toBeGreaterThanOrEqual(1)
      expect(s.port).toBeLessThanOrEqual(65535)
      expect(s.timeoutMs).toBeGreaterThanOrEqual(100)
      expect(s.retries).toBeGreaterThanOrEqual(0)
      expect(s.retries).toBeLessThanOrEqual(10)
      expect(typeof s.expect.version).toBe('boolean')
    }
  }

  /** Each problem on its own line, each naming the file or the input. */
  function expectProblemLines(error: unknown, prefix: string): void {
    if (!(error instanceof InputError)) throw error
    const lines = error.message.split('\n')
    expect(lines.length).toBeLessThanOrEqual(MAX_LISTED_ISSUES + 1)
    for (const line of lines) {
      expect(line.startsWith(prefix)).toBe(true)
      expect(line).not.toMatch(/\r/)
    }
  }

  const tricky = fc.constantFrom(
    '\n',
    '::error::x',
    '"',
    "'",
    '`id`',
    '$(touch /tmp/x)',
    '- ',
    ': ',
    '{',
    '[',
    '&a ',
    '*a',
    '!!str ',
    '#',
    'name: api',
    'url: http://127.0.0.1:1/',
    'port: 80'
  )
  const name = fc.oneof(
    fc.constantFrom('api', 'web', 'a', 'fastapi', 'API', '-x'),
    fc.string()
  )
  const service = fc.record(
    {
      name,
      title: fc.oneof(fc.string(), fc.integer()),
      url: fc.oneof(
        fc.webUrl(),
        fc.constantFrom('http://127.0.0.1:1/health', 'ftp://x'),
        fc.string()
      ),
      port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.string()),
      path: fc.oneof(fc.constantFrom('/health', '/a b', 'x'), fc.string()),
      expect: fc.oneof(
        fc.record(
          {
            status: fc.array(fc.integer({ min: 0, max: 700 })),
            'body-contains': fc.string(),
            version: fc.boolean()
          },
          { requiredKeys: [] }
        ),
        fc.anything()
      ),
      'timeout-ms': fc.oneof(fc.integer(), fc.double(), fc.string()),
      retries: fc.integer({ min: -2, max: 12 }),
      'degraded-latency-ms': fc.integer(),
      deploy: fc.string(),
      stop: fc.string(),
      extra: fc.anything()
    },
    { requiredKeys: ['name'] }
  )
  const services = fc.oneof(fc.array(service, { maxLength: 4 }), fc.anything())
  const configObject = fc.oneof(
    fc.record(
      {
        services,
        dashboard: fc.oneof(
          fc.record(
            {
              issue: fc.integer(),
              'failure-threshold': fc.integer(),
              'success-threshold': fc.integer()
            },
            { requiredKeys: [] }
          ),
          fc.anything()
        ),
        notify: fc.oneof(
          fc.record(
            {
              'reminder-hours': fc.double(),
              webhooks: fc.array(fc.oneof(fc.webUrl(), fc.string()))
            },
            { requiredKeys: [] }
          ),
          fc.anything()
        ),
        monitor: fc.anything()
      },
      { requiredKeys: [] }
    ),
    fc.anything(),
    fc.jsonValue()
  )
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.json(),
    services.map((s) => JSON.stringify(s) ?? ''),
    services.map((s) => {
      try {
        return toYaml(s) ?? ''
      } catch {
        return ''
      }
    }),
    fc
      .array(fc.oneof(tricky, fc.string({ maxLength: 6 })), { maxLength: 10 })
      .map((parts) => parts.join(''))
  )

  test('any object through resolveConfig gives a valid config or an InputError with one line per problem', () => {
    fc.assert(
      fc.property(configObject, (raw) => {
        let config: Config
        try {
          config = resolve(raw)
        } catch (error) {
          expectProblemLines(error, 'config runbook.yml')
          return
        }
        expectValid(config)
      }),
      { numRuns: 1000 }
    )
  })

  test('any services text through loadConfig gives a valid config or an InputError with one line per problem', async () => {
    const path = missingFile()
    await fc.assert(
      fc.asyncProperty(text, async (servicesText) => {
        let config: Config
        try {
          config = await loadConfig({ path, baseUrl: BASE, servicesText })
        } catch (error) {
          expectProblemLines(error, 'input `services`')
          return
        }
        expectValid(config)
      }),
      { numRuns: 1000 }
    )
  })

  test('any config file text through loadConfig gives a valid config or an InputError with one line per problem', async () => {
    const path = join(dir, 'arbitrary.yml')
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          text,
          configObject.map((c) => {
            try {
              return toYaml(c) ?? ''
            } catch {
              return ''
            }
          })
        ),
        async (fileText) => {
          await writeFile(path, fileText)
          let config: Config
          try {
            config = await loadConfig({ path, baseUrl: BASE, servicesText: '' })
          } catch (error) {
            expectProblemLines(error, `config ${path}`)
            return
          }
          expectValid(config)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('the committed JSON Schema', () => {
  const file = fileURLToPath(
    new URL('../schema/runbook.schema.json', import.meta.url)
  )

  test('it describes the config with its allowed keys', () => {
    const schema = configJsonSchema() as {
      $id: string
      title: string
      additionalProperties: boolean
      properties: Record<string, unknown>
    }
    expect(schema.title).toContain('.github/runbook.yml')
    expect(schema.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties)).toEqual([
      'services',
      'dashboard',
      'notify',
      'deployment',
      'monitor',
      'tls'
    ])
  })

  test('schema/runbook.schema.json matches the config schema', async () => {
    const expected = `${JSON.stringify(configJsonSchema(), null, 2)}\n`
    const committed = await readFile(file, 'utf8').catch(() => '')
    if (committed !== expected)
      throw new Error(
        'schema/runbook.schema.json is missing or stale: run `npm run schema` and commit it'
      )
  })
})
