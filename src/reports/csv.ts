/** CSV as RFC 4180 describes it, safe to open in a spreadsheet. */

/**
 * A figure already written as the reader writes it ("12,5" or "31,3%" in Russian): written as it
 * is, so a spreadsheet of that language reads it as a number (quoted only if it held the separator).
 */
export interface CsvFigure {
  figure: string;
}

export type CsvValue = string | number | null | CsvFigure;

/** `,` as RFC 4180 and English spreadsheets expect; `;` where the decimal mark is a comma. */
export type CsvSeparator = ',' | ';';

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
export function csvCell(value: CsvValue, separator: CsvSeparator = ','): string {
  if (value === null) return '';
  if (typeof value === 'object') {
    const text = value.figure;
    return text.includes(separator) || /["\r\n]/.test(text) ? csvCell(text) : text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Lines end in CRLF; the text starts with a UTF-8 byte order mark so spreadsheets read it as UTF-8. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
  separator: CsvSeparator = ',',
): string {
  const lines = [header, ...rows].map((cells) =>
    cells.map((cell) => csvCell(cell, separator)).join(separator),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
