/** CSV cells that a spreadsheet opens as data, never as a formula (pure, tested in Node). */

/** A plain decimal number as spreadsheets read it: `-0.25`, `+3`, `1e-7`. Data, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Leading characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell: one that would start a formula gets a leading single quote (OWASP's recommendation), except a
 * plain number such as `-0.25`; then RFC 4180 quoting when it holds a comma, quote or line break.
 */
export function csvText(s: string): string {
  const safe = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell: the shortest text that parses back to the same double; NaN and infinities spelled out. */
export function csvNumber(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}
