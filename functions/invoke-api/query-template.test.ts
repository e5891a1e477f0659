import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors.js';
import { fillQueryTemplate } from './query-template.js';

const fill = (template: string, substitutions: Array<[string, string]>) =>
  fillQueryTemplate('query', template, substitutions);

describe('fillQueryTemplate', () => {
  it('escapes a value inside a quoted string as a SOQL literal', () => {
    expect(fill("SELECT Id FROM Contact WHERE LastName = 'name'", [['name', "x' OR Name != 'x"]])).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'x\\' OR Name != \\'x'",
    );
    expect(fill("SELECT Id FROM Contact WHERE LastName = 'name'", [['name', 'back\\slash']])).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'back\\\\slash'",
    );
  });

  it('escapes a value inside a LIKE pattern so its % and _ match themselves', () => {
    expect(fill("SELECT Id FROM Contact WHERE Phone LIKE '%number%'", [['number', '55_%']])).toBe(
      "SELECT Id FROM Contact WHERE Phone LIKE '%55\\_\\%%'",
    );
    expect(fill("SELECT Id FROM Contact WHERE Name like   'prefix%'", [['prefix', "a'b"]])).toBe(
      "SELECT Id FROM Contact WHERE Name like   'a\\'b%'",
    );
  });

  it('escapes a value inside SOSL braces as a search term', () => {
    expect(fill('FIND {number} IN PHONE FIELDS RETURNING Contact(Id)', [['number', '+44(0)x*']])).toBe(
      'FIND {\\+44\\(0\\)x\\*} IN PHONE FIELDS RETURNING Contact(Id)',
    );
    expect(fill('FIND {term} RETURNING Contact(Id)', [['term', '} RETURNING User(Id) FIND {']])).toBe(
      'FIND {"\\} RETURNING User\\(Id\\) FIND \\{"} RETURNING Contact(Id)',
    );
  });

  it('searches a SOSL value of several words as one phrase so its OR/AND cannot widen the search', () => {
    expect(fill('FIND {name} RETURNING Contact(Id)', [['name', 'Jane OR Smith']])).toBe(
      'FIND {"Jane OR Smith"} RETURNING Contact(Id)',
    );
    expect(fill('FIND {"name"} RETURNING Contact(Id)', [['name', 'Jane OR Smith']])).toBe(
      'FIND {"Jane OR Smith"} RETURNING Contact(Id)',
    );
    expect(fill('FIND {name*} RETURNING Contact(Id)', [['name', 'Jan']])).toBe(
      'FIND {Jan*} RETURNING Contact(Id)',
    );
  });

  it('accepts only numbers, booleans and ISO dates outside quotes', () => {
    expect(fill('SELECT Id FROM Case LIMIT max', [['max', '5']])).toBe('SELECT Id FROM Case LIMIT 5');
    expect(fill('SELECT Id FROM Case WHERE IsClosed = flag', [['flag', 'false']])).toBe(
      'SELECT Id FROM Case WHERE IsClosed = false',
    );
    expect(fill('SELECT Id FROM Case WHERE CreatedDate > since', [['since', '2026-11-01T00:00:00Z']])).toBe(
      'SELECT Id FROM Case WHERE CreatedDate > 2026-11-01T00:00:00Z',
    );
    const attempt = () => fill('SELECT Id FROM Case WHERE Id = caseid', [['caseid', "'x' OR Id != 'x'"]]);
    expect(attempt).toThrowError(InvalidParameterError);
    expect(attempt).toThrowError(/^query: parameter 'caseid' is replaced outside quotes/);
  });

  it('replaces every occurrence, longest key first, and never re-scans a value', () => {
    expect(
      fill("SELECT Id FROM Contact WHERE Phone = 'num' OR MobilePhone = 'number'", [
        ['num', 'number'],
        ['number', '123'],
      ]),
    ).toBe("SELECT Id FROM Contact WHERE Phone = 'number' OR MobilePhone = '123'");
    expect(fill("WHERE A = 'v' AND B = 'v'", [['v', '1']])).toBe("WHERE A = '1' AND B = '1'");
  });

  it('outside quotes matches whole words only, so a key does not hit field or object names', () => {
    expect(fill("SELECT Id, AccountId FROM Contact WHERE Phone LIKE '%n%' LIMIT n", [['n', '7']])).toBe(
      "SELECT Id, AccountId FROM Contact WHERE Phone LIKE '%7%' LIMIT 7",
    );
  });

  it('keeps escape sequences already in the template and ignores keys that do not occur', () => {
    expect(
      fill("WHERE Name = 'O\\'key' AND Phone = 'p'", [
        ['p', '1'],
        ['absent', "'"],
      ]),
    ).toBe("WHERE Name = 'O\\'key' AND Phone = '1'");
  });

  it('refuses placeholder names containing quote or brace characters', () => {
    expect(() => fill("WHERE A = 'x'", [["'", 'v']])).toThrowError(/cannot be a placeholder/);
  });
});
