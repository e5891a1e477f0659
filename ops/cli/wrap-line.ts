/**
 * A long line broken at spaces into lines of at most `width` (a word longer than that is cut),
 * each continuation indented, so text that must be read whole (an error's cause) still fits a
 * terminal.
 *
 * @example
 * ```ts
 * wrapLine('→ Salesforce.Request: INVALID_FIELD: No such column', 30, ' '.repeat(4));
 * // ['→ Salesforce.Request:', '    INVALID_FIELD: No such', '    column']
 * ```
 */
export function wrapLine(line: string, width: number, indent = '    '): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > indent.length ? cut : width;
    out.push(rest.slice(0, at));
    rest = `${indent}${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out;
}
