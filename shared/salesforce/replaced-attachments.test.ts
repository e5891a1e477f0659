import { describe, expect, it } from 'vitest';
import { attachmentSubrequests, insertedAttachmentIds, olderAttachmentIds } from './replaced-attachments.js';
import type { CompositeSubresponse } from './types.js';

const DOCUMENT = {
  name: 'Attributes__c.json',
  description: 'd',
  contentType: 'application/json',
  text: '{"é": 1}',
};

describe('attachmentSubrequests', () => {
  it('queries older copies before inserting; a reference parent stays unencoded so Salesforce resolves it', () => {
    const [query, insert] = attachmentSubrequests({
      parentId: '@{ctr.id}',
      documents: [DOCUMENT],
      lookupNames: ['Attributes__c.json', 'Old__c.txt'],
      referencePrefix: 'ctr',
    });
    expect(query).toMatchObject({ method: 'GET', referenceId: 'ctrOlderAttachments' });
    expect(query?.url).toContain("ParentId%20%3D%20'@{ctr.id}'");
    expect(decodeURIComponent(String(query?.url))).toBe(
      "/query?q=SELECT Id, Name FROM Attachment WHERE ParentId = '@{ctr.id}' AND Name IN ('Attributes__c.json', 'Old__c.txt')",
    );
    expect(insert).toEqual({
      method: 'POST',
      url: '/sobjects/Attachment',
      referenceId: 'ctrAttachment0',
      body: {
        ParentId: '@{ctr.id}',
        Name: 'Attributes__c.json',
        Description: 'd',
        ContentType: 'application/json',
        Body: Buffer.from('{"é": 1}', 'utf8').toString('base64'),
      },
    });
  });

  it('sends nothing when there is nothing to attach or look for', () => {
    expect(
      attachmentSubrequests({
        parentId: '@{ctr.id}',
        documents: [],
        lookupNames: [],
        referencePrefix: 'ctr',
      }),
    ).toEqual([]);
  });

  it('reads the new ids and the older copies, never counting a new one as older', () => {
    const responses: CompositeSubresponse[] = [
      {
        referenceId: 'ctrOlderAttachments',
        httpStatusCode: 200,
        httpHeaders: {},
        body: { records: [{ Id: '00P1' }, { Id: '00P2' }] },
      },
      { referenceId: 'ctrAttachment0', httpStatusCode: 201, httpHeaders: {}, body: { id: '00P2' } },
    ];
    const inserted = insertedAttachmentIds(responses, [DOCUMENT], 'ctr');
    expect(inserted).toEqual({ 'Attributes__c.json': '00P2' });
    expect(olderAttachmentIds(responses, 'ctr', inserted)).toEqual(['00P1']);
  });
});
