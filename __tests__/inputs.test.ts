import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { SERVICE_NAME } from '../src/config.js'
import { InputError } from '../src/errors.js'
import {
  ACTIONS,
  DEPLOYMENT_TAG,
  INPUT_DEFAULTS,
  STAGES,
  isSecretInput,
  parseInputs,
  type InputName,
  type Inputs
} from '../src/inputs.js'
import { REASON_MAX } from '../src/reason.js'

/** What a cleaned reason never holds: controls, bidi and zero-width characters. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/

const NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]
const SECRETS: InputName[] = [
  'github-token',
  'slack-webhook-url',
  'discord-webhook-url'
]

const DEFAULTS: Inputs = {
  stage: 'all',
  action: '',
  targetComponent: 'all',
  rollbackVersion: '',
  reason: '',
  config: '.github/runbook.yml',
  services: '',
  baseUrl: 'http://localhost',
  githubToken: '',
  statusIssue: 1,
  slackWebhookUrl: '',
  discordWebhookUrl: '',
  results: '',
  reportPath: 'runbook-report.json',
  dryRun: false
}

/** The InputError parseInputs throws for these values. */
function inputError(
  given: Partial<Record<InputName, string>>
): InputError | undefined {
  try {
    parseInputs(given)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  return undefined
}

describe('defaults', () => {
  test('no inputs at all give every documented default', () => {
    expect(parseInputs({})).toEqual(DEFAULTS)
  })

  test('the raw defaults match action.yml', () => {
    expect(INPUT_DEFAULTS).toEqual({
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
    })
  })

  test.each(NAMES)('an empty `%s` behaves as its default', (name) => {
    expect(parseInputs({ [name]: '' })).toEqual(DEFAULTS)
  })

  test.each(NAMES)('an absent `%s` behaves as its default', (name) => {
    expect(parseInputs({ [name]: undefined })).toEqual(DEFAULTS)
  })

  test.each(NAMES)('a `%s` of only spaces behaves as its default', (name) => {
    const inputs = parseInputs({ [name]: '   ' })
    // services and results are text whose whitespace is kept as given.
    if (name === 'services') expect(inputs.services.trim()).toBe('')
    else if (name === 'results') expect(inputs.results.trim()).toBe('')
    else expect(inputs).toEqual(DEFAULTS)
  })
})

describe('valid values', () => {
  test.each(STAGES)('stage %s is accepted', (stage) => {
    expect(parseInputs({ stage }).stage).toBe(stage)
  })

  test.each(ACTIONS)('action %s is accepted', (action) => {
    expect(parseInputs({ action }).action).toBe(action)
  })

  test('a service name is accepted as target-component', () => {
    expect(parseInputs({ 'target-component': 'api-2' }).targetComponent).toBe(
      'api-2'
    )
  })

  test('a deployment tag is accepted as rollback-version', () => {
    expect(
      parseInputs({ 'rollback-version': 'deployment-20251222-130000' })
        .rollbackVersion
    ).toBe('deployment-20251222-130000')
  })

  test('the reason is trimmed', () => {
    expect(parseInputs({ reason: '  database migration  ' }).reason).toBe(
      'database migration'
    )
  })

  test('a trailing slash on base-url is dropped', () => {
    expect(
      parseInputs({ 'base-url': 'https://staging.example.com/' }).baseUrl
    ).toBe('https://staging.example.com')
  })

  test('status-issue becomes a number', () => {
    expect(parseInputs({ 'status-issue': '42' }).statusIssue).toBe(42)
  })

  test.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    [' true ', true]
  ])('dry-run %j is %s', (value, expected) => {
    expect(parseInputs({ 'dry-run': value }).dryRun).toBe(expected)
  })

  // src/inputs.ts:168-172: the case of the boolean is folded before the
  // value is trimmed, so " True " is refused while " true " is accepted.
  test('dry-run " True " with spaces is true', () => {
    expect(parseInputs({ 'dry-run': ' True ' }).dryRun).toBe(true)
  })

  test('webhook URLs are kept as given', () => {
    const inputs = parseInputs({
      'slack-webhook-url': 'https://hooks.slack.com/services/T0/B0/x',
      'discord-webhook-url': 'https://discord.com/api/webhooks/1/abc'
    })
    expect(inputs.slackWebhookUrl).toBe(
      'https://hooks.slack.com/services/T0/B0/x'
    )
    expect(inputs.discordWebhookUrl).toBe(
      'https://discord.com/api/webhooks/1/abc'
    )
  })

  test('services and results keep their text untrimmed', () => {
    const services = '- name: api\n  url: http://127.0.0.1:1/health\n'
    const inputs = parseInputs({ services, results: ' {"a":1}\n' })
    expect(inputs.services).toBe(services)
    expect(inputs.results).toBe(' {"a":1}\n')
  })
})

describe('the reason', () => {
  const reason = (text: string): string =>
    parseInputs({ action: 'emergency-stop', reason: text }).reason

  test('a reason over 500 characters is cut to 500 with an ellipsis, not refused', () => {
    const cut = reason('x'.repeat(600))
    expect(cut).toBe(`${'x'.repeat(499)}…`)
  })

  test('a reason of exactly 500 characters is kept whole', () => {
    expect(reason('y'.repeat(500))).toBe('y'.repeat(500))
  })

  test('a reason with a bell or other control character loses it, not refused', () => {
    expect(reason('stop\u0007now\u0000!')).toBe('stopnow!')
  })

  test('colour escapes pasted from a terminal are removed whole, their text kept', () => {
    expect(
      reason('\u001b[1;31mERROR\u001b[0m: disk \u001b[38;5;208mfull')
    ).toBe('ERROR: disk full')
  })

  test('an OSC hyperlink or title sequence is removed whole, whichever terminator it uses', () => {
    expect(
      reason(
        '\u001b]8;;https://x.example/\u0007see log\u001b]8;;\u001b\\ \u001b]0;title\u0007done'
      )
    ).toBe('see log done')
  })

  test('an escape sequence cut short leaves no escape byte behind', () => {
    expect(reason('rolled back \u001b[')).toBe('rolled back')
  })

  test('bidi controls and zero-width characters are removed', () => {
    expect(
      reason(
        'a\u202eb\u2066c\u2069d\u200ee\u200ff\u061cg\u200bh\u200ci\u200dj\u2060k\ufeffl'
      )
    ).toBe('abcdefghijkl')
  })

  test('line breaks and tabs become spaces and runs of whitespace one space', () => {
    expect(reason('  disk full\r\non db-1\t\tsee   ticket 7\n')).toBe(
      'disk full on db-1 see ticket 7'
    )
  })

  test('the cut never leaves half of a character outside the basic plane', () => {
    const cut = reason(`${'x'.repeat(498)}😀😀😀`)
    expect(cut).toBe(`${'x'.repeat(498)}…`)
  })

  test('workflow-command text, quotes and shell syntax are kept as written', () => {
    expect(reason(`::error::x "a" 'b' $(rm -rf /) \`id\``)).toBe(
      `::error::x "a" 'b' $(rm -rf /) \`id\``
    )
  })

  test('any text is accepted as the reason of an emergency stop, cleaned to at most 500 visible characters', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '::',
        '::error::boom',
        '"',
        "'",
        '$(touch /tmp/x)',
        '\n',
        '\r\n',
        '\t',
        '\u001b[31m',
        '\u001b[0m',
        '\u001b]0;title\u0007',
        '\u001b]8;;http://x\u001b\\',
        '\u001b',
        '\u009b1m',
        '\u202e',
        '\u2066',
        '\u200b',
        '\u200d',
        '\ufeff',
        '\ud800',
        'x'.repeat(200)
      )
    )
    const text = fc
      .array(piece, { maxLength: 12 })
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, (value) => {
        const cleaned = reason(value)
        expect(cleaned.length).toBeLessThanOrEqual(REASON_MAX)
        expect(cleaned).not.toMatch(INVISIBLE)
        expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
        expect(cleaned).toBe(cleaned.trim())
      }),
      { numRuns: 1000 }
    )
  })
})

describe('invalid values', () => {
  const cases: [InputName, string, string][] = [
    ['stage', 'deplyo', 'allowed: gate, ci, deploy, monitor, rollback'],
    ['action', 'nuke', 'allowed: deploy, rollback, emergency-stop'],
    ['target-component', 'API Server', 'allowed: all, or one service name'],
    ['target-component', '-api', 'allowed: all, or one service name'],
    ['rollback-version', 'v1.2.3', 'deployment-YYYYMMDD-HHMMSS'],
    ['rollback-version', 'deployment-2025-12-22', 'deployment-YYYYMMDD'],
    ['config', 'a\u0000b.yml', 'without control characters'],
    ['config', 'c'.repeat(1025), 'at most 1024 characters'],
    ['services', 's'.repeat(1_000_001), 'at most 1 MB'],
    ['base-url', 'ftp://example.com', 'a scheme and host only'],
    ['base-url', 'localhost', 'a scheme and host only'],
    ['base-url', 'http://localhost:8080', 'a scheme and host only'],
    ['base-url', 'http://localhost/api', 'a scheme and host only'],
    ['base-url', 'http://user:pw@localhost', 'a scheme and host only'],
    ['base-url', 'http://localhost?x=1', 'a scheme and host only'],
    ['status-issue', '0', 'a positive issue number'],
    ['status-issue', '-3', 'a positive issue number'],
    ['status-issue', '1.5', 'a positive issue number'],
    ['status-issue', 'one', 'a positive issue number'],
    ['results', 'r'.repeat(10_000_001), 'at most 10 MB'],
    ['report-path', 'report\u001b.json', 'without control characters'],
    ['report-path', 'p'.repeat(1025), 'at most 1024 characters'],
    ['dry-run', 'yes', 'allowed: true or false'],
    ['github-token', 'ghp_abc\u0001def', 'token'],
    ['github-token', 't'.repeat(4097), '4096'],
    ['slack-webhook-url', 'hooks.slack.com/x', 'webhook URL'],
    ['discord-webhook-url', 'ftp://discord.com/x', 'webhook URL']
  ]

  test.each(cases)(
    '`%s` %#: a bad value fails naming the input and what is allowed',
    (name, value, allowed) => {
      const error = inputError({ [name]: value })
      expect(error).toBeInstanceOf(InputError)
      const message = error!.message
      expect(message.startsWith(`input \`${name}\`: `)).toBe(true)
      expect(message).toContain(allowed)
      expect(message).not.toMatch(/[\r\n]/)
    }
  )

  test('a bad value is shown quoted in the message', () => {
    expect(inputError({ stage: 'deplyo' })?.message).toBe(
      'input `stage`: "deplyo" is not valid; allowed: gate, ci, deploy, monitor, rollback, status, notify, all'
    )
  })

  test('a long bad value is shown cut to 60 characters', () => {
    const message = inputError({ stage: 'x'.repeat(300) })!.message
    expect(message).toContain(`"${'x'.repeat(60)}…"`)
    expect(message).not.toContain('x'.repeat(61))
  })

  test('a bad value with line breaks is shown escaped on one line', () => {
    const message = inputError({ action: 'deploy\n::error::x' })!.message
    expect(message).toContain('deploy\\\\n::error::x')
    expect(message).not.toContain('\n')
  })

  test.each(SECRETS)('a bad `%s` never shows its value', (name) => {
    const secret = 'sup3r-s3cret-v4lue'
    const error = inputError({ [name]: `${secret}\u0001 not a url` })
    expect(error).toBeInstanceOf(InputError)
    expect(error!.message.startsWith(`input \`${name}\`: (value hidden)`)).toBe(
      true
    )
    expect(error!.message).not.toContain('s3cret')
  })

  test('the secret inputs are known as secret', () => {
    expect(NAMES.filter(isSecretInput)).toEqual(SECRETS)
  })

  // src/inputs.ts:32-33: noControl lets \n, \r and \t through, so a file
  // path with a line break is accepted although the message says control
  // characters are not allowed.
  test.each(['config', 'report-path'] as const)(
    'a `%s` containing a line break is refused',
    (name) => {
      expect(inputError({ [name]: 'reports/a\nb.json' })).toBeInstanceOf(
        InputError
      )
    }
  )

  // src/inputs.ts:86: the scheme is stripped with a case-sensitive pattern,
  // so an upper-case scheme (valid, and normalised by URL) is refused.
  test('an upper-case scheme in base-url is accepted', () => {
    expect(parseInputs({ 'base-url': 'HTTP://localhost' }).baseUrl).toMatch(
      /^http:\/\/localhost$/i
    )
  })
})

describe('any value for any input', () => {
  const tricky = fc.constantFrom(
    '\n',
    '\r\n',
    '\r',
    '\t',
    '\u0000',
    '\u2028',
    '::',
    '::error::boom',
    '::set-output name=x::y',
    '"',
    "'",
    '`id`',
    '$(touch /tmp/x)',
    '${{ github.token }}',
    ' ',
    'all',
    'deploy',
    'true',
    'True',
    '1',
    'http://localhost',
    'https://example.com/',
    'deployment-20250101-000000',
    'api',
    '-'
  )
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    tricky,
    fc
      .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 5 })), {
        maxLength: 8
      })
      .map((parts) => parts.join(''))
  )

  function expectValid(inputs: Inputs): void {
    expect(STAGES).toContain(inputs.stage)
    expect(['', ...ACTIONS]).toContain(inputs.action)
    expect(
      inputs.targetComponent === 'all' ||
        SERVICE_NAME.test(inputs.targetComponent)
    ).toBe(true)
    expect(
      inputs.rollbackVersion === '' ||
        DEPLOYMENT_TAG.test(inputs.rollbackVersion)
    ).toBe(true)
    expect(inputs.reason.length).toBeLessThanOrEqual(REASON_MAX)
    expect(inputs.reason).toBe(inputs.reason.trim())
    expect(inputs.reason).not.toMatch(INVISIBLE)
    expect(inputs.config.length).toBeGreaterThan(0)
    expect(inputs.reportPath.length).toBeGreaterThan(0)
    const base = new URL(inputs.baseUrl)
    expect(['http:', 'https:']).toContain(base.protocol)
    expect(inputs.baseUrl.endsWith('/')).toBe(false)
    expect(Number.isSafeInteger(inputs.statusIssue)).toBe(true)
    expect(inputs.statusIssue).toBeGreaterThan(0)
    expect(typeof inputs.dryRun).toBe('boolean')
  }

  function expectOneLineError(error: unknown, names: InputName[]): void {
    expect(error).toBeInstanceOf(InputError)
    const message = (error as InputError).message
    expect(message).not.toMatch(/[\r\n]/)
    const name = /^input `([a-z-]+)`: /.exec(message)?.[1] as InputName
    expect(names).toContain(name)
    if (SECRETS.includes(name))
      expect(message.startsWith(`input \`${name}\`: (value hidden) `)).toBe(
        true
      )
  }

  test.each(NAMES)(
    '`%s`: any text gives valid inputs or a one-line InputError naming it',
    (name) => {
      fc.assert(
        fc.property(text, (value) => {
          let inputs: Inputs
          try {
            inputs = parseInputs({ [name]: value })
          } catch (error) {
            expectOneLineError(error, [name])
            return
          }
          expectValid(inputs)
        }),
        { numRuns: 300 }
      )
    }
  )

  test('any text in every input at once gives valid inputs or a one-line InputError', () => {
    const record = fc.record(
      Object.fromEntries(NAMES.map((name) => [name, text])) as Record<
        InputName,
        typeof text
      >,
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(record, (given) => {
        let inputs: Inputs
        try {
          inputs = parseInputs(given)
        } catch (error) {
          expectOneLineError(error, Object.keys(given) as InputName[])
          return
        }
        expectValid(inputs)
      }),
      { numRuns: 500 }
    )
  })

  test('a secret value never appears in any error message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SECRETS),
        fc.string({ minLength: 8 }).map((s) => `S3CR3T${s}\u0001`),
        (name, secret) => {
          const error = inputError({ [name]: secret })
          expect(error).toBeInstanceOf(InputError)
          expect(error!.message).not.toContain('S3CR3T')
        }
      )
    )
  })
})
