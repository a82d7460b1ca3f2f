/**
 * CSV text as RFC 4180 describes it (CRLF rows, fields quoted when they hold a comma, a quote
 * or a line break, quotes doubled), hardened against formula injection: a spreadsheet runs a
 * cell that starts with `=`, `+`, `-` or `@` (or a tab / carriage return that hides one), so
 * such strings get a leading apostrophe. Event data comes from end users' devices and must
 * never execute in an analyst's spreadsheet.
 */

export type CsvValue = string | number | boolean | null | undefined | object;

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, escaped and quoted as needed. Objects are written as JSON. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans cannot carry a formula; a negative number stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole document: the header row, then one row per record, CRLF-terminated. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${csvRow(row)}\r\n`).join('');
}
