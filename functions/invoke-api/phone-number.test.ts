import { describe, expect, it } from 'vitest';
import { isAnonymousCaller, nationalSearchDigits } from './phone-number.js';

const digits = (value: string, region = 'US') =>
  nationalSearchDigits('phoneLookup', 'sf_phone', value, region);

describe('nationalSearchDigits', () => {
  it('reads E.164 numbers whatever the default region', () => {
    expect(digits('+441122334455')).toBe('1122334455');
    expect(digits('+1 (202) 555-0143', 'GB')).toBe('2025550143');
  });

  it('reads national numbers in the default region (the original required E.164)', () => {
    expect(digits('(202) 555-0143')).toBe('2025550143');
    expect(digits('202-555-0143')).toBe('2025550143');
    expect(digits('01122 334455', 'GB')).toBe('1122334455');
    expect(digits('030 1234567', 'DE')).toBe('301234567');
  });

  it('rejects text that is not a phone number, naming the operation and parameter', () => {
    expect(() => digits('not a number')).toThrowError(
      /^phoneLookup: parameter 'sf_phone' is not a phone number/,
    );
    expect(() => digits("x' OR Name != 'x")).toThrowError(/sf_phone/);
  });
});

describe('isAnonymousCaller', () => {
  it('matches anonymous in any case', () => {
    expect(isAnonymousCaller('anonymous')).toBe(true);
    expect(isAnonymousCaller(' Anonymous ')).toBe(true);
    expect(isAnonymousCaller('+15555550123')).toBe(false);
  });
});
