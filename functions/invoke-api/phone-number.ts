/**
 * Phone numbers for `phoneLookup`: E.164 (`+441122334455`) or national numbers
 * (`(555) 123-4567` read in the default region) become the national significant number, the
 * digits Salesforce phone search matches however the record stores them. The original accepted
 * E.164 only (a national number failed the call).
 *
 * @example
 * ```ts
 * nationalSearchDigits('phoneLookup', 'sf_phone', '+441122334455', 'US'); // '1122334455'
 * nationalSearchDigits('phoneLookup', 'sf_phone', '(202) 555-0143', 'US'); // '2025550143'
 * ```
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { InvalidParameterError } from './errors.js';

/** True for the caller-id value Connect gives a withheld number. */
export function isAnonymousCaller(value: string): boolean {
  return value.trim().toLowerCase() === 'anonymous';
}

/** The national significant number of `value`; an error naming the parameter when it is not a phone number. */
export function nationalSearchDigits(
  operation: string,
  parameter: string,
  value: string,
  defaultRegion: string,
): string {
  const region = defaultRegion.toUpperCase();
  const parsed = parsePhoneNumberFromString(
    value.trim(),
    isSupportedCountry(region) ? (region as CountryCode) : undefined,
  );
  if (parsed === undefined) {
    throw new InvalidParameterError(
      operation,
      parameter,
      `is not a phone number (give it in E.164, e.g. +15555550123, or as a national number of region ${region})`,
    );
  }
  return parsed.nationalNumber;
}

/** True when `region` is an ISO 3166-1 alpha-2 code libphonenumber knows. */
export function isKnownPhoneRegion(region: string): boolean {
  return isSupportedCountry(region.toUpperCase());
}
