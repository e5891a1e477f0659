/**
 * Date and datetime text as Salesforce reads it, independent of the host's time zone: a real
 * calendar date (no 30 February), a datetime without an offset is GMT, and years outside
 * 1700–4000 are outside what the database stores.
 *
 * @example
 * ```ts
 * parseDateTime('2024-01-01T10:00:00'); // Date.UTC(2024, 0, 1, 10) — GMT, whatever TZ says
 * parseDate('2023-02-30'); // undefined
 * ```
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

/** The earliest year a date or date/time field accepts. */
export const MIN_YEAR = 1700;
/** The latest year a date or date/time field accepts. */
export const MAX_YEAR = 4000;

/** `YYYY-MM-DD` of a valid calendar date, or undefined. */
export function parseDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  return calendarDay(Number(year), Number(month), Number(day)) === undefined ? undefined : text;
}

/** Milliseconds since the epoch, or undefined when the text is not a valid datetime. */
export function parseDateTime(text: string): number | undefined {
  const match = DATETIME.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone, sign, offH, offM] = match;
  const dayMs = calendarDay(Number(year), Number(month), Number(day));
  if (dayMs === undefined) return undefined;
  const [h, m, s] = [Number(hour), Number(minute), Number(second)];
  if (h > 23 || m > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const [oh, om] = [Number(offH), Number(offM)];
    if (oh > 18 || om > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return dayMs + ((h * 60 + m - offsetMinutes) * 60 + s) * 1000 + millis;
}

/** The date part (`YYYY-MM-DD`) of a datetime text, when the datetime is valid. */
export function dateOfDateTime(text: string): string | undefined {
  return parseDateTime(text) === undefined ? undefined : text.slice(0, 10);
}

/** True when the year is one the database stores. */
export function yearInRange(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function calendarDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 30 February over into March: a real date survives the round trip.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms;
}
