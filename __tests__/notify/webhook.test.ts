import { describe, expect, it } from '@jest/globals'
import { webhookPayload } from '../../src/notify/webhook.js'
import { HOSTILE, event, report } from './fixtures.js'

describe('webhookPayload', () => {
  it('carries the event and the report as they are', () => {
    const e = event({ reason: HOSTILE })
    const payload = webhookPayload(e, report())
    expect(payload).toEqual({ event: e, report: report() })
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload)
  })

  it('has no report key when there is no report', () => {
    expect(Object.keys(webhookPayload(event()))).toEqual(['event'])
  })
})
