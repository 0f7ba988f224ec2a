// Cleans the free-text reason given with a stop, rollback or resume. A reason
// is pasted in a hurry (from a terminal, a chat, an alert), so it is cleaned
// and cut, never refused: an emergency stop must not fail on its wording.

/** The longest reason kept, in UTF-16 code units; longer ones end with `…`. */
export const REASON_MAX = 500

// Bounds the work on an absurd input before any pattern runs; far more than
// any escape sequences a real reason could hold around 500 characters.
const RAW_MAX = 100_000

// Terminal escape sequences (ECMA-48), removed whole so that their
// parameters do not survive as stray text. String sequences (OSC, DCS, SOS,
// PM, APC) end at BEL or ST; their payload stops at any other introducer, so
// an unterminated one costs linear time and loses only its introducer.
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])(?:[^\u0007\u001b\u0090\u0098\u009b-\u009f]*(?:\u0007|\u001b\\|\u009c))?/g
const CSI_SEQUENCE =
  /(?:\u001b\[|\u009b)(?:[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e])?/g
const OTHER_ESCAPE = /\u001b(?:[\u0020-\u002f]*[\u0030-\u007e])?/g

// Line and paragraph breaks, tabs and the C1 next-line: each a space.
const BREAK = /[\t\n\v\f\r\u0085\u2028\u2029]/g

// Control characters, invisible format characters (bidi controls, zero-width
// characters, the byte-order mark, tag characters) and lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu

/**
 * A reason as one line of visible text: escape sequences, control, bidi and
 * zero-width characters removed, breaks and runs of whitespace made one
 * space, and at most REASON_MAX characters, cut with an ellipsis.
 */
export function cleanReason(text: string): string {
  const line = text
    .slice(0, RAW_MAX)
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(BREAK, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (line.length <= REASON_MAX) return line
  let cut = line.slice(0, REASON_MAX - 1)
  // Never keep half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}
