// The layers of src as eslint.config.js draws them: entry → engine → stages
// → {probe, dashboard, notify, platform}. Each test lints a small snippet as
// if it were a file in that folder, with the project's own configuration.

import { describe, expect, test } from '@jest/globals'
import { ESLint } from 'eslint'

const eslint = new ESLint({ cwd: process.cwd() })
const RULE = '@typescript-eslint/no-restricted-imports'

/** The layer rule's messages for `code` linted as the file at `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === RULE)
    .map((m) => m.message)
}

describe('the layers', () => {
  test('the dashboard may not import a value from the platform', async () => {
    const errors = await layerErrors(
      'src/dashboard/snippet.ts',
      "import { HALT_TAG } from '../platform/platform.js'\nexport const tag = HALT_TAG\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('the platform reaches it only as an interface')
    ])
  })

  test('the dashboard may import the platform’s types', async () => {
    const errors = await layerErrors(
      'src/dashboard/snippet.ts',
      "import type { Halt } from '../platform/platform.js'\nexport type Lock = Halt\n"
    )
    expect(errors).toEqual([])
  })

  test('the dashboard may not read files itself', async () => {
    const errors = await layerErrors(
      'src/dashboard/snippet.ts',
      "import { readFile } from 'node:fs/promises'\nexport const read = readFile\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('it reads and writes nothing itself')
    ])
  })

  test('the dashboard may not run a stage', async () => {
    const errors = await layerErrors(
      'src/dashboard/snippet.ts',
      "import { gate } from '../stages/gate.js'\nexport const run = gate\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('only the engine runs stages')
    ])
  })

  test('the platform may not import from the dashboard, not even a type', async () => {
    const errors = await layerErrors(
      'src/platform/snippet.ts',
      "import type { DashboardState } from '../dashboard/state.js'\nexport type State = DashboardState\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('the platform never depends on the dashboard')
    ])
  })

  test('a stage may not take a value from inputs.ts', async () => {
    const errors = await layerErrors(
      'src/stages/snippet.ts',
      "import { STAGES } from '../inputs.js'\nexport const all = STAGES\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('settings come down through StageContext')
    ])
  })

  test('a stage may use the types of inputs.ts', async () => {
    const errors = await layerErrors(
      'src/stages/snippet.ts',
      "import type { Inputs } from '../inputs.js'\nexport type Given = Inputs\n"
    )
    expect(errors).toEqual([])
  })

  test('a stage may not call the engine', async () => {
    const errors = await layerErrors(
      'src/stages/snippet.ts',
      "import { runStage } from '../run-stages.js'\nexport const run = runStage\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('only the entry modules drive the engine')
    ])
  })

  test('the engine may not import an entry module', async () => {
    const errors = await layerErrors(
      'src/run-stages.ts',
      "import { run } from './main.js'\nexport const again = run\n"
    )
    expect(errors).toEqual([expect.stringContaining('nothing imports them')])
  })

  test('the probe may not import a stage', async () => {
    const errors = await layerErrors(
      'src/probe.ts',
      "import { monitor } from './stages/monitor.js'\nexport const m = monitor\n"
    )
    expect(errors).toEqual([
      expect.stringContaining('only the engine runs stages')
    ])
  })

  test('the notifiers may import their own index module', async () => {
    const errors = await layerErrors(
      'src/notify/snippet.ts',
      "import { notifyAll } from './index.js'\nexport const send = notifyAll\n"
    )
    expect(errors).toEqual([])
  })
})
