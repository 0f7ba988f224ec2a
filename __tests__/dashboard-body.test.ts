// The dashboard body as rendered: any state survives rendering and parsing,
// and no text in it can escape its cell, its comment or its state block.

import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { DASHBOARD_MARKER } from '../src/contract.js'
import { renderDashboard } from '../src/dashboard/render.js'
import { STATE_OPEN, parseState } from '../src/dashboard/state.js'
import { services } from './helpers/dashboard.js'
import { arbitraryState as states } from './helpers/dashboard-arbitrary.js'
import {
  cellSeparators,
  humanPart,
  mentions,
  stateJson,
  table,
  tables,
  unescaped
} from './helpers/markdown.js'

const NOW = '2025-12-22T13:00:00.000Z'
const RUN_URL = 'https://github.com/octo-org/app/actions/runs/7'
const arbitraryState = states(NOW)

describe('state → body → state', () => {
  test('any state survives rendering and parsing unchanged', () => {
    fc.assert(
      fc.property(arbitraryState, ({ names, state }) => {
        const body = renderDashboard(state, {
          services: services(...names),
          now: NOW,
          runUrl: RUN_URL,
          repository: 'octo-org/app'
        })
        // renderDashboard compacts the state it is given: compare with that.
        expect(parseState(body, NOW)).toEqual({ state, problems: [] })
      }),
      { numRuns: 300 }
    )
  })

  test('no text in the state can mention anyone, link, embed, add a heading, break a table, or end the state block', () => {
    fc.assert(
      fc.property(arbitraryState, ({ names, state }) => {
        const body = renderDashboard(state, {
          services: services(...names),
          now: NOW,
          runUrl: RUN_URL,
          repository: 'octo-org/app'
        })
        const human = humanPart(body)
        expect(mentions(human)).toEqual([])
        // The one HTML comment above the state block is the marker; the
        // state block's opening is only named inside a code span.
        expect(
          unescaped(human.replaceAll('`<!-- runbook:state`', ''), '<!--')
        ).toEqual([0])
        for (const t of tables(human)) {
          const cells = cellSeparators(t.header)
          for (const row of t.rows) expect(cellSeparators(row)).toBe(cells)
        }
        expect(table(human, '| state | service |')?.rows).toHaveLength(
          names.length
        )
        expect(table(human, '| time (UTC) | event |')?.rows ?? []).toHaveLength(
          Math.min(state.events.length, 10)
        )
        const lines = body.split('\n')
        expect(lines[0]).toBe(DASHBOARD_MARKER)
        expect(lines.filter((l) => l === STATE_OPEN)).toHaveLength(1)
        expect(lines[lines.length - 3]).toBe(STATE_OPEN)
        expect(human).not.toContain('<img')
        expect(
          human
            .replaceAll(RUN_URL, '')
            .replace(
              /https:\/\/github\.com\/octo-org\/app\/actions\/runs\/\d+/g,
              ''
            )
        ).not.toContain('://')
        expect(human).not.toMatch(/www\./i)
        expect(human).not.toMatch(/&(?!amp;|lt;|gt;|#36;)/)
        expect(human).not.toContain('$')
        expect(lines.filter((l) => l.startsWith('#'))).toEqual([
          expect.stringMatching(/^# \S+ Runbook status: [A-Z]+$/),
          '## Services',
          '## Deployments',
          '## Response time',
          '## Recent events',
          '## For AI agents'
        ])
        const json = stateJson(body)
        expect(json).not.toContain('-->')
        expect(json).not.toContain('<!--')
        expect(body.endsWith('\n-->')).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})
