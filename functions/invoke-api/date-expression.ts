/**
 * Date expressions in `create`/`update` values (original `parse_date`): `<delta>|<format>` where
 * the optional delta is a signed whole number with a unit `w`, `d`, `h` or `m` (weeks, days, hours,
 * minutes; case-insensitive) and the format is `datetime` (`2026-11-28T10:00:00Z`), `date`
 * (`2026-11-28`) or `time` (`10:00:00`), all in UTC.
 *
 * Two fixes over the original: "now" is the time of the call (it was frozen at cold start), and a
 * value is a date expression only when the whole string matches the grammar, so ordinary text
 * containing `|` (e.g. `a|b`) passes through unchanged instead of failing the call.
 *
 * @example
 * ```ts
 * evaluateDateExpression('-1d|date', new Date('2026-11-28T10:00:00Z')); // '2026-11-27'
 * evaluateDateExpression('red|blue', new Date());                       // 'red|blue'
 * ```
 */

const DATE_EXPRESSION = /^(?:([+-]?\d{1,6})([wdhm]))?\|(datetime|date|time)$/i;

const UNIT_MS: Record<string, number> = {
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
};

/** True when `value` is a whole date expression (`2h|date`, `-1d|datetime`, `|time`...). */
export function isDateExpression(value: string): boolean {
  return DATE_EXPRESSION.test(value);
}

/** The formatted date when `value` is a date expression, otherwise `value` unchanged. */
export function evaluateDateExpression(value: string, now: Date): string {
  const match = DATE_EXPRESSION.exec(value);
  if (match === null) return value;
  const [, amount, unit, format] = match;
  const offset =
    amount === undefined || unit === undefined ? 0 : Number(amount) * UNIT_MS[unit.toLowerCase()];
  // Seconds precision, as the original's strftime formats had.
  const iso = new Date(now.getTime() + offset).toISOString().slice(0, 19);
  switch (format.toLowerCase()) {
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19);
    default:
      return `${iso}Z`;
  }
}
