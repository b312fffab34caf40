/** CSV as RFC 4180 describes it, safe to open in a spreadsheet. */

export type CsvValue = string | number | null;

/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or carriage
 * return first) is prefixed with an apostrophe (OWASP's advice against CSV injection).
 */
function neutralized(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralized(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end in CRLF; the text starts with a UTF-8 byte order mark so spreadsheets read it as UTF-8. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
