import { describe, expect, it } from 'vitest';
import type { ContactPlan } from '../../shared/ctr/execution-input.js';
import { contactPlan } from '../../test/support/contact-plan.js';
import { plannedBranches } from './planned-branches.js';

const CONTACT = '11111111-2222-4333-8444-555555555555';
const plan = (overrides: Partial<ContactPlan> = {}): ContactPlan =>
  contactPlan({ recordingLocation: 'bucket/key.wav', ...overrides });
const withAgent = { Agent: { ConnectedToAgentTimestamp: '2026-11-28T10:00:41Z' } };
const facts = (overrides: Partial<Parameters<typeof plannedBranches>[0]> = {}) => ({
  contactId: CONTACT,
  kind: 'full' as const,
  plan: plan(),
  ctr: withAgent,
  analyticsRecordId: 'a0B000000000001AAA',
  recordingLocation: 'bucket/key.wav',
  ...overrides,
});

describe('plannedBranches', () => {
  it('plans nothing for a CTR-only contact, with the reason per branch', () => {
    expect(plannedBranches(facts())).toEqual({
      recordingUpload: { status: 'notPlanned', reason: 'recording upload not requested' },
      transcription: { status: 'notPlanned', reason: 'transcription not requested' },
      contactLens: { status: 'notPlanned', reason: 'Contact Lens import not requested' },
    });
  });

  it('plans every requested branch the contact can run, with its starting state', () => {
    const branches = plannedBranches(
      facts({
        plan: plan({
          recordingUpload: true,
          contactLens: true,
          transcription: { languageCode: 'en-US', comprehendAnalyses: [] },
        }),
      }),
    );
    expect(branches.recordingUpload).toEqual({ status: 'planned' });
    expect(branches.transcription).toEqual({
      status: 'planned',
      jobName: expect.stringMatching(new RegExp(`^${CONTACT}_[0-9a-f-]{36}$`)),
      polls: 1,
      waitedSeconds: 0,
    });
    expect(branches.contactLens).toEqual({ status: 'planned', looks: 0, waitedSeconds: 0 });
  });

  it('skips requested branches the contact cannot run', () => {
    const everything = plan({
      recordingUpload: true,
      contactLens: true,
      transcription: { languageCode: 'en-US', comprehendAnalyses: [] },
    });
    expect(
      plannedBranches(facts({ plan: everything, recordingLocation: null, ctr: { Agent: null } })),
    ).toEqual({
      recordingUpload: { status: 'notPlanned', reason: 'no recording in S3 for this contact' },
      transcription: { status: 'notPlanned', reason: 'no recording in S3 for this contact' },
      contactLens: {
        status: 'notPlanned',
        reason: 'no agent took the contact: Contact Lens has nothing to analyse',
      },
    });
    const noRecord = plannedBranches(facts({ plan: everything, analyticsRecordId: null }));
    for (const branch of Object.values(noRecord)) {
      expect(branch).toEqual({ status: 'notPlanned', reason: 'no analytics record for this contact' });
    }
  });

  it('plans nothing for a ctrRefresh execution', () => {
    const branches = plannedBranches(facts({ kind: 'ctrRefresh', plan: plan({ contactLens: true }) }));
    expect(Object.values(branches).map((branch) => branch.status)).toEqual([
      'notPlanned',
      'notPlanned',
      'notPlanned',
    ]);
  });
});
