// ESLint with typescript-eslint's recommended rules over src, tests, scripts
// and benchmarks, and the layers of src as drawn: entry (index, main, cli,
// cli-entry) → engine (run-stages) → stages → {probe, dashboard, notify, platform}. A module
// imports only from the layers below it; a type import is free, since it
// leaves nothing behind at run time.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const ENTRY = '(main|cli|index|cli-entry)'
/** Restrictions for a file `up` levels below src ('./' or '../'). */
const layer = (up) => ({
  entry: {
    regex: `^${up.replace(/\./g, '\\.')}${ENTRY}\\.js$`,
    message: 'the entry modules are the top layer: nothing imports them'
  },
  engine: {
    regex: `^${up.replace(/\./g, '\\.')}run-stages\\.js$`,
    message: 'only the entry modules drive the engine'
  },
  stages: {
    group: [`${up}stages/*`],
    allowTypeImports: true,
    message: 'only the engine runs stages (a type import is fine)'
  },
  inputs: {
    group: [`${up}inputs.js`],
    allowTypeImports: true,
    message:
      'settings come down through StageContext, never from inputs.ts (a type import is fine; constants live in contract.ts)'
  },
  platform: {
    group: [`${up}platform/*`],
    allowTypeImports: true,
    message:
      'the dashboard is pure: the platform reaches it only as an interface (a type import is fine)'
  },
  dashboard: {
    group: [`${up}dashboard/*`],
    message:
      'the platform never depends on the dashboard (shared constants live in contract.ts)'
  },
  io: {
    group: [
      'node:fs',
      'node:fs/*',
      'node:child_process',
      'node:http',
      'node:https',
      'node:net',
      'node:dns',
      '@actions/*',
      '@octokit/*',
      `${up}probe.js`,
      `${up}http-exchange.js`,
      `${up}action-io.js`,
      `${up}shell-commands.js`,
      `${up}worktree.js`,
      `${up}notify/*`
    ],
    allowTypeImports: true,
    message:
      'the dashboard is pure: it reads and writes nothing itself (a type import is fine)'
  }
})
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }]
})
const top = layer('./')
const sub = layer('../')

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.runbook/',
      '.stryker-tmp/',
      'reports/'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly'
      }
    },
    rules: {
      // Untrusted text is filtered for control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli.ts', 'src/log-terminal.ts'],
    rules: { 'no-console': 'error' }
  },
  // Layers: each file set appears once, since a later block replaces an
  // earlier block's options for the same rule.
  { files: ['src/run-stages.ts'], rules: restrict(top.entry) },
  {
    files: ['src/*.ts'],
    ignores: [
      'src/index.ts',
      'src/main.ts',
      'src/cli.ts',
      'src/cli-entry.ts',
      'src/run-stages.ts'
    ],
    rules: restrict(top.entry, top.engine, top.stages)
  },
  {
    files: ['src/stages/**/*.ts'],
    rules: restrict(sub.entry, sub.engine, sub.inputs)
  },
  {
    files: ['src/dashboard/**/*.ts'],
    rules: restrict(
      sub.entry,
      sub.engine,
      sub.stages,
      sub.inputs,
      sub.platform,
      sub.io
    )
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: restrict(
      sub.entry,
      sub.engine,
      sub.stages,
      sub.inputs,
      sub.dashboard
    )
  },
  {
    files: ['src/notify/**/*.ts'],
    rules: restrict(sub.entry, sub.engine, sub.stages, sub.inputs)
  }
)
