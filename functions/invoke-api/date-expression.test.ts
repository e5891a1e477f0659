import { describe, expect, it } from 'vitest';
import { evaluateDateExpression, isDateExpression } from './date-expression.js';

const now = new Date('2026-11-28T10:15:30.456Z');

describe('evaluateDateExpression', () => {
  it.each([
    ['|datetime', '2026-11-28T10:15:30Z'],
    ['|date', '2026-11-28'],
    ['|time', '10:15:30'],
    ['2h|date', '2026-11-28'],
    ['15h|date', '2026-11-29'],
    ['-1d|datetime', '2026-11-27T10:15:30Z'],
    ['+2w|date', '2026-12-12'],
    ['30m|time', '10:45:30'],
    ['-90M|TIME', '08:45:30'],
    ['1D|Date', '2026-11-29'],
  ])('%s → %s', (expression, expected) => {
    expect(evaluateDateExpression(expression, now)).toBe(expected);
  });

  it('uses the time of each call, not a time captured once (original bug)', () => {
    expect(evaluateDateExpression('|datetime', new Date('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(evaluateDateExpression('|datetime', new Date('2026-06-30T23:59:59Z'))).toBe(
      '2026-06-30T23:59:59Z',
    );
  });

  it.each([
    'red|blue',
    'a|b|c',
    '|',
    '2h|',
    '2x|date',
    '2|date',
    'h|date',
    ' |date',
    '2h|datetime ',
    'Category A|Category B',
    '1.5h|date',
    'plain text',
    '',
  ])('passes %j through unchanged (not a date expression)', (value) => {
    expect(isDateExpression(value)).toBe(false);
    expect(evaluateDateExpression(value, now)).toBe(value);
  });
});
