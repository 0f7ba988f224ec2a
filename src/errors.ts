// The one error type for "the user gave us something wrong": its message is
// shown as is, in one line, and the run fails without a stack trace.

export class InputError extends Error {
  override name = 'InputError'
}

/** Quotes a user-given value for an error message, cut to a readable length. */
export function quoteValue(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const flat = String(text)
    .replace(/[\u0000-\u001f\u007f]/g, (c) =>
      c === '\n' ? '\\n' : c === '\t' ? '\\t' : '?'
    )
    .trim()
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat
  return JSON.stringify(cut)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
