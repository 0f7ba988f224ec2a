// Makes text from outside (HTTP bodies, reasons, GitHub data) safe to print in
// a workflow log or a markdown table: one line, no control characters, and it
// can never start a workflow command.

// Bidirectional overrides are left out too: they make text read differently
// from what it is.
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

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

// Entities for what HTML would read (and "&", so that "&commat;" or "&#64;"
// cannot become an "@" after rendering; "$" would open a math span);
// backslashes for what markdown would read; a zero-width space after "@" so
// that GitHub's mention filter, which runs on the rendered text, finds no
// name right after it.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  $: '&#36;',
  '@': '@\u200b'
}

/**
 * Untrusted text for a markdown table cell or inline text: it stays in its
 * cell, and cannot format, link, embed, mention or open an HTML comment.
 */
export function markdownCell(text: string, max = 200): string {
  return (
    oneLine(text, max)
      .replace(/[&<>$@\\`*_[\]|#~]/g, (c) => ESCAPES[c] ?? `\\${c}`)
      // GitHub autolinks http://, https://, ftp:// and www. (and e-mail
      // addresses, which the "@" above already breaks).
      .replace(/:\/\//g, ':\u200b//')
      .replace(/(www)\./gi, '$1\u200b.')
  )
}
