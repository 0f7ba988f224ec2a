// The stage contract: what each stage encodes is what a later stage decodes,
// by either spelling of the name, and nothing unreadable gets through.

import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import {
  ACTIONS,
  DASHBOARD_MARKER,
  DEPLOYMENT_STATUSES,
  JOB_IDS,
  SERVICE_STATES,
  decode,
  decodeOutputs,
  encode,
  hasMarker,
  refusedOutputs,
  type DeployOutputs,
  type GateOutputs
} from '../src/contract.js'

const name = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
// Any text GitHub could carry, but not '' (which reads as missing).
const text = fc.string({ minLength: 1, maxLength: 40 })

const gateOutputs: fc.Arbitrary<GateOutputs> = fc.record(
  {
    approved: fc.boolean(),
    action: fc.constantFrom(...ACTIONS),
    reason: text,
    'target-component': text,
    'rollback-version': text,
    halted: fc.boolean()
  },
  {
    requiredKeys: [
      'approved',
      'action',
      'reason',
      'target-component',
      'rollback-version'
    ]
  }
)

const deployOutputs: fc.Arbitrary<DeployOutputs> = fc.record(
  {
    'deployment-status': fc.constantFrom(...DEPLOYMENT_STATUSES),
    'deployment-time': text,
    'deployment-tag': text,
    'deployment-id': fc.integer({ min: 1, max: 2 ** 40 }),
    components: fc.array(name, { minLength: 1, maxLength: 4 }),
    refused: text,
    'health-before': fc.dictionary(name, fc.constantFrom(...SERVICE_STATES)),
    halted: fc.boolean()
  },
  { requiredKeys: ['deployment-status'] }
)

describe('encode and decode', () => {
  test('what the gate encodes decodes to the same values', () => {
    fc.assert(
      fc.property(gateOutputs, (outputs) => {
        expect(decodeOutputs('gate', encode('gate', outputs))).toEqual(outputs)
      })
    )
  })

  test('what the deploy encodes decodes to the same values', () => {
    fc.assert(
      fc.property(deployOutputs, (outputs) => {
        expect(decodeOutputs('deploy', encode('deploy', outputs))).toEqual(
          outputs
        )
      })
    )
  })

  test('values are written as GitHub carries them: strings, lists and JSON', () => {
    expect(
      encode('deploy', {
        'deployment-status': 'success',
        'deployment-id': null,
        components: ['fastapi', 'flask'],
        'health-before': { fastapi: 'down' },
        halted: false
      })
    ).toEqual({
      'deployment-status': 'success',
      'deployment-id': '',
      components: 'fastapi,flask',
      'health-before': '{"fastapi":"down"}',
      halted: 'false'
    })
  })

  test('the monitor also sets each service’s health by name', () => {
    const outputs = encode('monitor', {
      'monitoring-status': 'degraded',
      health: { api: 'degraded' },
      report: {
        timestamp: '2026-01-01T00:00:00.000Z',
        run_id: '1',
        overall_status: 'degraded',
        services: {}
      },
      'report-path': 'r.json'
    })
    expect(outputs['api-health']).toBe('degraded')
    expect(JSON.parse(outputs.health as string)).toEqual({ api: 'degraded' })
  })

  test('a job output is read by the workflow’s snake_case name too', () => {
    expect(
      decodeOutputs('deploy', {
        deployment_status: 'failed',
        deployment_tag: 'deployment-20260101-120000'
      })
    ).toEqual({
      'deployment-status': 'failed',
      'deployment-tag': 'deployment-20260101-120000'
    })
  })

  test('an empty output reads as missing, as GitHub passes an unset one', () => {
    expect(decodeOutputs('gate', { approved: 'true', halted: '' })).toEqual({
      approved: true
    })
  })

  test('a value outside its schema is dropped, not passed on', () => {
    expect(
      decodeOutputs('gate', {
        approved: 'yes',
        action: 'deploy; rm -rf /',
        reason: 'ok'
      })
    ).toEqual({ reason: 'ok' })
  })

  test('a report that is not the report’s shape is dropped', () => {
    expect(
      decodeOutputs('monitor', {
        'monitoring-status': 'healthy',
        report: '{"timestamp":1}'
      })
    ).toEqual({ 'monitoring-status': 'healthy' })
  })

  test('the refused values are named, job and output, so the run can say what it dropped', () => {
    expect(
      refusedOutputs({
        [JOB_IDS.gate]: {
          result: 'success',
          outputs: { approved: 'yes', action: 'deploy', reason: 'ok' }
        },
        [JOB_IDS.monitor]: {
          result: 'success',
          outputs: {
            monitoring_status: 'healthy',
            report: '{"timestamp":1}'
          }
        }
      })
    ).toEqual([`${JOB_IDS.gate}.approved`, `${JOB_IDS.monitor}.report`])
  })

  test('results that all decode refuse nothing', () => {
    expect(
      refusedOutputs({
        [JOB_IDS.gate]: {
          result: 'success',
          outputs: { approved: 'true', action: 'deploy', halted: '' }
        }
      })
    ).toEqual([])
  })

  test('a job missing from the results decodes to null', () => {
    expect(decode('rollback', {})).toBeNull()
    expect(
      decode('ci', {
        [JOB_IDS.ci]: {
          result: 'success',
          outputs: { build_status: 'skipped' }
        }
      })
    ).toEqual({ 'build-status': 'skipped' })
  })
})

describe('the dashboard marker', () => {
  test('a body starting with the marker after a byte-order mark has it', () => {
    expect(hasMarker(`\uFEFF\n${DASHBOARD_MARKER}\n# Dashboard`)).toBe(true)
  })

  test('a body quoting the marker later does not have it', () => {
    expect(hasMarker(`hello ${DASHBOARD_MARKER}`)).toBe(false)
  })
})
