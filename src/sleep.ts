// A wait that an AbortSignal cuts short, and that never rejects.

import { setTimeout as wait } from 'node:timers/promises'

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return wait(ms, undefined, { signal }).catch(() => undefined)
}
