import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRedactor } from './redact.js';

describe('SecretRedactor', () => {
  it('masks registered secrets wherever they appear, also URL-encoded', () => {
    const redactor = new SecretRedactor();
    redactor.addSecret('hunter2+SECTOKEN');
    const out = redactor.redact({
      message: 'body password=hunter2%2BSECTOKEN and hunter2+SECTOKEN',
      nested: [{ text: 'x hunter2+SECTOKEN y' }],
    });
    expect(JSON.stringify(out)).not.toContain('hunter2');
    expect(out.nested[0].text).toBe(`x ${REDACTED} y`);
  });

  it('masks credential-named keys and bearer tokens / session ids even when unregistered', () => {
    const redactor = new SecretRedactor();
    const out = redactor.redact({
      authorization: 'Bearer abc',
      access_token: 'x',
      Password: 'p',
      client_secret: 's',
      note: 'header Bearer 00Dxx0000001gPL!AR8AQJXg5oj8 and 00Dxx0000001gPLEAY!AQ0AQ.abc_def',
      path: '/services/data/v62.0/limits',
    });
    expect(out).toEqual({
      authorization: REDACTED,
      access_token: REDACTED,
      Password: REDACTED,
      client_secret: REDACTED,
      note: `header ${REDACTED} and ${REDACTED}`,
      path: '/services/data/v62.0/limits',
    });
  });

  it('masks each line of a registered PEM key and error messages', () => {
    const redactor = new SecretRedactor();
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\nabcdefghijklmnopqrstu\n-----END PRIVATE KEY-----\n';
    redactor.addSecret(pem);
    const out = redactor.redact({ error: new Error('bad key line abcdefghijklmnopqrstu') });
    expect(JSON.stringify(out)).not.toContain('abcdefghijklmnopqrstu');
    expect(redactor.redactString('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ')).toBe(REDACTED);
  });

  it('ignores very short secrets instead of masking common substrings', () => {
    const redactor = new SecretRedactor();
    redactor.addSecret('ab');
    expect(redactor.redactString('about')).toBe('about');
  });
});
