import { describe, expect, it } from 'vitest';
import type { DescribeField } from '../../shared/salesforce/types.js';
import { moveOversizeFields, oversizeAttachmentName } from './oversize-fields.js';

const FIELDS: DescribeField[] = [
  { name: 'amazonconnect__Attributes__c', type: 'textarea', length: 10 } as DescribeField,
  { name: 'amazonconnect__QueueName__c', type: 'string', length: 5 } as DescribeField,
  { name: 'amazonconnect__AgentNumberOfHolds__c', type: 'double', length: 0 } as DescribeField,
];

describe('moveOversizeFields', () => {
  it('returns a body that fits unchanged (the same object)', () => {
    const body = { amazonconnect__Attributes__c: '{"a": "b"}', amazonconnect__QueueName__c: 'Basic' };
    const split = moveOversizeFields(body, FIELDS, 'amazonconnect__');
    expect(split.body).toBe(body);
    expect(split.oversize).toEqual([]);
  });

  it('sets a text longer than its field to null (never cut, never left out) and keeps the whole text', () => {
    const text = '{"notes": "0123456789"}';
    const body = { amazonconnect__Attributes__c: text, amazonconnect__QueueName__c: 'Basic', other: 1 };
    const split = moveOversizeFields(body, FIELDS, 'amazonconnect__');
    expect(split.body).toEqual({
      amazonconnect__Attributes__c: null,
      amazonconnect__QueueName__c: 'Basic',
      other: 1,
    });
    expect(Object.keys(split.body)).toContain('amazonconnect__Attributes__c');
    expect(body.amazonconnect__Attributes__c).toBe(text);
    expect(split.oversize).toEqual([
      {
        field: 'amazonconnect__Attributes__c',
        length: text.length,
        limit: 10,
        document: {
          name: 'Attributes__c.json',
          description: expect.stringContaining('23 characters'),
          contentType: 'application/json',
          text,
        },
      },
    ]);
  });

  it('a text field that is not JSON is attached as .txt; numbers and unknown fields are left alone', () => {
    const split = moveOversizeFields(
      {
        amazonconnect__QueueName__c: 'BasicQueue',
        amazonconnect__AgentNumberOfHolds__c: 123456,
        x: 'long text',
      },
      FIELDS,
      'amazonconnect__',
    );
    expect(split.oversize.map((field) => [field.document.name, field.document.contentType])).toEqual([
      ['QueueName__c.txt', 'text/plain'],
    ]);
    expect(split.body).toEqual({
      amazonconnect__QueueName__c: null,
      amazonconnect__AgentNumberOfHolds__c: 123456,
      x: 'long text',
    });
  });

  it('names attachments after the field without namespace', () => {
    expect(oversizeAttachmentName('amazonconnect__Attributes__c', 'amazonconnect__')).toBe(
      'Attributes__c.json',
    );
    expect(oversizeAttachmentName('AgentHierarchyGroup__c', '')).toBe('AgentHierarchyGroup__c.json');
  });
});
