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

  it('takes a value with its own quotes (as flows for the original wrote them) and re-emits it escaped', () => {
    expect(fill('SELECT Id FROM Contact WHERE LastName = NAME', [['NAME', "'Doe'"]])).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'Doe'",
    );
    expect(fill('SELECT Id FROM Contact WHERE LastName = NAME', [['NAME', "'O\\'Brien'"]])).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'",
    );
    expect(fill('SELECT Id FROM Contact WHERE Name LIKE NAME', [['NAME', "'50\\%\\_off%'"]])).toBe(
      "SELECT Id FROM Contact WHERE Name LIKE '50\\%\\_off%'",
    );
    expect(
      fill('SELECT Id FROM Contact WHERE LastName IN (names) ORDER BY LastName', [
        ['names', "'Doe','Smith'"],
      ]),
    ).toBe("SELECT Id FROM Contact WHERE LastName IN ('Doe', 'Smith') ORDER BY LastName");
    expect(fill('SELECT Id FROM Contact WHERE LastName IN names', [['names', "( 'Doe' , 'Smith' )"]])).toBe(
      "SELECT Id FROM Contact WHERE LastName IN ('Doe', 'Smith')",
    );
    // A control character inside the quotes is escaped rather than sent raw.
    expect(fill('SELECT Id FROM Contact WHERE LastName = NAME', [['NAME', "'Doe\n'"]])).toBe(
      "SELECT Id FROM Contact WHERE LastName = 'Doe\\n'",
    );
  });

  it.each([
    ["'Doe' OR Name != 'x'", 'has text after its closing quote'],
    ["'a'); DELETE", 'has text after its closing quote'],
    ["'Doe", 'has a quote that is never closed'],
    ["'Doe\\'", 'has a quote that is never closed'],
    ["'Doe\\x'", 'has an escape sequence SOQL does not know'],
    ["'Doe', Name", 'has a list item that is not a quoted value'],
  ])('refuses the hostile quoted value %s and says why without echoing it', (value, reason) => {
    for (const template of [
      'SELECT Id FROM Contact WHERE LastName = NAME',
      'SELECT Id FROM Contact WHERE LastName IN (NAME)',
    ]) {
      const attempt = () => fill(template, [['NAME', value]]);
      expect(attempt).toThrowError(InvalidParameterError);
      expect(attempt).toThrowError(
        `query: parameter 'NAME' is replaced outside quotes in the query and ${reason}`,
      );
    }
  });

  it('takes a list only where the template lists values', () => {
    expect(() =>
      fill('SELECT Id FROM Contact WHERE LastName = NAME', [['NAME', "'Doe','Smith'"]]),
    ).toThrowError(/may only take inside \( … \)/);
  });

  it('takes a SOSL {term} value as a search term in a FIND query only', () => {
    expect(
      fillQueryTemplate('searchSOSL', 'FIND term IN NAME FIELDS RETURNING Contact(Id)', [
        ['term', '{Jane OR x}'],
      ]),
    ).toBe('FIND {"Jane OR x"} IN NAME FIELDS RETURNING Contact(Id)');
    expect(
      fillQueryTemplate('searchSOSL', 'FIND {Doe} RETURNING Contact(Id WHERE LastName = NAME)', [
        ['NAME', "'Doe'"],
      ]),
    ).toBe("FIND {Doe} RETURNING Contact(Id WHERE LastName = 'Doe')");
    expect(() => fill('SELECT Id FROM Contact WHERE Name = term', [['term', '{Jane}']])).toThrowError(
      InvalidParameterError,
    );
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
