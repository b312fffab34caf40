/** CSV as RFC 4180 describes it, safe to open in a spreadsheet. */

export type CsvValue = string | number | null;

/**
 * Text a spreadsheet could read as a formula (OWASP, "CSV Injection"): its first character other
 * than white space is `=`, `+`, `-` or `@` (or their full-width forms, which some input methods
 * type), or it starts with a tab, carriage return or line feed.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/**
 * A text cell is always quoted, so that no separator inside it (`,`, or `;` where a Russian or
 * Uzbek Excel splits on it) starts a new cell; a formula-like text gets an apostrophe first, which
 * makes a spreadsheet show it as text. Figures stay plain numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Lines end in CRLF; the text starts with a UTF-8 byte order mark so spreadsheets read it as UTF-8. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
