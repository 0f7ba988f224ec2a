// Jest in ESM mode through ts-jest; type checking is `npm run typecheck`.
export default {
  clearMocks: true,
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 30000,
  // Most tests wait on sockets, child processes and timers rather than the
  // CPU: more workers than cores keeps both cores busy.
  maxWorkers: '150%'
}
