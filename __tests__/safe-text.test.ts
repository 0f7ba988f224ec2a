import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { markdownCell, oneLine } from '../src/safe-text.js'

const untrusted = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '\n',
          '\r',
          '\r\n',
          '\t',
          '\u0085',
          '\u2028',
          '\u2029',
          ' ',
          '::',
          '::error::x',
          '::set-output name=x::y',
          '##[error]x',
          '|',
          '`',
          '@here'
        ),
        fc.string({ maxLength: 4 })
      ),
      { maxLength: 10 }
    )
    .map((parts) => parts.join(''))
)

describe('oneLine', () => {
  test('line breaks and tabs become single spaces', () => {
    expect(oneLine('a\nb\r\nc\rd\te')).toBe('a b c d e')
  })

  test('a leading workflow command is defused', () => {
    const line = oneLine('::error::boom')
    expect(line.startsWith('::')).toBe(false)
    expect(line).toBe('\u02d0\u02d0error::boom')
  })

  test('a workflow command after a line break is defused', () => {
    const line = oneLine('ok\n::set-output name=x::y')
    expect(line).toBe('ok ::set-output name=x::y')
  })

  test('a workflow command after leading spaces is defused', () => {
    expect(oneLine('   \n ::add-mask::x').startsWith('::')).toBe(false)
  })

  test('text longer than max is cut with an ellipsis', () => {
    const line = oneLine('x'.repeat(300), 50)
    expect(line).toHaveLength(50)
    expect(line.endsWith('…')).toBe(true)
  })

  test('any text becomes one line that cannot start a workflow command', () => {
    fc.assert(
      fc.property(untrusted, fc.integer({ min: 2, max: 300 }), (text, max) => {
        const line = oneLine(text, max)
        expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/)
        expect(line.trimStart().startsWith('::')).toBe(false)
        expect(line.length).toBeLessThanOrEqual(max)
      }),
      { numRuns: 2000 }
    )
  })

  // src/safe-text.ts:16: only a leading "::" is defused, but the Actions runner
  // also runs the legacy "##[command]" form found anywhere in a line
  // (ActionCommand.TryParse in actions/runner), e.g. ##[add-mask] or
  // ##[stop-commands].
  test('a legacy ##[command] anywhere in the text is defused', () => {
    expect(oneLine('body: ##[add-mask]Failed')).not.toContain('##[')
  })
})

describe('markdownCell', () => {
  test('markdown and mentions are escaped', () => {
    expect(markdownCell('a|b `c` *d* <e> @team')).toBe(
      'a\\|b \\`c\\` \\*d\\* &lt;e&gt; @\u200bteam'
    )
  })

  test('any text stays inside one table cell', () => {
    fc.assert(
      fc.property(untrusted, (text) => {
        const cell = markdownCell(text)
        expect(cell).not.toMatch(/[\r\n]/)
        expect(cell).not.toMatch(/(^|[^\\])\|/)
      }),
      { numRuns: 2000 }
    )
  })
})

describe('markdownCell on text that would render as something else', () => {
  test('HTML entities cannot spell an @ after rendering', () => {
    const cell = markdownCell('&commat;octocat and &#64;team')
    expect(cell).toBe('&amp;commat;octocat and &amp;\\#64;team')
  })

  test('dollar signs cannot open a math span', () => {
    expect(markdownCell('$x^2$')).toBe('&#36;x^2&#36;')
  })

  test('URLs and www. names are not linked', () => {
    const cell = markdownCell('see https://evil.example or WWW.evil.example')
    expect(cell).not.toContain('://')
    expect(cell.toLowerCase()).not.toContain('www.')
  })

  test('an HTML comment or tag cannot open', () => {
    const cell = markdownCell('<!-- hide --> <img src=x>')
    expect(cell).not.toMatch(/[<>]/)
  })

  test('bidirectional overrides are removed', () => {
    expect(markdownCell('abc\u202edef\u2066')).toBe('abcdef')
  })

  test('any text has no tag, entity, math, autolink or mention left', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          untrusted,
          fc
            .array(
              fc.constantFrom(
                '&',
                '#64;',
                'commat;',
                '@',
                'a',
                '$',
                '<',
                '!--',
                'http',
                '://',
                'www',
                '.',
                'W'
              ),
              { maxLength: 12 }
            )
            .map((parts) => parts.join(''))
        ),
        (text) => {
          const cell = markdownCell(text)
          expect(cell).not.toMatch(/[<>$]/)
          expect(cell).not.toMatch(/&(?!amp;|lt;|gt;|#36;)/)
          expect(cell).not.toMatch(/@[A-Za-z0-9]/)
          expect(cell).not.toContain('://')
          expect(cell).not.toMatch(/www\./i)
        }
      ),
      { numRuns: 2000 }
    )
  })
})
