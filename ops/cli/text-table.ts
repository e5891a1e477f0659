/**
 * Renders rows as a plain-text table for terminal output (no colours: it also lands in CI logs).
 *
 * @example
 * ```ts
 * console.log(renderTable(['contact', 'status'], [['c-1', 'SUCCEEDED']]));
 * ```
 */
export function renderTable(headers: string[], rows: Array<Array<string | number | undefined>>): string {
  const cells = rows.map((row) => headers.map((_, i) => String(row[i] ?? '')));
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
