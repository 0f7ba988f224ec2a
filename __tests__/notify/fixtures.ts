// Events for the notification tests, ordinary and hostile.

import type { AffectedService, NotifyEvent } from '../../src/notify/event.js'
import type { Report } from '../../src/health-report.js'

/** Untrusted text that tries to ping, link, format and break lines. */
export const HOSTILE =
  '@everyone @here @channel <!channel> <!here> <@U123> <@&42> <#C1> ' +
  '<https://evil.example|click> [link](https://evil.example) **bold** _it_ ' +
  '~~s~~ `code` ||spoiler|| # head\nsecond line\r\n> quote &amp; & done  ' +
  'two  spaces\u2028sep\u0085next'

export function service(
  overrides: Partial<AffectedService> = {}
): AffectedService {
  return {
    name: 'fastapi',
    title: 'FastAPI Quantum Conduit',
    status: 'down',
    reason: 'connection refused',
    ...overrides
  }
}

/** `n` services with long hostile names and reasons. */
export function manyServices(
  n: number,
  reasonLength = 5000
): AffectedService[] {
  return Array.from({ length: n }, (_, i) =>
    service({
      name: `svc-${i}-${HOSTILE}`.padEnd(300, 'n'),
      title: `Service ${i} ${HOSTILE}`.padEnd(400, 't'),
      status: i % 3 === 0 ? 'degraded' : 'down',
      reason: `${HOSTILE} `
        .repeat(Math.ceil(reasonLength / 200))
        .slice(0, reasonLength)
    })
  )
}

export function event(overrides: Partial<NotifyEvent> = {}): NotifyEvent {
  return {
    kind: 'critical',
    overall: 'critical',
    repository: 'octo/shop',
    services: [
      service(),
      service({
        name: 'flask',
        title: 'Flask Glyph Weaver',
        status: 'degraded',
        reason: 'slow: 2400 ms, over 2000 ms'
      })
    ],
    tag: 'deployment-20251222-130000',
    actor: 'octocat',
    runUrl: 'https://github.com/octo/shop/actions/runs/12345',
    dashboardUrl: 'https://github.com/octo/shop/issues/1',
    at: '2025-12-22T13:00:00.000Z',
    ...overrides
  }
}

/** The worst case: every piece of text hostile and too long. */
export function hostileEvent(
  overrides: Partial<NotifyEvent> = {}
): NotifyEvent {
  return event({
    services: manyServices(60),
    actor: `${HOSTILE}`.repeat(20),
    reason: `${HOSTILE} `.repeat(40),
    tag: `deployment-${HOSTILE}`.repeat(5),
    repository: `octo/${HOSTILE}`,
    ...overrides
  })
}

export function report(): Report {
  return {
    timestamp: '2025-12-22T13:00:00.000Z',
    run_id: '12345',
    overall_status: 'critical',
    services: {
      fastapi: {
        status: 'down',
        port: 8000,
        url: 'http://localhost:8000/health',
        http_status: null,
        latency_ms: 3,
        attempts: 3,
        error: 'connection refused'
      }
    }
  }
}

/** Every string inside a JSON value, keys excluded. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(allStrings)
  if (typeof value === 'object' && value !== null)
    return Object.values(value).flatMap(allStrings)
  return []
}
