// The emergency-stop lock: the runbook-halt tag and what its message says
// about who holds it. The message is anyone's text, so it is read strictly.

import { oneLine } from '../safe-text.js'

export interface Halt {
  by: string
  at: string
  reason: string
}

export const HALT_TAG = 'runbook-halt'

/** The halt tag's message: JSON {by, at, reason}, each cut to one line. */
export function parseHaltMessage(message: string): Halt {
  try {
    const parsed = JSON.parse(message) as Partial<Halt>
    return {
      by: oneLine(String(parsed.by ?? 'unknown'), 100),
      at: oneLine(String(parsed.at ?? ''), 40),
      reason: oneLine(String(parsed.reason ?? ''), 500)
    }
  } catch {
    return { by: 'unknown', at: '', reason: oneLine(message, 500) }
  }
}
