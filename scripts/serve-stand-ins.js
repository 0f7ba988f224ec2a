// Serves the three stand-in services on their fixed ports (fastapi 8000,
// flask 5000, gradio 7860) until stopped, for workflows that run the action
// against them. Exits 1 when a port is taken. A deploy command, or a test,
// can make a service fail by writing "broken" to <state-dir>/<name>.state.
// Usage: node scripts/serve-stand-ins.js [state-dir]

import { STAND_INS, startStandIns } from './stand-ins.js'

const stateDir = process.argv[2]
const { services, close } = await startStandIns({ stateDir })
const moved = services.filter(
  (s) => s.port !== STAND_INS.find((t) => t.name === s.name)?.port
)
if (moved.length > 0) {
  console.error(
    `serve-stand-ins: port taken: ${moved
      .map(
        (s) =>
          `${s.name} wanted ${STAND_INS.find((t) => t.name === s.name)?.port}`
      )
      .join(', ')}`
  )
  await close()
  process.exit(1)
}
for (const s of services)
  console.log(`${s.name} (${s.title}) on http://127.0.0.1:${s.port}/health`)

const stop = () => close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
