import { describe, expect, it } from 'vitest';
import { loadCtrFixture } from '../../local/samples/ctr-fixtures.js';
import { namespacePrefix } from '../../shared/salesforce/namespace.js';
import { ctrFields } from './ctr-fields.js';
import { parseContactImportEvent } from './parse-event.js';

const base = {
  prefix: 'amazonconnect__',
  region: 'eu-west-2',
  regionField: true,
  disconnectReasonField: true,
};

describe("CTR field mapping (the original's AC_ContactTraceRecord__c fields)", () => {
  it('maps an inbound call with agent, queue and recording field by field', () => {
    const fields = ctrFields(loadCtrFixture('inbound-voice-agent-recording'), base);
    const instance = 'arn:aws:connect:us-east-1:123456789012:instance/0e6d9a3c-7b1f-4c2a-9d3e-5f6a7b8c9d0e';
    expect(fields).toEqual({
      amazonconnect__AWSAccountId__c: '123456789012',
      amazonconnect__AgentConnectionAttempts__c: 1,
      amazonconnect__Attributes__c:
        '{"postcallCTRImportEnabled": "true", "postcallRecordingImportEnabled": "true", "customerTier": "gold", "greetingPlayed": "true"}',
      amazonconnect__Channel__c: 'VOICE',
      amazonconnect__ConnectedToSystemTimestamp__c: '2026-11-28T10:00:05Z',
      amazonconnect__InitiationTimestamp__c: '2026-11-28T10:00:04Z',
      amazonconnect__InitialContactId__c: null,
      amazonconnect__Initiation_Method__c: 'INBOUND',
      amazonconnect__InstanceARN__c: instance,
      amazonconnect__LastUpdateTimestamp__c: '2026-11-28T10:07:05Z',
      amazonconnect__NextContactId__c: null,
      amazonconnect__PreviousContactId__c: null,
      amazonconnect__DisconnectTimestamp__c: '2026-11-28T10:06:12Z',
      amazonconnect__AfterContactWorkDuration__c: 50,
      amazonconnect__AfterContactWorkEndTimestamp__c: '2026-11-28T10:07:02.381Z',
      amazonconnect__AfterContactWorkStartTimestamp__c: '2026-11-28T10:06:12.004Z',
      amazonconnect__AgentConnectedToAgentTimestamp__c: '2026-11-28T10:00:41.512Z',
      amazonconnect__AgentInteractionDuration__c: 331,
      amazonconnect__AgentCustomerHoldDuration__c: 24,
      amazonconnect__AgentHierarchyGroup__c: expect.stringContaining('"GroupName": "EMEA"'),
      amazonconnect__AgentLongestHoldDuration__c: 24,
      amazonconnect__AgentNumberOfHolds__c: 1,
      amazonconnect__AgentUsername__c: 'jdoe',
      amazonconnect__AgentRoutingProfileARN__c: `${instance}/routing-profile/7c2e9f4a-3b5d-4e6f-8a1b-2c3d4e5f6a7b`,
      amazonconnect__AgentRoutingProfileName__c: 'Basic Routing Profile',
      amazonconnect__CustomerEndpointAddress__c: '+441122334455',
      amazonconnect__QueueARN__c: `${instance}/queue/9f8e7d6c-5b4a-4321-8fed-cba987654321`,
      amazonconnect__QueueDequeueTimestamp__c: '2026-11-28T10:00:41.512Z',
      amazonconnect__QueueDuration__c: 22,
      amazonconnect__QueueEnqueueTimestamp__c: '2026-11-28T10:00:19.240Z',
      amazonconnect__QueueName__c: 'BasicQueue',
      amazonconnect__RecordingLocation__c:
        'amazon-connect-recordings-local/connect/example-instance/CallRecordings/2026/11/28/5c0b2a3e-8f41-4d6a-b7c9-1e2f3a4b5c61_20261128T10:02_UTC.wav',
      amazonconnect__RecordingStatus__c: 'AVAILABLE',
      amazonconnect__RecordingDeletionReason__c: null,
      amazonconnect__SystemEndpointAddress__c: '+18005550100',
      amazonconnect__Region__c: 'eu-west-2',
      amazonconnect__DisconnectReason__c: 'CUSTOMER_DISCONNECT',
    });
  });

  it('leaves out the Agent, Queue and Recording blocks when they are null, and writes absent keys as null', () => {
    const fields = ctrFields(loadCtrFixture('agentless-voice'), { ...base, prefix: '' });
    expect(
      Object.keys(fields).some((key) => key.startsWith('Agent') && key !== 'AgentConnectionAttempts__c'),
    ).toBe(false);
    expect(Object.keys(fields).some((key) => key.startsWith('Queue') || key.startsWith('Recording'))).toBe(
      false,
    );
    expect(fields.DisconnectReason__c).toBeNull();

    const minimal = ctrFields(loadCtrFixture('minimal-missing-optional-keys'), { ...base, prefix: '' });
    expect(minimal.AWSAccountId__c).toBeNull();
    expect(minimal.DisconnectTimestamp__c).toBeNull();
    expect(minimal.CustomerEndpointAddress__c).toBeUndefined();
  });

  it('writes Region__c and DisconnectReason__c only when the org has them', () => {
    const fields = ctrFields(loadCtrFixture('inbound-voice-agent-recording'), {
      ...base,
      regionField: false,
      disconnectReasonField: false,
    });
    expect(fields).not.toHaveProperty('amazonconnect__Region__c');
    expect(fields).not.toHaveProperty('amazonconnect__DisconnectReason__c');
  });

  it('maps the transfer fields of a transferred call', () => {
    const fields = ctrFields(loadCtrFixture('transfer-first-leg'), { ...base, prefix: '' });
    const ctr = loadCtrFixture('transfer-first-leg') as Record<string, { Address?: string } | string | null>;
    expect(fields.NextContactId__c).toBe(ctr.NextContactId);
    if (ctr.TransferredToEndpoint && typeof ctr.TransferredToEndpoint === 'object') {
      expect(fields.TransferredToEndpoint__c).toBe(ctr.TransferredToEndpoint.Address);
    }
    if (ctr.TransferCompletedTimestamp) {
      expect(fields.TransferCompletedTimestamp__c).toBe(ctr.TransferCompletedTimestamp);
    }
  });
});

describe('namespace setting (SF_ADAPTER_NAMESPACE)', () => {
  it('defaults to amazonconnect; blank or "-" means none', () => {
    expect(namespacePrefix(undefined)).toBe('amazonconnect__');
    expect(namespacePrefix('acme')).toBe('acme__');
    expect(namespacePrefix('')).toBe('');
    expect(namespacePrefix(' - ')).toBe('');
    expect(() => namespacePrefix('bad ns')).toThrow(/SF_ADAPTER_NAMESPACE/);
  });
});

describe('contact-import payload validation', () => {
  const valid = {
    contactId: 'c-1',
    kind: 'full',
    plan: { ctrImport: true, recordingImport: true, recordingLocation: 'bucket/key.wav' },
    ctr: { ContactId: 'c-1' },
  };
  it('accepts the state machine payload and fills plan defaults', () => {
    expect(parseContactImportEvent(valid).plan).toEqual({
      ctrImport: true,
      recordingImport: true,
      redactedRecording: false,
      recordingUpload: false,
      transcription: null,
      contactLens: false,
      recordingLocation: 'bucket/key.wav',
    });
  });
  it.each([
    [{ ...valid, contactId: '' }, /contactId/],
    [{ ...valid, kind: 'other' }, /kind/],
    [{ ...valid, ctr: null }, /ctr/],
    [{ ...valid, ctr: { ContactId: 'c-2' } }, /does not match/],
    [{ ...valid, plan: { ...valid.plan, recordingLocation: null } }, /recordingLocation/],
    [{ ...valid, plan: { ...valid.plan, ctrImport: 'yes' } }, /ctrImport/],
  ])('rejects a malformed payload (%#) with a PostCall.InvalidInput error', (event, message) => {
    expect(() => parseContactImportEvent(event)).toThrow(
      expect.objectContaining({ name: 'PostCall.InvalidInput' }),
    );
    expect(() => parseContactImportEvent(event)).toThrow(message);
  });
});
