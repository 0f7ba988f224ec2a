// The GitHub REST API emulator of the tests (__tests__/emulator/, TypeScript)
// as a process of its own, for the benchmarks: bench/lib.js bundles this
// entry with ncc at run time and drives it (startEmulator).
//
// It seeds octo-org/app (branch main with one commit, the full-access token
// of the tests) and gives ACTOR write permission, then prints one line:
// {"url","token","repository","defaultBranch","sha","actor"}. After that it
// answers each line on standard input with one JSON line:
//   log          the requests served: [{ method, route, status, at }], where
//                `at` is Date.now() when the answer was sent
//   clear        empties the request log; {}
//   issues       [{ number, title, bodyLength }]
//   deployments  [{ id, ref, environment, statuses: [state, …] }], newest
//                first, statuses oldest first
// It exits when standard input closes.

import { createInterface } from 'node:readline'
import { DEFAULT_TOKEN, startEmulator } from '../__tests__/emulator/index.ts'

const ACTOR = 'octo-dev'

const emulator = await startEmulator()
emulator.setPermission(ACTOR, 'write')

// Stamp each logged request with the time it was answered.
const entries = emulator.requests.entries
const push = entries.push.bind(entries)
entries.push = (...items) => {
  const at = Date.now()
  for (const item of items) item.at = at
  return push(...items)
}

process.stdout.write(
  `${JSON.stringify({
    url: emulator.url,
    token: DEFAULT_TOKEN,
    repository: emulator.fullName,
    defaultBranch: emulator.defaultBranch,
    sha: emulator.headSha(),
    actor: ACTOR
  })}\n`
)

const commands = {
  log: () =>
    entries.map(({ method, route, status, at }) => ({
      method,
      route,
      status,
      at
    })),
  clear: () => {
    emulator.requests.clear()
    return {}
  },
  issues: () =>
    emulator.issues().map((i) => ({
      number: i.number,
      title: i.title,
      bodyLength: (i.body ?? '').length
    })),
  deployments: () =>
    emulator.deployments().map((d) => ({
      id: d.id,
      ref: d.ref,
      environment: d.environment,
      statuses: d.statuses.map((s) => s.state).reverse()
    }))
}

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const command = commands[line.trim()]
  const answer = command ? command() : { error: `unknown command ${line}` }
  process.stdout.write(`${JSON.stringify(answer)}\n`)
})
lines.on('close', () => {
  emulator.close().then(() => process.exit(0))
})
