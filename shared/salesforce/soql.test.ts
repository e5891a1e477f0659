import { describe, expect, it } from 'vitest';
import {
  buildSelect,
  isSalesforceId,
  soql,
  soqlIdentifier,
  soqlLikePattern,
  soqlLiteral,
  soslFind,
  soslTerm,
} from './soql.js';

describe('soqlLiteral', () => {
  it.each([
    ['plain', "'plain'"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ['a"b', "'a\\\"b'"],
    ['line1\nline2\r\tend', "'line1\\nline2\\r\\tend'"],
    ['bell\u0007', "'bell\\u0007'"],
    ['100%_done', "'100%_done'"],
    ['ünïcødé 😀', "'ünïcødé 😀'"],
  ])('escapes %j', (value, expected) => {
    expect(soqlLiteral(value)).toBe(expected);
  });

  it('renders non-strings', () => {
    expect(soqlLiteral(42)).toBe('42');
    expect(soqlLiteral(true)).toBe('TRUE');
    expect(soqlLiteral(null)).toBe('NULL');
    expect(soqlLiteral(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
    expect(() => soqlLiteral(Number.NaN)).toThrow(TypeError);
  });
});

describe('soqlLikePattern', () => {
  it('escapes % and _ and adds only the requested wildcards', () => {
    expect(soqlLikePattern("50%_o'k")).toBe("'%50\\%\\_o\\'k%'");
    expect(soqlLikePattern('ab', 'exact')).toBe("'ab'");
    expect(soqlLikePattern('ab', 'startsWith')).toBe("'ab%'");
    expect(soqlLikePattern('ab', 'endsWith')).toBe("'%ab'");
  });
});

describe('soql tag and builders', () => {
  it('turns every interpolation into a literal', () => {
    const phone = "+44' OR Name != '";
    expect(soql`SELECT Id FROM Contact WHERE Phone = ${phone} AND Age__c > ${3}`).toBe(
      "SELECT Id FROM Contact WHERE Phone = '+44\\' OR Name != \\'' AND Age__c > 3",
    );
    expect(soql`SELECT Id FROM Contact WHERE Id IN ${['a', "b'"]}`).toBe(
      "SELECT Id FROM Contact WHERE Id IN ('a', 'b\\'')",
    );
    expect(soql`SELECT ${soqlIdentifier('Account.Name')} FROM Contact`).toBe(
      'SELECT Account.Name FROM Contact',
    );
    expect(() => soql`SELECT Id FROM Contact WHERE Id IN ${[]}`).toThrow(TypeError);
  });

  it('rejects identifiers that are not API names', () => {
    expect(() => soqlIdentifier('Name FROM User --')).toThrow(TypeError);
    expect(() => soqlIdentifier("Name'")).toThrow(TypeError);
  });

  it('buildSelect escapes values and validates names', () => {
    expect(
      buildSelect({
        fields: ['Id', 'Name'],
        from: 'Contact',
        where: { Phone: "+1'", Id: ['003', '004'] },
        orderBy: 'Name desc',
        limit: 5,
      }),
    ).toBe(
      "SELECT Id, Name FROM Contact WHERE Phone = '+1\\'' AND Id IN ('003', '004') ORDER BY Name DESC LIMIT 5",
    );
    expect(() => buildSelect({ fields: ['Id'], from: 'Contact; DELETE' })).toThrow(TypeError);
  });

  it('recognises Salesforce ids', () => {
    expect(isSalesforceId('003000000000001')).toBe(true);
    expect(isSalesforceId('003000000000001AAA')).toBe(true);
    expect(isSalesforceId("003' OR '1'='1")).toBe(false);
  });
});

describe('SOSL', () => {
  it('escapes every reserved character', () => {
    expect(soslTerm('{1+1}:2')).toBe('\\{1\\+1\\}\\:2');
    const reserved = '?&|!{}[]()^~*:\\"\'+-';
    expect(soslTerm(reserved)).toBe([...reserved].map((char) => `\\${char}`).join(''));
    expect(soslTerm('a\nb\tc')).toBe('a b c');
  });

  it('builds a FIND with a quoted, escaped phrase', () => {
    expect(
      soslFind('+441122334455', { in: 'PHONE', returning: 'Contact(Id, Name), Lead(Id)', limit: 10 }),
    ).toBe('FIND {"\\+441122334455"} IN PHONE FIELDS RETURNING Contact(Id, Name), Lead(Id) LIMIT 10');
    expect(() => soslFind('x', { returning: "Contact(Id WHERE Name = 'x')" })).toThrow(TypeError);
  });
});
