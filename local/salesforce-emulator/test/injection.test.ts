import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPath, type Session, startSession } from './helpers.js';

/** Reference escapers written from Salesforce's documented escaping rules, independent of the client. */
const soqlLiteral = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
const soslTerm = (value: string) => value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, '\\$&');

const HOSTILE = [
  "O'Brien",
  "' OR Name != '",
  "\\' OR 1=1 --",
  'back\\slash',
  'trailing\\',
  '50% off',
  'under_score',
  'line\nbreak',
  'tab\there',
  'cr\rhere',
  '"double quoted"',
  'emoji 😀 ünïcødé 日本語',
  "'; DELETE FROM Contact; --",
  '{braces} [brackets] (parens)',
  'a+b-c:d~e^f',
  'x'.repeat(80),
];

describe('hostile literal values round-trip through the SOQL and SOSL decoders', () => {
  let session: Session;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    session = await startSession({
      seed: false,
      extraFields: { Contact: [{ name: 'Big_Text__c', type: 'textarea', length: 32768 }] },
    });
    for (const value of HOSTILE) {
      const created = await session.api<{ id: string }>('POST', '/sobjects/Contact', {
        LastName: value.slice(0, 80),
      });
      expect(created.status, value).toBe(201);
      ids.set(value, created.body.id);
    }
  });
  afterAll(() => session.emulator.stop());

  it.each(HOSTILE)('SOQL = %j matches exactly that record', async (value) => {
    const response = await session.api<{ records: Array<{ Id: string }> }>(
      'GET',
      queryPath(`SELECT Id FROM Contact WHERE LastName = ${soqlLiteral(value.slice(0, 80))}`),
    );
    expect(response.status).toBe(200);
    expect(response.body.records.map((record) => record.Id)).toEqual([ids.get(value)]);
    expect(session.emulator.queryLog().at(-1)?.literals).toEqual([value.slice(0, 80)]);
  });

  it('a 10 KB hostile value: 414 on a GET URI over 16,384 bytes, intact through a /composite body', async () => {
    const big = "'\\%_".repeat(2560);
    const created = await session.api<{ id: string }>('POST', '/sobjects/Contact', {
      LastName: 'Big',
      Big_Text__c: big,
    });
    expect(created.status).toBe(201);
    const tooLong = await session.api(
      'GET',
      queryPath(`SELECT Id FROM Contact WHERE LastName = ${soqlLiteral(big)}`),
    );
    expect(tooLong.status).toBe(414);
    expect(tooLong.text).toBe('<h1>Bad Message 414</h1><pre>reason: URI Too Long</pre>');
    const soql = `SELECT Id, Big_Text__c FROM Contact WHERE LastName = 'Big' AND Id = ${soqlLiteral(created.body.id)}`;
    const viaComposite = await session.api<{
      compositeResponse: Array<{ body: { records: Array<Record<string, unknown>> } }>;
    }>('POST', '/composite', {
      compositeRequest: [
        { method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, referenceId: 'q' },
      ],
    });
    expect(viaComposite.body.compositeResponse[0].body.records[0].Big_Text__c).toBe(big);
    const literal = soqlLiteral(big);
    const filtered = await session.api<{ compositeResponse: Array<{ httpStatusCode: number }> }>(
      'POST',
      '/composite',
      {
        compositeRequest: [
          {
            method: 'GET',
            url: `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT Id FROM Contact WHERE LastName = ${literal}`)}`,
            referenceId: 'q',
          },
        ],
      },
    );
    expect(filtered.body.compositeResponse[0].httpStatusCode).toBe(200);
    expect(session.emulator.queryLog().at(-1)?.literals).toEqual([big]);
  });

  it.each(HOSTILE.filter((value) => /[\p{L}\p{N}]{2}/u.test(value)))(
    'SOSL FIND {"%s"} decodes to the same phrase',
    async (value) => {
      const response = await session.api(
        'GET',
        `/search?q=${encodeURIComponent(`FIND {"${soslTerm(value)}"} RETURNING Contact(Id)`)}`,
      );
      expect(response.status).toBe(200);
      expect(
        (response.body as { searchRecords: Array<{ Id: string }> }).searchRecords.map((record) => record.Id),
      ).toContain(ids.get(value));
      expect(session.emulator.queryLog().at(-1)).toEqual({
        kind: 'sosl',
        text: `FIND {"${soslTerm(value)}"} RETURNING Contact(Id)`,
        literals: [value],
      });
    },
  );

  it('an unescaped reserved character in a phrase is still MALFORMED_SEARCH', async () => {
    const response = await session.api(
      'GET',
      `/search?q=${encodeURIComponent('FIND {"a:b"} RETURNING Contact(Id)')}`,
    );
    expect(response.status).toBe(400);
  });
});
