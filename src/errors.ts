// The one error type for "the user gave us something wrong" (an input, the
// config, a token or its permissions): its message is shown as is, in one
// line, and the run fails without a stack trace. Anything else is a bug and
// keeps its stack in the debug log.

export class UserError extends Error {
  override name = 'UserError'
}

/** A bad input or config value: the message names it, the value and what is allowed. */
export class InputError extends UserError {
  override name = 'InputError'
}

/**
 * Shows a user-given value in an error message, cut to a readable length: a
 * string in quotes, anything else as written (a number stays a number).
 */
export function quoteValue(value: unknown, max = 60): string {
  let text: string
  if (typeof value === 'string') text = value
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      // A YAML alias can build an object that contains itself.
      text = '[a value that refers to itself]'
    }
  }
  const flat = text
    .replace(/[\u0000-\u001f\u007f]/g, (c) =>
      c === '\n' ? '\\n' : c === '\t' ? '\\t' : '?'
    )
    .trim()
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat
  return typeof value === 'string' ? JSON.stringify(cut) : cut
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
