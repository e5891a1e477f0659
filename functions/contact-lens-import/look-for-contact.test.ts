import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceApi } from '../../shared/salesforce/types.js';
import { ContactLensImporter } from './contact-lens-import.js';
import type { ContactLensLookRequest } from './types.js';

const s3 = new S3Client({ region: 'us-east-1' });
const stub = mockClient(s3);
afterEach(() => stub.reset());

// Nothing is found in these looks: Salesforce is never called.
const importer = new ContactLensImporter({ salesforce: {} as SalesforceApi, s3, namespace: '' });
const look = (overrides: Partial<ContactLensLookRequest>): ContactLensLookRequest => ({
  contactId: '11111111-2222-4333-8444-555555555555',
  analyticsRecordId: 'a0B000000000001AAA',
  bucket: 'recordings',
  channel: 'VOICE',
  connectedToAgentTimestamp: '2026-11-28T10:00:41Z',
  redactedRecordingImport: false,
  looks: 0,
  maxLooks: 3,
  waitedSeconds: 60,
  maxWaitedSeconds: 43200,
  ...overrides,
});

describe('one Contact Lens look', () => {
  it('counts a look without a file as notYet, and ends as noAnalysis at the last look or the waiting budget', async () => {
    stub.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
    expect(await importer.lookForContact(look({}))).toEqual({
      status: 'notYet',
      looks: 1,
      waitedSeconds: 60,
      analysisKey: null,
      transcriptTurns: null,
    });
    expect((await importer.lookForContact(look({ looks: 2 }))).status).toBe('noAnalysis');
    expect((await importer.lookForContact(look({ waitedSeconds: 43200 }))).status).toBe('noAnalysis');
    // original first, then the redacted folder: two listings per look while nothing is there
    expect(stub.commandCalls(ListObjectsV2Command)).toHaveLength(6);
  });
});
