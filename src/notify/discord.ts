// The Discord execute-webhook message: a short `content` line and one embed
// coloured by severity, within Discord's limits, that can never mention
// anyone.

import type { AffectedService, NotifyEvent } from './event.js'
import {
  alsoLine,
  fit,
  headline,
  isLink,
  plural,
  reasonLabel,
  serviceCounts,
  severity,
  tagLabel,
  type Severity
} from './format.js'
import { STATUS_ICON } from '../status.js'

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000
} as const

export const DISCORD_COLORS: Record<Severity, number> = {
  bad: 0xd1242f,
  warn: 0xf0883e,
  good: 0x1f883d
}

const FIELD_NAME_MAX = 80
const FOOTER_MAX = 200

/**
 * Escapes text for Discord markdown: a backslash before every markdown
 * character (so `<@123>`, `[x](y)`, `**`, `#` show as typed) and a
 * zero-width space after every `@`, so `@everyone` and `@here` read as text
 * even where `allowed_mentions` is not honoured.
 */
export function discordEscape(text: string): string {
  return text
    .replace(/[\\*_~`|<>#[\]()]/g, (c) => `\\${c}`)
    .replace(/^[-+](?= )/, (c) => `\\${c}`)
    .replace(/^(\d+)\.(?= )/, '$1\\.')
    .replace(/@/g, '@\u200b')
}

export interface DiscordField {
  name: string
  value: string
  inline: boolean
}

export interface DiscordEmbed {
  title: string
  description: string
  color: number
  url?: string
  fields: DiscordField[]
  footer: { text: string }
  timestamp?: string
}

export interface DiscordPayload {
  content: string
  embeds: DiscordEmbed[]
  allowed_mentions: { parse: never[] }
}

export function discordPayload(event: NotifyEvent): DiscordPayload {
  const title = headline(event)
  const repository = event.repository
    ? ` · ${fit(event.repository, 100, discordEscape)}`
    : ''
  const embed: DiscordEmbed = {
    title: fit(title, DISCORD_LIMITS.title, discordEscape),
    description: description(event),
    color: DISCORD_COLORS[severity(event)],
    fields: [],
    footer: {
      text: fit(
        event.repository ? `Runbook · ${event.repository}` : 'Runbook',
        FOOTER_MAX,
        discordEscape
      )
    }
  }
  if (isLink(event.runUrl, 2000)) embed.url = event.runUrl
  if (!Number.isNaN(Date.parse(event.at)))
    embed.timestamp = new Date(event.at).toISOString()
  embed.fields = serviceFields(event.services, embedLength(embed))
  return {
    content: `**${fit(title, 300, discordEscape)}**${repository}`,
    embeds: [embed],
    allowed_mentions: { parse: [] }
  }
}

/** The characters Discord counts towards an embed's total limit. */
export function embedLength(embed: DiscordEmbed): number {
  return (
    embed.title.length +
    embed.description.length +
    embed.footer.text.length +
    embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  )
}

function description(event: NotifyEvent): string {
  const counts = serviceCounts(event.services)
  const lines = [`**Overall:** ${event.overall}${counts ? ` (${counts})` : ''}`]
  if (event.reason)
    lines.push(
      `**${reasonLabel(event.kind)}:** ${fit(event.reason, 800, discordEscape)}`
    )
  const also = alsoLine(event)
  if (also) lines.push(discordEscape(also))
  if (event.tag)
    lines.push(
      `**${tagLabel(event.kind)}:** ${fit(event.tag, 100, discordEscape)}`
    )
  if (event.actor)
    lines.push(`**Triggered by:** ${fit(event.actor, 100, discordEscape)}`)
  const links: string[] = []
  if (isLink(event.runUrl, 300)) links.push(maskedLink('Run', event.runUrl))
  if (isLink(event.dashboardUrl, 300))
    links.push(maskedLink('Dashboard', event.dashboardUrl))
  if (links.length > 0) lines.push(links.join(' · '))
  // Every line is bounded: together under 2,100 characters, far below 4,096.
  return lines.join('\n')
}

/** A markdown link whose URL cannot end the link early. */
function maskedLink(text: string, url: string): string {
  const safe = url.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${text}](${safe})`
}

/**
 * One field per service, up to the field limit (the last one then says how
 * many more there are), each value given an equal share of what the embed's
 * total limit leaves.
 */
function serviceFields(
  services: AffectedService[],
  usedByRest: number
): DiscordField[] {
  const max = DISCORD_LIMITS.fields
  const shown = services.length > max ? services.slice(0, max - 1) : services
  const fields = shown.map((s) => ({
    name: fit(
      `${STATUS_ICON[s.status]} ${s.name} — ${s.status}`,
      FIELD_NAME_MAX,
      discordEscape
    ),
    value: '',
    inline: false
  }))
  const more: DiscordField[] =
    services.length > shown.length
      ? [
          {
            name: `…and ${plural(services.length - shown.length, 'more service')}`,
            value: 'See the dashboard for all of them.',
            inline: false
          }
        ]
      : []
  const fixed =
    usedByRest +
    fields.reduce((n, f) => n + f.name.length, 0) +
    more.reduce((n, f) => n + f.name.length + f.value.length, 0)
  const share = Math.min(
    DISCORD_LIMITS.fieldValue,
    Math.floor((DISCORD_LIMITS.total - fixed) / Math.max(fields.length, 1))
  )
  shown.forEach((s, i) => {
    const field = fields[i]
    if (field) field.value = fieldValue(s, share)
  })
  return [...fields, ...more]
}

function fieldValue(service: AffectedService, max: number): string {
  const parts: string[] = []
  if (service.title && service.title !== service.name)
    parts.push(fit(service.title, Math.min(120, max), discordEscape))
  const room = max - parts.reduce((n, p) => n + p.length + 1, 0)
  if (service.reason && room > 1)
    parts.push(fit(service.reason, room, discordEscape))
  const value = parts.join('\n')
  // A field value may not be empty.
  return value || service.status
}
