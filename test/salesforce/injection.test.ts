/**
 * Injection tests: hostile values stored through the client, then queried back through
 * the escaping helpers. Each must reach the emulator as exactly one literal with the intended
 * value, and match exactly the intended record — nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../local/emulator-connection/emulator-client.js';
import { startSalesforceEmulator } from '../../local/salesforce-emulator/index.js';
import type { SalesforceEmulator } from '../../local/salesforce-emulator/types.js';
import type { SalesforceClient } from '../../shared/salesforce/client.js';
import { soql, soqlLikePattern, soslFind } from '../../shared/salesforce/soql.js';

const LAST_NAME_MAX = 80;
const TEN_KB = 10 * 1024;

/** 30+ hostile values: quoting, escapes, LIKE wildcards, SOSL reserved characters, control characters, unicode, size. */
const HOSTILE: string[] = [
  "'",
  "''",
  '\\',
  '\\\\',
  "\\'",
  "O'Brien",
  "' OR LastName != '",
  "x' OR LastName LIKE '%",
  "\\' OR Id != null OR LastName = \\'",
  '%',
  '_',
  '100%_off',
  'a%b_c\\%d',
  '?&|!{}[]()^~*:"\'+-',
  '{Acme} RETURNING User(Id)',
  '"double quoted"',
  'line1\nline2',
  'tab\there',
  'carriage\rreturn',
  'literal backslash-n \\n not a newline',
  'trailing backslash\\',
  'bell\u0007and\u001fcontrols',
  'ünïcødé Ærøskøbing',
  '日本語のテキスト',
  'emoji 😀👍🏽 family 👨‍👩‍👧',
  'rtl \u202e override',
  'zero\u200bwidth',
  '-- comment',
  '/* block */',
  '; DELETE FROM Contact',
  ') OR (LastName != null',
  'AND OR NOT',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder is the hostile value
  '$ {x} ${y} :bind',
  '+441122334455',
  `${"'\\%_{}".repeat(TEN_KB / 8)}end`,
  `${'😀'.repeat(TEN_KB / 4)}`,
  `${'x'.repeat(TEN_KB - 3)}\n'\\`,
];

let emulator: SalesforceEmulator;
let client: SalesforceClient;
/** Hostile value → its record id. */
const ids = new Map<string, string>();

beforeAll(async () => {
  // No seed: every Contact in the org is one of ours.
  emulator = await startSalesforceEmulator({ seed: false });
  client = emulatorClient(emulator, { authMode: 'client_credentials' });
  // Two each way: one through create(), the rest through createMany (collections).
  const records = HOSTILE.map((value, index) => recordFor(value, index));
  ids.set(HOSTILE[0], await client.create('Contact', records[0]));
  const saved = await client.createMany(
    records.slice(1).map((record) => ({ attributes: { type: 'Contact' }, ...record })),
    { allOrNone: true },
  );
  saved.forEach((result, index) => {
    expect(result.success).toBe(true);
    ids.set(HOSTILE[index + 1], String(result.id));
  });
});

afterAll(async () => {
  await client.close();
  await emulator.stop();
});

/** Short values go in LastName (80 chars); long ones in Description (long text). */
function recordFor(value: string, index: number): Record<string, unknown> {
  const marker = `marker${index}z`;
  return value.length <= LAST_NAME_MAX
    ? { LastName: value, Description: `${marker} ${value}` }
    : { LastName: `Long value ${index}`, Description: value };
}

function fieldFor(value: string): 'LastName' | 'Description' {
  return value.length <= LAST_NAME_MAX ? 'LastName' : 'Description';
}

function lastLogEntry() {
  const log = emulator.queryLog();
  return log[log.length - 1];
}

describe('hostile values', () => {
  it(`has ${HOSTILE.length} distinct values (30+), stored unchanged`, () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HOSTILE.map((v) => v.toLowerCase())).size).toBe(HOSTILE.length);
    const stored = emulator.records('Contact');
    for (const value of HOSTILE) {
      const record = stored.find((r) => r.Id === ids.get(value));
      expect(record?.[fieldFor(value)]).toBe(value);
    }
  });

  it.each(HOSTILE.map((value, index) => [index, value]))(
    'value #%i: SOQL equality reaches the emulator as one literal and matches only its record',
    async (_index, value) => {
      const field = fieldFor(value);
      const text =
        field === 'LastName'
          ? soql`SELECT Id FROM Contact WHERE LastName = ${value}`
          : soql`SELECT Id FROM Contact WHERE Description = ${value}`;
      const result = await client.query(text);
      expect(lastLogEntry()).toMatchObject({ kind: 'soql', literals: [value] });
      expect(result.records.map((r) => r.Id)).toEqual([ids.get(value)]);
    },
  );

  it.each(HOSTILE.filter((v) => v.length <= LAST_NAME_MAX).map((value, index) => [index, value]))(
    'value #%i: LIKE patterns match it literally (exact and contains)',
    async (_index, value) => {
      const exact = await client.query(
        `SELECT Id FROM Contact WHERE LastName LIKE ${soqlLikePattern(value, 'exact')}`,
      );
      expect(exact.records.map((r) => r.Id)).toEqual([ids.get(value)]);
      expect(lastLogEntry().literals).toHaveLength(1);

      // `contains` must find exactly the records whose LastName contains the value literally
      // (LIKE is case-insensitive), so % and _ in the value are not wildcards.
      const contains = await client.query(
        `SELECT Id FROM Contact WHERE LastName LIKE ${soqlLikePattern(value, 'contains')}`,
      );
      const expected = HOSTILE.filter(
        (other) => other.length <= LAST_NAME_MAX && other.toLowerCase().includes(value.toLowerCase()),
      ).map((other) => ids.get(other));
      expect(new Set(contains.records.map((r) => r.Id))).toEqual(new Set(expected));
    },
  );

  it.each(HOSTILE.filter((v) => v.length <= LAST_NAME_MAX).map((value, index) => [index, value]))(
    'value #%i: SOSL FIND keeps the term one phrase and finds only its record',
    async (_index, value) => {
      const index = HOSTILE.indexOf(value);
      const phrase = `marker${index}z ${value}`;
      const found = await client.search(soslFind(phrase, { returning: 'Contact(Id)' }));
      const entry = lastLogEntry();
      expect(entry.kind).toBe('sosl');
      // Control characters become spaces (SOSL tokenises on whitespace); nothing else changes.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors soslTerm
      expect(entry.literals).toEqual([phrase.replace(/[\u0000-\u001f\u007f]/g, ' ')]);
      expect(found.map((r) => r.Id)).toEqual([ids.get(value)]);
    },
  );

  it('IN lists escape every element', async () => {
    const values = HOSTILE.filter((v) => v.length <= LAST_NAME_MAX).slice(0, 10);
    const result = await client.query(soql`SELECT Id FROM Contact WHERE LastName IN ${values}`);
    expect(lastLogEntry().literals).toEqual(values);
    expect(new Set(result.records.map((r) => r.Id))).toEqual(new Set(values.map((v) => ids.get(v))));
  });

  it('hostile ids and external ids stay one URL path segment', async () => {
    emulator.resetApiUsage();
    for (const value of ["003' OR 1=1", '../Account', 'a/b?c#d', '%2F', '%2E%2E']) {
      await expect(client.get('Contact', value)).rejects.toMatchObject({
        name: 'Salesforce.Request',
        status: 404,
      });
    }
    // Dot segments would walk up the path: refused before any call.
    await expect(client.get('Contact', '..')).rejects.toMatchObject({ name: 'Salesforce.Request' });
    await expect(client.upsert('Contact', 'Email', '.', {})).rejects.toMatchObject({
      name: 'Salesforce.Request',
    });
    expect(emulator.apiUsage().byEndpoint).toEqual({ 'GET /sobjects/Contact/{id}': 5 });
  });
});
