import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * CSV as RFC 4180 describes it (CRLF line ends), safe to open in a spreadsheet: csv-stringify quotes
 * what needs quoting and, with `escape_formulas`, prefixes a text cell starting with = + - @ tab or CR
 * with `'`, so a spreadsheet shows it as text instead of running it as a formula.
 */
export function toCsv<T>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => row[column])),
    // With its own record delimiter csv-stringify stops quoting newlines inside cells unless told to.
    { header: true, columns: [...columns], escape_formulas: true, record_delimiter: 'windows', quote_record_delimiter: true },
  );
}
