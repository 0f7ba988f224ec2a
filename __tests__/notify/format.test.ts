import { describe, expect, it } from '@jest/globals'
import { fit, headline, severity } from '../../src/notify/format.js'
import { slackEscape } from '../../src/notify/slack.js'
import { event } from './fixtures.js'

describe('fit', () => {
  it('leaves text that fits as it is, escaped', () => {
    expect(fit('a < b', 20, slackEscape)).toBe('a &lt; b')
  })

  it('cuts to the limit counted after escaping, ending in an ellipsis', () => {
    const text = fit('&'.repeat(100), 23, slackEscape)
    expect(text).toBe(`${'&amp;'.repeat(4)}…`)
    expect(text.length).toBeLessThanOrEqual(23)
  })

  it('never splits an escape sequence', () => {
    for (let max = 2; max < 40; max++) {
      const text = fit('x<'.repeat(50), max, slackEscape)
      expect(text.length).toBeLessThanOrEqual(max)
      expect(text.replace(/&lt;/g, '')).not.toMatch(/[&<]/)
    }
  })

  it('never splits a surrogate pair', () => {
    for (let max = 1; max < 12; max++) {
      const text = fit('😀'.repeat(20), max)
      expect(text.length).toBeLessThanOrEqual(max)
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    }
  })

  it('makes untrusted text one line without control characters', () => {
    expect(fit('a\nb\r\nc\td\u2028e\u0007f', 100)).toBe('a b c d ef')
  })
})

describe('headline', () => {
  it('names each kind and counts the services shown', () => {
    expect(headline(event())).toBe('🔴 Critical — 1 down, 1 degraded')
    expect(headline(event({ kind: 'reminder' }))).toBe(
      '🔴 Still critical — 1 down, 1 degraded'
    )
    expect(
      headline(event({ kind: 'recovered', overall: 'healthy', services: [] }))
    ).toBe('🟢 Recovered — all services healthy')
    expect(
      headline(event({ kind: 'rollback-executed', overall: 'healthy' }))
    ).toBe('↩️ Rolled back to deployment-20251222-130000 — now healthy')
    expect(headline(event({ kind: 'rollback-failed', tag: undefined }))).toBe(
      '🔴 Rollback failed — now critical'
    )
    expect(headline(event({ kind: 'emergency-stop' }))).toBe(
      '🛑 Emergency stop — deployments halted'
    )
    expect(headline(event({ kind: 'resume' }))).toBe('▶️ Deployments resumed')
  })
})

describe('severity', () => {
  it('follows the kind, and the state reached for a recovery or rollback', () => {
    expect(severity(event({ kind: 'critical' }))).toBe('bad')
    expect(severity(event({ kind: 'rollback-failed' }))).toBe('bad')
    expect(severity(event({ kind: 'emergency-stop' }))).toBe('warn')
    expect(severity(event({ kind: 'resume' }))).toBe('good')
    expect(severity(event({ kind: 'recovered', overall: 'healthy' }))).toBe(
      'good'
    )
    expect(severity(event({ kind: 'recovered', overall: 'degraded' }))).toBe(
      'warn'
    )
    expect(
      severity(event({ kind: 'rollback-executed', overall: 'critical' }))
    ).toBe('bad')
  })
})
