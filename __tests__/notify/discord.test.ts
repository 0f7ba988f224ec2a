import { describe, expect, it } from '@jest/globals'
import {
  DISCORD_COLORS,
  DISCORD_LIMITS,
  discordEscape,
  discordPayload,
  embedLength,
  type DiscordPayload
} from '../../src/notify/discord.js'
import { NOTIFY_KINDS, type NotifyKind } from '../../src/notify/event.js'
import { headline } from '../../src/notify/format.js'
import { event, hostileEvent, manyServices, service } from './fixtures.js'

function expectWithinLimits(payload: DiscordPayload): void {
  expect(payload.content.length).toBeGreaterThan(0)
  expect(payload.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content)
  expect(payload.embeds.length).toBeLessThanOrEqual(10)
  let total = 0
  for (const embed of payload.embeds) {
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title)
    expect(embed.description.length).toBeLessThanOrEqual(
      DISCORD_LIMITS.description
    )
    expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields)
    for (const field of embed.fields) {
      expect(field.name.length).toBeGreaterThan(0)
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName)
      expect(field.value.length).toBeGreaterThan(0)
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue)
    }
    expect(embed.footer.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.footer)
    total +=
      embed.title.length +
      embed.description.length +
      embed.footer.text.length +
      embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total)
  expect(payload.allowed_mentions).toEqual({ parse: [] })
}

/** Every text a person reads, links excluded. */
function texts(payload: DiscordPayload): string[] {
  return [
    payload.content,
    ...payload.embeds.flatMap((e) => [
      e.title,
      e.description,
      e.footer.text,
      ...e.fields.flatMap((f) => [f.name, f.value])
    ])
  ]
}

function expectNoPings(payload: DiscordPayload): void {
  for (const text of texts(payload)) {
    expect(text).not.toMatch(/@(?!\u200b)/)
    // Every `<` is escaped, so no <@id>, <@&role> or <#channel> is parsed.
    expect(text).not.toMatch(/(^|[^\\])</)
  }
}

const colorOf = (kind: NotifyKind, overall = 'critical'): number | undefined =>
  discordPayload(
    event({ kind, overall: overall as 'critical' | 'degraded' | 'healthy' })
  ).embeds[0]?.color

describe('discordPayload', () => {
  it('builds a critical message field by field', () => {
    const payload = discordPayload(event({ reason: 'bad deploy' }))
    expect(payload.content).toBe(
      '**🔴 Critical — 1 down, 1 degraded** · octo/shop'
    )
    expect(payload.allowed_mentions).toEqual({ parse: [] })
    expect(payload.embeds).toEqual([
      {
        title: '🔴 Critical — 1 down, 1 degraded',
        url: 'https://github.com/octo/shop/actions/runs/12345',
        description: [
          '**Overall:** critical (1 down, 1 degraded)',
          '**Reason:** bad deploy',
          '**Deployment:** deployment-20251222-130000',
          '**Triggered by:** octocat',
          '[Run](https://github.com/octo/shop/actions/runs/12345) · [Dashboard](https://github.com/octo/shop/issues/1)'
        ].join('\n'),
        color: DISCORD_COLORS.bad,
        fields: [
          {
            name: '🔴 fastapi — down',
            value: 'FastAPI Quantum Conduit\nconnection refused',
            inline: false
          },
          {
            name: '🟡 flask — degraded',
            value: 'Flask Glyph Weaver\nslow: 2400 ms, over 2000 ms',
            inline: false
          }
        ],
        footer: { text: 'Runbook · octo/shop' },
        timestamp: '2025-12-22T13:00:00.000Z'
      }
    ])
  })

  it.each(NOTIFY_KINDS)('builds a %s message within every limit', (kind) => {
    const e = event({ kind, reason: 'planned maintenance' })
    const payload = discordPayload(e)
    const [embed] = payload.embeds
    expect(embed?.title).toBe(headline(e))
    expect(payload.content).toBe(`**${headline(e)}** · octo/shop`)
    expect(embed?.description).toMatch(
      /\n\*\*[A-Z][a-z]+( reason)?:\*\* planned maintenance\n/
    )
    expect(embed?.description).toContain(
      kind.startsWith('rollback')
        ? '**Rollback to:** deployment-20251222-130000'
        : '**Deployment:** deployment-20251222-130000'
    )
    expect(embed?.fields).toHaveLength(2)
    expectWithinLimits(payload)
    expectNoPings(payload)
  })

  it('colours the embed by severity', () => {
    expect(colorOf('critical')).toBe(DISCORD_COLORS.bad)
    expect(colorOf('reminder')).toBe(DISCORD_COLORS.bad)
    expect(colorOf('rollback-failed')).toBe(DISCORD_COLORS.bad)
    expect(colorOf('emergency-stop')).toBe(DISCORD_COLORS.warn)
    expect(colorOf('resume', 'healthy')).toBe(DISCORD_COLORS.good)
    expect(colorOf('recovered', 'healthy')).toBe(DISCORD_COLORS.good)
    expect(colorOf('recovered', 'degraded')).toBe(DISCORD_COLORS.warn)
    expect(colorOf('rollback-executed', 'healthy')).toBe(DISCORD_COLORS.good)
    expect(DISCORD_COLORS).toEqual({
      bad: 0xd1242f,
      warn: 0xf0883e,
      good: 0x1f883d
    })
  })

  it('has no links when the run has none, as in a local run', () => {
    const payload = discordPayload(event({ runUrl: '', dashboardUrl: '' }))
    expect(payload.embeds[0]?.url).toBeUndefined()
    expect(payload.embeds[0]?.description).not.toContain('](')
  })

  it('keeps a link from ending early on a parenthesis', () => {
    const payload = discordPayload(
      event({ dashboardUrl: 'https://example.com/a)b(c' })
    )
    expect(payload.embeds[0]?.description).toContain(
      '[Dashboard](https://example.com/a%29b%28c)'
    )
  })

  it('fits 60 services with 5000-character reasons into the total limit', () => {
    const payload = discordPayload(hostileEvent())
    const [embed] = payload.embeds
    expect(embed?.fields).toHaveLength(25)
    expect(embed?.fields.at(-1)?.name).toBe('…and 36 more services')
    expect(embed && embedLength(embed)).toBeLessThanOrEqual(6000)
    expectWithinLimits(payload)
    expectNoPings(payload)
  })

  it('gives each value the room a few services leave, up to the field limit', () => {
    const payload = discordPayload(
      event({ services: manyServices(2, 5000), reason: undefined })
    )
    const values = payload.embeds[0]?.fields.map((f) => f.value.length) ?? []
    for (const length of values) {
      expect(length).toBeGreaterThan(900)
      expect(length).toBeLessThanOrEqual(1024)
    }
    expectWithinLimits(payload)
  })

  it('stays within every limit whatever the number of services', () => {
    for (const n of [0, 1, 24, 25, 26, 200]) {
      const payload = discordPayload(
        hostileEvent({ services: manyServices(n, 5000) })
      )
      expectWithinLimits(payload)
      expect(payload.embeds[0]?.fields.length).toBe(Math.min(n, 25))
    }
  })

  it('never sends an empty field value', () => {
    const payload = discordPayload(
      event({
        services: [service({ name: 'api', title: 'api', reason: null })]
      })
    )
    expect(payload.embeds[0]?.fields[0]?.value).toBe('down')
  })

  it('keeps hostile text from mentioning, linking, formatting or breaking lines', () => {
    const payload = discordPayload(
      hostileEvent({
        services: [service({ reason: '@everyone <@123> [x](https://a.b)\nok' })]
      })
    )
    expectNoPings(payload)
    expect(payload.embeds[0]?.fields[0]?.value.split('\n').at(-1)).toBe(
      '@\u200beveryone \\<@\u200b123\\> \\[x\\]\\(https://a.b\\) ok'
    )
    const json = JSON.stringify(payload)
    for (const ping of ['@everyone', '@here', '<@U123>', '<@&42>'])
      expect(json).not.toContain(ping)
  })

  it('escapes markdown with backslashes and list or heading starts', () => {
    expect(discordEscape('**a** _b_ `c` ~d~ |e| # f > g')).toBe(
      '\\*\\*a\\*\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\| \\# f \\> g'
    )
    expect(discordEscape('- item')).toBe('\\- item')
    expect(discordEscape('1. item')).toBe('1\\. item')
    expect(discordEscape('a\\b')).toBe('a\\\\b')
  })

  it('leaves out a timestamp that is not a time', () => {
    expect(discordPayload(event({ at: 'soon' })).embeds[0]?.timestamp).toBe(
      undefined
    )
  })
})
