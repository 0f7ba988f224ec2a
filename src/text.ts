// Makes text from outside (HTTP bodies, reasons, GitHub data) safe to print in
// a workflow log or a markdown table: one line, no control characters, and it
// can never start a workflow command.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g

/** One line of untrusted text, safe for the log; `max` bounds its length. */
export function oneLine(text: string, max = 200): string {
  let line = text
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/ {2,}/g, ' ')
    .trim()
  if (line.length > max) line = `${line.slice(0, max - 1)}…`
  // A log line starting with "::" is parsed as a workflow command.
  return (
    line
      // The runner still honours the old ##[command] form anywhere in a
      // line; a full-width second # keeps the length.
      .replace(/##\[/g, '#\uff03[')
      .replace(/^:+/, (colons) => colons.replace(/:/g, '\u02d0'))
  )
}

/** An ISO time as people read it: 2025-12-22 13:00:00 UTC. */
export function readableTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso)
    ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
    : oneLine(iso, 40)
}

/** Untrusted text for a markdown table cell or inline text. */
export function markdownCell(text: string, max = 200): string {
  return oneLine(text, max)
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
}
