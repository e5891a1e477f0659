import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPath, type Session, startSession } from './helpers.js';

type QueryBody = {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown>>;
};
type ErrorBody = Array<{ message: string; errorCode: string }>;

describe('SOQL', () => {
  let session: Session;
  const query = (soql: string, headers?: Record<string, string>) =>
    session.api<QueryBody>('GET', queryPath(soql), undefined, headers);
  const names = async (soql: string) => (await query(soql)).body.records.map((record) => record.LastName);

  beforeAll(async () => {
    session = await startSession({ seed: false });
    const account = await session.api<{ id: string }>('POST', '/sobjects/Account', { Name: 'Acme' });
    const people = [
      {
        LastName: "O'Brien",
        FirstName: 'Ann',
        Phone: '+441122334455',
        AccountId: account.body.id,
        Title: 'A',
      },
      { LastName: 'Back\\slash', FirstName: 'Bob', Title: 'B' },
      { LastName: '100%_sure', FirstName: 'Cid', Title: 'C' },
      { LastName: 'Line\nBreak', Title: 'D' },
      { LastName: 'Zed', FirstName: null, Title: null },
    ];
    for (const person of people) await session.api('POST', '/sobjects/Contact', person);
  });
  afterAll(() => session.emulator.stop());

  it('returns the documented shape with relationship fields nested and null lookups as null', async () => {
    const response = await query(
      "SELECT Id, LastName, Account.Name FROM Contact WHERE LastName IN ('O\\'Brien', 'Zed') ORDER BY LastName",
    );
    expect(response.status).toBe(200);
    expect(response.body.totalSize).toBe(2);
    expect(response.body.done).toBe(true);
    expect(response.body).not.toHaveProperty('nextRecordsUrl');
    const [obrien, zed] = response.body.records;
    expect(obrien).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${obrien.Id}` },
      Id: obrien.Id,
      LastName: "O'Brien",
      Account: {
        attributes: { type: 'Account', url: expect.stringMatching(/\/sobjects\/Account\/001/) },
        Name: 'Acme',
      },
    });
    expect(zed.Account).toBeNull();
  });

  it('decodes string-literal escapes: \\\' \\\\ \\n \\t \\" \\uXXXX', async () => {
    expect(await names("SELECT LastName FROM Contact WHERE LastName = 'O\\'Brien'")).toEqual(["O'Brien"]);
    expect(await names("SELECT LastName FROM Contact WHERE LastName = 'Back\\\\slash'")).toEqual([
      'Back\\slash',
    ]);
    expect(await names("SELECT LastName FROM Contact WHERE LastName = 'Line\\nBreak'")).toEqual([
      'Line\nBreak',
    ]);
    expect(await names("SELECT LastName FROM Contact WHERE LastName = 'Z\\u0065d'")).toEqual(['Zed']);
    expect(await names("SELECT LastName FROM Contact WHERE LastName = 'o\\'brien'")).toEqual(["O'Brien"]);
    expect(session.emulator.queryLog().at(-1)).toEqual({
      kind: 'soql',
      text: "SELECT LastName FROM Contact WHERE LastName = 'o\\'brien'",
      literals: ["o'brien"],
    });
  });

  it('rejects bad escapes and unterminated literals with MALFORMED_QUERY', async () => {
    for (const soql of [
      "SELECT Id FROM Contact WHERE LastName = 'bad \\a'",
      "SELECT Id FROM Contact WHERE LastName = 'trailing\\'",
      "SELECT Id FROM Contact WHERE LastName = 'x\\u12'",
      "SELECT Id FROM Contact WHERE LastName = 'O'Brien'",
      'SELECT Id FRM Contact',
    ]) {
      const response = await session.api<ErrorBody>('GET', queryPath(soql));
      expect(response.status, soql).toBe(400);
      expect(response.body[0].errorCode, soql).toBe('MALFORMED_QUERY');
    }
  });

  it('LIKE: % and _ are wildcards, \\% and \\_ are literal, case-insensitive', async () => {
    expect(await names("SELECT LastName FROM Contact WHERE LastName LIKE 'o%'")).toEqual(["O'Brien"]);
    expect(await names("SELECT LastName FROM Contact WHERE LastName LIKE '_ed'")).toEqual(['Zed']);
    expect(await names("SELECT LastName FROM Contact WHERE LastName LIKE '100\\%\\_%'")).toEqual([
      '100%_sure',
    ]);
    expect(await names("SELECT LastName FROM Contact WHERE LastName LIKE '1000\\%%'")).toEqual([]);
    expect(await names("SELECT LastName FROM Contact WHERE Phone LIKE '%112%233%4455%'")).toEqual([
      "O'Brien",
    ]);
  });

  it('AND / OR / NOT with parentheses, != and NOT IN, null comparisons', async () => {
    expect(
      await names(
        "SELECT LastName FROM Contact WHERE (Title = 'A' OR Title = 'B') AND NOT FirstName = 'Bob' ORDER BY LastName",
      ),
    ).toEqual(["O'Brien"]);
    expect(
      await names(
        "SELECT LastName FROM Contact WHERE Title = 'A' OR Title = 'B' AND FirstName = 'Bob' ORDER BY LastName",
      ),
    ).toEqual(['Back\\slash', "O'Brien"]);
    expect(
      await names(
        "SELECT LastName FROM Contact WHERE NOT (Title = 'A' OR Title = 'B') AND Title != null ORDER BY Title",
      ),
    ).toEqual(['100%_sure', 'Line\nBreak']);
    expect(await names("SELECT LastName FROM Contact WHERE Title NOT IN ('A','B','C','D')")).toEqual(['Zed']);
    expect(await names('SELECT LastName FROM Contact WHERE Title = null')).toEqual(['Zed']);
    expect(
      await names("SELECT LastName FROM Contact WHERE Title > 'B' AND Title <= 'D' ORDER BY Title DESC"),
    ).toEqual(['Line\nBreak', '100%_sure']);
    expect(await names("SELECT LastName FROM Contact WHERE Account.Name = 'acme'")).toEqual(["O'Brien"]);
  });

  it('ORDER BY with NULLS FIRST/LAST, LIMIT, OFFSET, COUNT()', async () => {
    expect(
      await names('SELECT LastName FROM Contact ORDER BY FirstName ASC NULLS LAST, LastName LIMIT 3'),
    ).toEqual(["O'Brien", 'Back\\slash', '100%_sure']);
    expect(
      await names('SELECT LastName FROM Contact ORDER BY FirstName NULLS FIRST, LastName DESC LIMIT 2'),
    ).toEqual(['Zed', 'Line\nBreak']);
    expect(await names('SELECT LastName FROM Contact ORDER BY LastName LIMIT 2 OFFSET 3')).toEqual([
      "O'Brien",
      'Zed',
    ]);
    const count = await query("SELECT COUNT() FROM Contact WHERE Title != 'A'");
    expect(count.body).toEqual({ totalSize: 4, done: true, records: [] });
    const empty = await query("SELECT Id FROM Contact WHERE LastName = 'nobody'");
    expect(empty.body).toEqual({ totalSize: 0, done: true, records: [] });
  });

  it('INVALID_FIELD for unknown fields and relationships, INVALID_TYPE for unknown objects', async () => {
    const field = await session.api<ErrorBody>('GET', queryPath('SELECT FullName FROM Contact'));
    expect(field.status).toBe(400);
    expect(field.body[0].errorCode).toBe('INVALID_FIELD');
    expect(field.body[0].message).toContain("No such column 'FullName' on entity 'Contact'");
    const where = await session.api<ErrorBody>(
      'GET',
      queryPath("SELECT Id FROM Contact WHERE Shoe__c = 'x'"),
    );
    expect(where.body[0].errorCode).toBe('INVALID_FIELD');
    const relationship = await session.api<ErrorBody>('GET', queryPath('SELECT Boss.Name FROM Contact'));
    expect(relationship.body[0].errorCode).toBe('INVALID_FIELD');
    const type = await session.api<ErrorBody>('GET', queryPath('SELECT Id FROM Foo__c'));
    expect(type.status).toBe(400);
    expect(type.body[0].errorCode).toBe('INVALID_TYPE');
    expect(type.body[0].message).toContain("sObject type 'Foo__c' is not supported");
    const typed = await session.api<ErrorBody>(
      'GET',
      queryPath("SELECT Id FROM Contact WHERE Id = 'nonsense'"),
    );
    expect(typed.body[0].errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });

  it('queryAll includes deleted records, query does not', async () => {
    const created = await session.api<{ id: string }>('POST', '/sobjects/Contact', { LastName: 'Gone' });
    await session.api('DELETE', `/sobjects/Contact/${created.body.id}`);
    expect((await query("SELECT Id FROM Contact WHERE LastName = 'Gone'")).body.totalSize).toBe(0);
    const all = await session.api<QueryBody>(
      'GET',
      `/queryAll?q=${encodeURIComponent("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Gone'")}`,
    );
    expect(all.body.records[0].IsDeleted).toBe(true);
  });
});

describe('SOQL pagination', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ seed: false });
    const records = Array.from({ length: 5000 }, (_, index) => ({
      attributes: { type: 'Lead' },
      LastName: `L${index}`,
      Company: 'C',
    }));
    for (let start = 0; start < records.length; start += 200) {
      const response = await session.api('POST', '/composite/sobjects', {
        records: records.slice(start, start + 200),
      });
      expect(response.status).toBe(200);
    }
  });
  afterAll(() => session.emulator.stop());

  it('pages 5,000 records by 2,000 with nextRecordsUrl, done and totalSize, one API call per page', async () => {
    session.emulator.resetApiUsage();
    const first = await session.api<QueryBody>('GET', queryPath('SELECT Id, LastName FROM Lead'));
    expect(first.body).toMatchObject({ totalSize: 5000, done: false });
    expect(first.body.records).toHaveLength(2000);
    expect(first.body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{12}-2000$/);
    const second = await session.api<QueryBody>('GET', first.body.nextRecordsUrl!);
    expect(second.body).toMatchObject({ totalSize: 5000, done: false });
    const third = await session.api<QueryBody>('GET', second.body.nextRecordsUrl!);
    expect(third.body.done).toBe(true);
    expect(third.body.records).toHaveLength(1000);
    expect(third.body).not.toHaveProperty('nextRecordsUrl');
    const ids = new Set(
      [...first.body.records, ...second.body.records, ...third.body.records].map((record) => record.Id),
    );
    expect(ids.size).toBe(5000);
    expect(session.emulator.apiUsage().byEndpoint).toEqual({ 'GET /query': 1, 'GET /query/{locator}': 2 });
    const stale = await session.api<ErrorBody>('GET', second.body.nextRecordsUrl!);
    expect(stale.status).toBe(400);
    expect(stale.body[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('honours Sforce-Query-Options batchSize (clamped to 200..2000)', async () => {
    const small = await session.api<QueryBody>('GET', queryPath('SELECT Id FROM Lead'), undefined, {
      'Sforce-Query-Options': 'batchSize=500',
    });
    expect(small.body.records).toHaveLength(500);
    expect(small.body.nextRecordsUrl).toMatch(/-500$/);
    const tiny = await session.api<QueryBody>('GET', queryPath('SELECT Id FROM Lead'), undefined, {
      'Sforce-Query-Options': 'batchSize=10',
    });
    expect(tiny.body.records).toHaveLength(200);
  });

  it('LIMIT caps totalSize', async () => {
    const limited = await session.api<QueryBody>('GET', queryPath('SELECT Id FROM Lead LIMIT 2500'));
    expect(limited.body.totalSize).toBe(2500);
    expect(limited.body.records).toHaveLength(2000);
  });
});
