import { expect, test } from '@jest/globals'
import fc from 'fast-check'
import { closest, editDistance } from '../src/closest.js'

const SERVICE_KEYS = [
  'name',
  'title',
  'url',
  'port',
  'path',
  'expect',
  'timeout-ms',
  'retries',
  'degraded-latency-ms',
  'deploy',
  'stop'
]

test('the edit distance counts insertions, deletions and substitutions', () => {
  expect(editDistance('', '')).toBe(0)
  expect(editDistance('kitten', 'sitting')).toBe(3)
  expect(editDistance('stop', 'stops')).toBe(1)
  expect(editDistance('abc', '')).toBe(3)
})

test('the edit distance is symmetric and zero only between equal strings', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      expect(editDistance(a, b)).toBe(editDistance(b, a))
      expect(editDistance(a, b) === 0).toBe(a === b)
    })
  )
})

test.each([
  ['degraded-latancy-ms', 'degraded-latency-ms'],
  ['retrys', 'retries'],
  ['timout-ms', 'timeout-ms'],
  ['timeout', 'timeout-ms'],
  ['Name', 'name'],
  ['stops', 'stop']
])('%s suggests %s', (given, meant) => {
  expect(closest(given, SERVICE_KEYS)).toBe(meant)
})

test.each(['helth', 'x', 'environment', ''])('%j suggests nothing', (given) => {
  expect(closest(given, SERVICE_KEYS)).toBeUndefined()
})

test('an allowed name suggests nothing', () => {
  for (const key of SERVICE_KEYS)
    expect(closest(key, SERVICE_KEYS)).toBeUndefined()
})
