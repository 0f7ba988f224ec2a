import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  ciEnvironment,
  commandEnvironment,
  describeCommand,
  runCommand,
  runDeployCommands,
  type CommandEnv
} from '../src/shell-commands.js'
import { tempDir } from './helpers/ops.js'
import { RecordingReporter } from './helpers/log.js'

// What the runner gives the action's process that no command may receive.
const FORBIDDEN = {
  'INPUT_GITHUB-TOKEN': 'ghs_input_token',
  'INPUT_SLACK-WEBHOOK-URL': 'https://hooks.slack.com/services/T/B/secret',
  INPUT_REASON: 'raw reason',
  ACTIONS_RUNTIME_TOKEN: 'runtime_token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc_token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/',
  ACTIONS_RESULTS_URL: 'https://results.example/',
  GITHUB_TOKEN: 'ghs_env_token',
  GITHUB_OUTPUT: '/tmp/output-file',
  GITHUB_ENV: '/tmp/env-file',
  GITHUB_STATE: '/tmp/state-file',
  GITHUB_PATH: '/tmp/path-file',
  GITHUB_STEP_SUMMARY: '/tmp/summary-file',
  NODE_OPTIONS: '--require /tmp/hook.js',
  RUNBOOK_SERVICE: 'inherited, not ours'
}

// The documented allow-list: what a command may receive from the step.
const DOCUMENTED = new Set([
  ...'PATH HOME USER LOGNAME SHELL TMPDIR TMP TEMP LANG LANGUAGE TZ TERM CI'.split(
    ' '
  ),
  ...[
    'ACTIONS',
    'WORKSPACE',
    'REPOSITORY',
    'REPOSITORY_OWNER',
    'SHA',
    'REF',
    'REF_NAME',
    'RUN_ID',
    'RUN_NUMBER',
    'RUN_ATTEMPT',
    'ACTOR',
    'SERVER_URL',
    'EVENT_NAME',
    'JOB',
    'WORKFLOW'
  ].map((n) => `GITHUB_${n}`),
  ...['OS', 'ARCH', 'TEMP', 'TOOL_CACHE', 'NAME'].map((n) => `RUNNER_${n}`),
  ...'pythonLocation Python_ROOT_DIR Python2_ROOT_DIR Python3_ROOT_DIR VIRTUAL_ENV PKG_CONFIG_PATH LD_LIBRARY_PATH PNPM_HOME JAVA_HOME GOROOT'.split(
    ' '
  ),
  ...'XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_RUNTIME_DIR'.split(' '),
  ...'HTTP_PROXY HTTPS_PROXY NO_PROXY ALL_PROXY http_proxy https_proxy no_proxy all_proxy'.split(
    ' '
  ),
  ...'SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS REQUESTS_CA_BUNDLE CURL_CA_BUNDLE'.split(
    ' '
  ),
  ...'SYSTEMROOT WINDIR COMSPEC PATHEXT APPDATA LOCALAPPDATA USERPROFILE PROGRAMDATA'.split(
    ' '
  )
])
const documented = (name: string): boolean =>
  DOCUMENTED.has(name) || name.startsWith('LC_')

// bash sets these itself in every shell it starts.
const BASH_OWN = new Set(['PWD', 'OLDPWD', 'SHLVL', '_'])

const ENV: CommandEnv = {
  RUNBOOK_ACTION: 'deploy',
  RUNBOOK_SERVICE: 'api',
  RUNBOOK_REF: 'a'.repeat(40),
  RUNBOOK_VERSION: 'deployment-20251222-130000',
  RUNBOOK_REASON: 'ship it'
}

let dir: string
let saved: NodeJS.ProcessEnv

beforeEach(async () => {
  dir = await tempDir('commands')
  saved = { ...process.env }
  Object.assign(process.env, FORBIDDEN, {
    GITHUB_REPOSITORY: 'octo-org/app',
    LC_PAPER: 'C',
    DEPLOY_KEY: 'deploy-key-value',
    KUBECONFIG: '/tmp/kubeconfig',
    UNNAMED_SECRET: 'not passed'
  })
})
afterEach(async () => {
  process.env = saved
  await rm(dir, { recursive: true, force: true })
})

/** Runs `script` as a command of `kind` and returns its result and reporter. */
async function run(
  script: string,
  options: {
    kind?: 'deploy' | 'stop'
    passEnv?: string[]
    timeoutMs?: number
  } = {}
) {
  const reporter = new RecordingReporter()
  const result = await runCommand({
    service: 'api',
    kind: options.kind ?? 'deploy',
    script,
    env: ENV,
    passEnv: options.passEnv ?? [],
    timeoutMs: options.timeoutMs ?? 10_000,
    cwd: dir,
    reporter
  })
  return { result, reporter }
}

/** The environment a real command printed with `env -0`. */
async function receivedBy(
  kind: 'deploy' | 'stop',
  passEnv: string[] = []
): Promise<Record<string, string>> {
  const { result } = await run('env -0 > received', { kind, passEnv })
  expect(result.ok).toBe(true)
  const text = await readFile(join(dir, 'received'), 'utf8')
  return Object.fromEntries(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf('=')
        return [entry.slice(0, at), entry.slice(at + 1)]
      })
  )
}

describe('the environment of deploy and stop commands', () => {
  test.each(['deploy', 'stop'] as const)(
    'a %s command receives only documented variables, the RUNBOOK_* values and what bash sets itself',
    async (kind) => {
      const received = await receivedBy(kind)
      const unexpected = Object.keys(received).filter(
        (name) => !documented(name) && !(name in ENV) && !BASH_OWN.has(name)
      )
      expect(unexpected).toEqual([])
      expect(received.GITHUB_REPOSITORY).toBe('octo-org/app')
      expect(received.LC_PAPER).toBe('C')
      expect(received.PATH).toBe(process.env.PATH)
    }
  )

  test.each(['deploy', 'stop'] as const)(
    'a %s command never receives the input token, the runner tokens, GITHUB_TOKEN, the command files or NODE_OPTIONS',
    async (kind) => {
      const received = await receivedBy(kind, ['DEPLOY_KEY'])
      for (const name of Object.keys(FORBIDDEN))
        if (name !== 'RUNBOOK_SERVICE')
          expect([name, received[name]]).toEqual([name, undefined])
      const values = Object.values(received).join('\n')
      expect(values).not.toContain('ghs_')
      expect(values).not.toContain('runtime_token')
    }
  )

  test.each(['deploy', 'stop'] as const)(
    'a %s command receives a variable named in pass-env, and not one left out',
    async (kind) => {
      const received = await receivedBy(kind, ['DEPLOY_KEY', 'KUBECONFIG'])
      expect(received.DEPLOY_KEY).toBe('deploy-key-value')
      expect(received.KUBECONFIG).toBe('/tmp/kubeconfig')
      expect(received.UNNAMED_SECRET).toBeUndefined()
    }
  )

  test('the RUNBOOK_* values are ours, never inherited from the step', async () => {
    const received = await receivedBy('deploy')
    expect(received.RUNBOOK_SERVICE).toBe('api')
    expect(received.RUNBOOK_REASON).toBe('ship it')
  })

  test('every service of a deploy receives the pass-env variables', async () => {
    const reporter = new RecordingReporter()
    const results = await runDeployCommands({
      services: [
        { name: 'api', deploy: 'printf %s "$DEPLOY_KEY" > "$RUNBOOK_SERVICE"' },
        { name: 'web', deploy: 'printf %s "$DEPLOY_KEY" > "$RUNBOOK_SERVICE"' }
      ].map((s) => ({
        ...s,
        deploy: `cd ${JSON.stringify(dir)} && ${s.deploy}`
      })),
      action: 'deploy',
      ref: 'b'.repeat(40),
      version: 'deployment-20251222-130000',
      reason: '',
      timeoutMs: 10_000,
      passEnv: ['DEPLOY_KEY'],
      title: 'Deploy',
      reporter
    })
    expect(results.map((r) => r.ok)).toEqual([true, true])
    expect(await readFile(join(dir, 'api'), 'utf8')).toBe('deploy-key-value')
    expect(await readFile(join(dir, 'web'), 'utf8')).toBe('deploy-key-value')
  })

  test('commandEnvironment keeps exactly the allow-listed and passed variables', () => {
    expect(
      commandEnvironment(
        {
          PATH: '/bin',
          HOME: '/home/runner',
          LC_ALL: 'C.UTF-8',
          GITHUB_SHA: 'c'.repeat(40),
          RUNNER_TEMP: '/tmp/runner',
          DEPLOY_KEY: 'k',
          OTHER: 'o',
          npm_config_cache: '/tmp/npm',
          PIP_INDEX_URL: 'https://user:pw@pypi.example/simple',
          NODE_AUTH_TOKEN: 'npm_token',
          ...FORBIDDEN
        },
        ['DEPLOY_KEY']
      )
    ).toEqual({
      PATH: '/bin',
      HOME: '/home/runner',
      LC_ALL: 'C.UTF-8',
      GITHUB_SHA: 'c'.repeat(40),
      RUNNER_TEMP: '/tmp/runner',
      DEPLOY_KEY: 'k'
    })
  })

  test('a reserved name in pass-env is still never passed', () => {
    const { NODE_OPTIONS, ...reserved } = FORBIDDEN
    expect(NODE_OPTIONS).toBeTruthy()
    expect(commandEnvironment(reserved, Object.keys(reserved))).toEqual({})
  })

  test('NODE_OPTIONS reaches a command only when pass-env names it', () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=512' }
    expect(commandEnvironment(env, [])).toEqual({})
    expect(commandEnvironment(env, ['NODE_OPTIONS'])).toEqual(env)
  })
})

describe('the environment of CI commands', () => {
  test('ciEnvironment adds the package managers’ settings to the base, and nothing passed for deploys', () => {
    expect(
      ciEnvironment({
        PATH: '/bin',
        DEPLOY_KEY: 'k',
        npm_config_cache: '/tmp/npm',
        NPM_CONFIG_USERCONFIG: '/tmp/npmrc',
        NODE_AUTH_TOKEN: 'npm_token',
        YARN_CACHE_FOLDER: '/tmp/yarn',
        PIP_INDEX_URL: 'https://pypi.example/simple',
        COREPACK_HOME: '/tmp/corepack',
        ...FORBIDDEN
      })
    ).toEqual({
      PATH: '/bin',
      npm_config_cache: '/tmp/npm',
      NPM_CONFIG_USERCONFIG: '/tmp/npmrc',
      NODE_AUTH_TOKEN: 'npm_token',
      YARN_CACHE_FOLDER: '/tmp/yarn',
      PIP_INDEX_URL: 'https://pypi.example/simple',
      COREPACK_HOME: '/tmp/corepack'
    })
  })
})

describe('what a failed command says outside the log', () => {
  test('a command printing a bearer token and exiting 3 is described as "api: deploy exit 3"', async () => {
    const { result } = await run(
      'echo "Authorization: Bearer prodsecret_x -> 401" >&2; exit 3'
    )
    expect(result.exitCode).toBe(3)
    expect(describeCommand(result)).toBe('api: deploy exit 3')
  })

  test('the failure annotation names the command and exit code, not its output', async () => {
    const { reporter } = await run('echo "Bearer prodsecret_x"; exit 3')
    const errors = reporter.of('error')
    expect(errors.map((e) => [e.message, e.title])).toEqual([
      [
        'api: deploy exit 3; its output is in the log above',
        'api deploy failed'
      ]
    ])
  })

  test('the command’s output is in the log, line by line', async () => {
    const { reporter } = await run('echo "Bearer prodsecret_x"; exit 3')
    expect(reporter.of('info').map((e) => e.message)).toContain(
      '  api | Bearer prodsecret_x'
    )
  })

  test('a stop command that exits 1 is described as "api: stop exit 1"', async () => {
    const { result } = await run('echo stopping; exit 1', { kind: 'stop' })
    expect(describeCommand(result)).toBe('api: stop exit 1')
  })

  test('a command that outlives its bound is described as timed out after the bound in seconds', async () => {
    const { result } = await run('echo "token=prodsecret_x"; sleep 30', {
      timeoutMs: 1000
    })
    expect(result.timedOut).toBe(true)
    expect(describeCommand(result)).toBe('api: deploy timed out after 1 s')
  })

  test('a command that succeeds is described as ok', async () => {
    const { result } = await run('echo "Bearer prodsecret_x"')
    expect(describeCommand(result)).toBe('api: deploy ok')
  })
})
