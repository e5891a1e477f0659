/**
 * Renders rows as a plain-text table for terminal output (no colours: it also lands in CI logs).
 * With `maxWidth` (e.g. {@link TABLE_WIDTH}), when the cells do not fit, the widest columns are
 * narrowed and their long cells cut with `…` (commands print the full values with `--verbose` or
 * `--json`), except the columns in `keep` (ids an operator copies), and none below its
 * `minWidths` entry; without it every cell is kept whole.
 *
 * @example
 * ```ts
 * console.log(renderTable(['contact', 'status'], [['c-1', 'SUCCEEDED']]));
 * ```
 */
export const TABLE_WIDTH = 120;
const GAP = 2;
/** A narrowed column keeps at least this many characters (or its header). */
const MIN_COLUMN = 8;

/**
 * Renders rows as a plain-text table; with `maxWidth`, the widest columns are narrowed and their
 * long cells cut with `…` until it fits.
 *
 * @example
 * ```ts
 * renderTable(['Contact', 'Status'], [['5c0b…', 'FAILED']], { maxWidth: 80 });
 * ```
 */
export function renderTable(
  headers: string[],
  rows: Array<Array<string | number | undefined>>,
  options: {
    maxWidth?: number;
    keep?: readonly number[];
    /** Column index → width it keeps when narrowed (a cause worth reading), if its cells are that wide. */
    minWidths?: Readonly<Record<number, number>>;
  } = {},
): string {
  const maxWidth = options.maxWidth ?? Number.POSITIVE_INFINITY;
  const cells = rows.map((row) => headers.map((_, i) => String(row[i] ?? '')));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  // A kept column (an id to copy) is never cut; the others give way down to MIN_COLUMN.
  const floor = headers.map((header, i) =>
    options.keep?.includes(i)
      ? (widths[i] ?? 0)
      : Math.min(widths[i] ?? 0, Math.max(header.length, MIN_COLUMN, options.minWidths?.[i] ?? 0)),
  );
  const total = () => widths.reduce((sum, width) => sum + width, 0) + GAP * (widths.length - 1);
  // Narrow the widest column that can still give, one character at a time.
  while (total() > maxWidth) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if ((widths[i] ?? 0) > (floor[i] ?? 0) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)))
        widest = i;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const cut = (value: string, width: number) =>
    value.length <= width ? value : `${value.slice(0, width - 1)}…`;
  const line = (values: string[]) =>
    values
      .map((value, i) => cut(value, widths[i] ?? 0).padEnd(widths[i] ?? 0))
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
