import { describe, expect, it } from '@jest/globals'
import { NOTIFY_KINDS } from '../../src/notify/event.js'
import { headline } from '../../src/notify/format.js'
import {
  SLACK_LIMITS,
  SLACK_MAX_SERVICES,
  slackEscape,
  slackPayload,
  type SlackBlock,
  type SlackPayload,
  type SlackText
} from '../../src/notify/slack.js'
import { event, hostileEvent, manyServices, service } from './fixtures.js'

/** Every text object in the message, with the fallback text. */
function texts(payload: SlackPayload): string[] {
  const found: string[] = [payload.text]
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (typeof value !== 'object' || value === null) return
    const v = value as Record<string, unknown>
    if (
      (v.type === 'plain_text' || v.type === 'mrkdwn') &&
      typeof v.text === 'string'
    )
      found.push(v.text)
    Object.values(v).forEach(visit)
  }
  visit(payload.blocks)
  return found
}

function expectWithinLimits(payload: SlackPayload): void {
  expect(payload.text.length).toBeGreaterThan(0)
  expect(payload.text.length).toBeLessThanOrEqual(1000)
  expect(payload.text).not.toContain('\n')
  expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks)
  for (const block of payload.blocks) {
    switch (block.type) {
      case 'header':
        expect(block.text.type).toBe('plain_text')
        expect(block.text.text.length).toBeGreaterThan(0)
        expect(block.text.text.length).toBeLessThanOrEqual(150)
        break
      case 'section':
        expect(block.text ?? block.fields).toBeDefined()
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000)
        if (block.fields) {
          expect(block.fields.length).toBeGreaterThan(0)
          expect(block.fields.length).toBeLessThanOrEqual(10)
          for (const field of block.fields) {
            expect(field.text.length).toBeGreaterThan(0)
            expect(field.text.length).toBeLessThanOrEqual(2000)
          }
        }
        break
      case 'context':
        expect(block.elements.length).toBeGreaterThan(0)
        expect(block.elements.length).toBeLessThanOrEqual(10)
        for (const element of block.elements)
          expect(element.text.length).toBeLessThanOrEqual(3000)
        break
      case 'actions':
        expect(block.elements.length).toBeLessThanOrEqual(25)
        for (const button of block.elements) {
          expect(button.text.type).toBe('plain_text')
          expect(button.text.text.length).toBeLessThanOrEqual(75)
          expect(button.url.length).toBeLessThanOrEqual(3000)
        }
        break
    }
  }
}

/** No text can mention anyone or form a link. */
function expectNoPings(payload: SlackPayload): void {
  for (const text of texts(payload)) {
    expect(text).not.toMatch(/[<>]/)
    expect(text).not.toMatch(/@(?!\u200b)/)
    expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&')
  }
}

const byType = <T extends SlackBlock['type']>(
  payload: SlackPayload,
  type: T
): Extract<SlackBlock, { type: T }>[] =>
  payload.blocks.filter(
    (b): b is Extract<SlackBlock, { type: T }> => b.type === type
  )

const fieldsOf = (payload: SlackPayload): SlackText[] =>
  byType(payload, 'section').flatMap((s) => s.fields ?? [])

describe('slackPayload', () => {
  it('builds a critical message block by block', () => {
    const payload = slackPayload(event())
    expect(payload.text).toBe(
      '🔴 Critical — 1 down, 1 degraded · octo/shop — fastapi: down, flask: degraded'
    )
    expect(payload.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'actions'
    ])
    expect(payload.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: '🔴 Critical — 1 down, 1 degraded · octo/shop',
        emoji: true
      }
    })
    expect(payload.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Overall:* critical (1 down, 1 degraded)' }
    })
    expect(fieldsOf(payload)).toEqual([
      {
        type: 'mrkdwn',
        text: '🔴 *fastapi* — down\nFastAPI Quantum Conduit\nconnection refused'
      },
      {
        type: 'mrkdwn',
        text: '🟡 *flask* — degraded\nFlask Glyph Weaver\nslow: 2400 ms, over 2000 ms'
      }
    ])
    expect(byType(payload, 'context')[0]?.elements).toEqual([
      { type: 'mrkdwn', text: 'Deployment `deployment-20251222-130000`' },
      { type: 'mrkdwn', text: 'Triggered by *octocat*' },
      { type: 'mrkdwn', text: '2025-12-22T13:00:00.000Z' }
    ])
    expect(byType(payload, 'actions')[0]?.elements).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'View run', emoji: true },
        url: 'https://github.com/octo/shop/actions/runs/12345',
        action_id: 'runbook-run'
      },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open dashboard', emoji: true },
        url: 'https://github.com/octo/shop/issues/1',
        action_id: 'runbook-dashboard'
      }
    ])
    expectWithinLimits(payload)
  })

  it.each(NOTIFY_KINDS)('builds a %s message within every limit', (kind) => {
    const e = event({
      kind,
      overall:
        kind === 'recovered' || kind === 'resume' ? 'healthy' : 'critical',
      reason: 'planned maintenance'
    })
    const payload = slackPayload(e)
    const header = payload.blocks[0]
    expect(header?.type === 'header' && header.text.text).toBe(
      `${headline(e)} · octo/shop`
    )
    const summary = payload.blocks[1]
    expect(summary?.type === 'section' && summary.text?.text).toMatch(
      /^\*Overall:\* (critical|healthy).*\n\*[A-Z][a-z]+( reason)?:\* planned maintenance$/
    )
    const tag = byType(payload, 'context')[0]?.elements[0]?.text
    expect(tag).toBe(
      kind.startsWith('rollback')
        ? 'Rollback to `deployment-20251222-130000`'
        : 'Deployment `deployment-20251222-130000`'
    )
    expect(fieldsOf(payload)).toHaveLength(2)
    expectWithinLimits(payload)
    expectNoPings(payload)
  })

  it('names the kinds merged into the message', () => {
    const payload = slackPayload(
      event({
        kind: 'rollback-executed',
        also: ['recovered'],
        overall: 'healthy'
      })
    )
    const summary = payload.blocks[1]
    expect(summary?.type === 'section' && summary.text?.text).toContain(
      'Also: the system recovered from critical.'
    )
  })

  it('leaves out the buttons when there are no links, as in a local run', () => {
    const payload = slackPayload(event({ runUrl: '', dashboardUrl: '' }))
    expect(byType(payload, 'actions')).toEqual([])
    const one = slackPayload(event({ dashboardUrl: '' }))
    expect(byType(one, 'actions')[0]?.elements.map((b) => b.text.text)).toEqual(
      ['View run']
    )
  })

  it('leaves out a link too long for a button rather than cutting it', () => {
    const payload = slackPayload(
      event({ runUrl: `https://github.com/${'x'.repeat(3000)}` })
    )
    expect(
      byType(payload, 'actions')[0]?.elements.map((b) => b.text.text)
    ).toEqual(['Open dashboard'])
  })

  it('leaves out the context when there is no tag, actor or time', () => {
    const payload = slackPayload(event({ tag: undefined, actor: '', at: '' }))
    expect(byType(payload, 'context')).toEqual([])
  })

  it('splits many services over sections of ten and ends with how many more', () => {
    const payload = slackPayload(hostileEvent())
    const sections = byType(payload, 'section').filter((s) => s.fields)
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 10, 10, 10])
    const fields = fieldsOf(payload)
    expect(fields).toHaveLength(SLACK_MAX_SERVICES)
    expect(fields.at(-1)?.text).toBe('…and 21 more services')
    expectWithinLimits(payload)
    expectNoPings(payload)
  })

  it('shows every service when they all fit', () => {
    const payload = slackPayload(event({ services: manyServices(40, 10) }))
    expect(fieldsOf(payload)).toHaveLength(40)
    expect(fieldsOf(payload).at(-1)?.text).not.toContain('more services')
  })

  it('cuts long names, titles and reasons with an ellipsis, within the limits', () => {
    const payload = slackPayload(hostileEvent())
    const [first] = fieldsOf(payload)
    const lines = first?.text.split('\n') ?? []
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/…(\* — degraded)?$/)
    expect(payload.text.endsWith('…')).toBe(true)
    expectWithinLimits(payload)
  })

  it('keeps hostile text from mentioning anyone, linking or breaking lines', () => {
    const payload = slackPayload(
      hostileEvent({ services: [service({ reason: '<!channel> hi\nthere' })] })
    )
    expectNoPings(payload)
    const json = JSON.stringify(payload)
    for (const ping of [
      '<!channel>',
      '<!here>',
      '<@U123>',
      '<https://evil',
      '@everyone',
      '@here',
      '@channel'
    ])
      expect(json).not.toContain(ping)
    const [field] = fieldsOf(payload)
    expect(field?.text.split('\n').at(-1)).toBe('&lt;!channel&gt; hi there')
  })

  it('escapes ampersands and angle brackets the way Slack expects', () => {
    expect(slackEscape('a & <b> @here')).toBe('a &amp; &lt;b&gt; @\u200bhere')
  })

  it('stays within the block limit whatever the number of services', () => {
    for (const n of [0, 1, 9, 10, 11, 39, 40, 41, 500]) {
      const payload = slackPayload(
        event({ services: manyServices(n, 5000), reason: 'r'.repeat(5000) })
      )
      expectWithinLimits(payload)
      expect(fieldsOf(payload).length).toBe(Math.min(n, SLACK_MAX_SERVICES))
    }
  })
})
