import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startSession } from './helpers.js';

type SearchBody = { searchRecords: Array<Record<string, unknown>> };
type ErrorBody = Array<{ message: string; errorCode: string }>;

describe('SOSL search and parameterizedSearch (sample org)', () => {
  let session: Session;
  const search = (sosl: string) => session.api<SearchBody>('GET', `/search?q=${encodeURIComponent(sosl)}`);
  const lastNames = (body: SearchBody) => body.searchRecords.map((record) => record.LastName ?? record.Name);

  beforeAll(async () => {
    session = await startSession();
    await session.api('POST', '/sobjects/Contact', { LastName: '{1+1}:2', Email: 'odd@example.com' });
  });
  afterAll(() => session.emulator.stop());

  it('FIND … RETURNING answers {searchRecords} with attributes and the requested fields', async () => {
    const response = await search('FIND {Doe} IN NAME FIELDS RETURNING Contact(Id, LastName, Email)');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      searchRecords: [
        {
          attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/0031r000026MVPIAA4' },
          Id: '0031r000026MVPIAA4',
          LastName: 'Doe',
          Email: 'jane.doe@example.com',
        },
      ],
    });
  });

  it('IN PHONE FIELDS matches phone numbers by digits, across objects', async () => {
    const response = await search(
      'FIND {1122334455} IN PHONE FIELDS RETURNING Contact(Id, Name), Lead(Id, Name)',
    );
    expect(lastNames(response.body)).toEqual(['Jane Doe']);
    const escapedPlus = await search('FIND {\\+441122334455} IN PHONE FIELDS RETURNING Contact(Name)');
    expect(lastNames(escapedPlus.body)).toEqual(['Jane Doe']);
  });

  it('RETURNING supports WHERE, ORDER BY and LIMIT; OR and wildcards work', async () => {
    const response = await search(
      "FIND {Smith OR Doe} RETURNING Contact(LastName WHERE Email LIKE '%example.com' ORDER BY LastName DESC LIMIT 5)",
    );
    expect(lastNames(response.body)).toEqual(['Smith', 'Doe']);
    const wildcard = await search('FIND {Sm*} RETURNING Contact(LastName), User(LastName)');
    expect(lastNames(wildcard.body)).toEqual(['Smith', 'Smith']);
    const andNot = await search('FIND {Smith AND NOT Agent} RETURNING Contact(LastName), User(LastName)');
    expect(lastNames(andNot.body)).toEqual(['Smith']);
  });

  it('escaped reserved characters are searched literally; unescaped ones are MALFORMED_SEARCH', async () => {
    const escaped = await search('FIND {\\{1\\+1\\}\\:2} RETURNING Contact(LastName)');
    expect(escaped.status).toBe(200);
    expect(lastNames(escaped.body)).toEqual(['{1+1}:2']);
    expect(session.emulator.queryLog().at(-1)).toMatchObject({ kind: 'sosl', literals: ['{1+1}:2'] });
    for (const sosl of [
      'FIND {1+1} RETURNING Contact',
      "FIND {O'Brien}",
      'FIND {a:b}',
      'FIND {x} RETURNING',
      'FIND {a}',
      'SEARCH {x}',
    ]) {
      const response = await session.api<ErrorBody>('GET', `/search?q=${encodeURIComponent(sosl)}`);
      expect(response.status, sosl).toBe(400);
      expect(response.body[0].errorCode, sosl).toBe('MALFORMED_SEARCH');
    }
  });

  it('an escaped \\* or \\? is literal punctuation, not a wildcard', async () => {
    await session.api('POST', '/sobjects/Contact', { LastName: 'Quokka' });
    await session.api('POST', '/sobjects/Contact', { LastName: 'Quokkas' });
    const names = async (term: string) =>
      lastNames(
        (await search(`FIND {${term}} IN NAME FIELDS RETURNING Contact(LastName ORDER BY LastName)`)).body,
      );
    // Unescaped: wildcards (`*` any run, `?` exactly one character).
    expect(await names('Quokka*')).toEqual(['Quokka', 'Quokkas']);
    expect(await names('Quokka?')).toEqual(['Quokkas']);
    // Escaped: punctuation, which the tokeniser drops like any other, so only the word itself matches.
    expect(await names('Quokka\\*')).toEqual(['Quokka']);
    expect(await names('Quokka\\?')).toEqual(['Quokka']);
    expect(await names('"Quokka\\* \\?"')).toEqual(['Quokka']);
    expect(session.emulator.queryLog().at(-1)).toMatchObject({ kind: 'sosl', literals: ['Quokka* ?'] });
  });

  it('unknown RETURNING objects and fields are INVALID_TYPE / INVALID_FIELD', async () => {
    const type = await session.api<ErrorBody>(
      'GET',
      `/search?q=${encodeURIComponent('FIND {Doe} RETURNING Nope__c')}`,
    );
    expect(type.body[0].errorCode).toBe('INVALID_TYPE');
    const field = await session.api<ErrorBody>(
      'GET',
      `/search?q=${encodeURIComponent('FIND {Doe} RETURNING Contact(Nope__c)')}`,
    );
    expect(field.body[0].errorCode).toBe('INVALID_FIELD');
  });

  it('parameterizedSearch: the phoneLookup body finds the sample contact', async () => {
    const response = await session.api<SearchBody>('POST', '/parameterizedSearch', {
      q: '1122334455',
      fields: ['Id', 'Name', 'Email'],
      sobjects: [{ name: 'Contact' }],
    });
    expect(response.status).toBe(200);
    expect(response.body.searchRecords).toEqual([
      {
        attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/0031r000026MVPIAA4' },
        Id: '0031r000026MVPIAA4',
        Name: 'Jane Doe',
        Email: 'jane.doe@example.com',
      },
    ]);
    expect(session.emulator.queryLog().at(-1)).toEqual({
      kind: 'parameterizedSearch',
      text: '1122334455',
      literals: ['1122334455'],
    });
  });

  it('parameterizedSearch: per-object fields, where and limit, overallLimit as a string, GET form', async () => {
    const response = await session.api<SearchBody>('POST', '/parameterizedSearch', {
      q: 'Smith',
      sobjects: [
        { name: 'Contact', fields: ['LastName', 'Account.Name'], where: 'Email != null' },
        { name: 'User', fields: ['Username'] },
      ],
      overallLimit: '1',
    });
    expect(response.body.searchRecords).toHaveLength(1);
    expect(response.body.searchRecords[0]).toMatchObject({
      LastName: 'Smith',
      Account: { Name: 'Acme Corporation' },
    });
    const get = await session.api<SearchBody>(
      'GET',
      `/parameterizedSearch?q=Doe&sobject=Contact&Contact.fields=Id,Email`,
    );
    expect(get.body.searchRecords).toEqual([expect.objectContaining({ Email: 'jane.doe@example.com' })]);
  });
});
