/**
 * Reads a Connect historical metrics report (CSV) with csv-parse: a UTF-8 byte-order mark,
 * quoted cells, commas and quotes inside names, CRLF or LF line ends and blank lines are all
 * handled by the parser rather than by splitting on `\n` like the original.
 *
 * @example
 * ```ts
 * parseReportCsv('\uFEFFQueue,StartInterval\r\n"Sales, EU",2026-11-28T10:00:00.000Z\r\n');
 * // → { headers: ['Queue', 'StartInterval'], rows: [{ Queue: 'Sales, EU', StartInterval: '2026-…' }] }
 * ```
 */
import { parse } from 'csv-parse/sync';
import type { ParsedReport } from './types.js';

/** A report that is not valid CSV (e.g. an unclosed quote): importing it again cannot succeed. */
export class CsvParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CsvParseError';
  }
}

/**
 * Parses a report CSV (byte-order mark ignored) into its header and rows; invalid CSV is a
 * {@link CsvParseError}.
 */
export function parseReportCsv(text: string): ParsedReport {
  let table: string[][];
  try {
    table = parse(text, {
      bom: true,
      skip_empty_lines: true,
      // Connect writes rectangular files; a short row is kept with empty cells instead of losing the file.
      relax_column_count: true,
    }) as string[][];
  } catch (cause) {
    throw new CsvParseError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const [headerRow, ...dataRows] = table;
  if (!headerRow || headerRow.every((h) => h.trim() === ''))
    throw new CsvParseError('the file has no header row');
  const headers = headerRow.map((h) => h.replace(/^\uFEFF/, ''));
  const rows = dataRows
    .filter((cells) => cells.some((c) => c !== ''))
    .map((cells) => {
      const row: Record<string, string> = {};
      headers.forEach((header, i) => {
        row[header] = cells[i] ?? '';
      });
      return row;
    });
  return { headers, rows };
}
