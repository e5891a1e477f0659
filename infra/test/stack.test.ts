/**
 * The synthesized stack, checked once (one synth, shared): parameters and their constraints,
 * switches, VPC, the state machine definition and its role against the ASL, least privilege,
 * the trigger wiring, alarms, outputs, bundling, and cdk-nag.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config/configuration-error.js';
import {
  credentialsSettingsFromEnvironment,
  SALESFORCE_CLIENT_ENV_VARS,
  salesforceSettingsFromEnvironment,
} from '../../shared/salesforce/settings-from-environment.js';
import { DEFAULT_NODE_OPTIONS, RECORDING_UPLOAD_NODE_OPTIONS } from '../lib/node-options.js';
import { POST_CALL_ASL_PATH, REPO_ROOT } from '../lib/paths.js';
import { checkAslRules } from './asl-rules.js';
import { aslServiceDiagnostics, fillSubstitutions, statelintProblems } from './asl-validators.js';
import { FUNCTION_FOLDERS } from './function-folders.js';
import {
  actionsOf,
  allStatements,
  resourcesOf,
  roleIdOf,
  type Statement,
  statementsOfRole,
} from './iam-statements.js';
import { node22 } from './node22.js';
import {
  type ParameterDefinition,
  type ParameterFileEntry,
  parameterFileProblems,
} from './parameter-file.js';
import { readsS3Objects } from './s3-object-reads.js';
import { type SynthesizedStack, synthesizeStack } from './synth.js';
import {
  brokenRules,
  type DeployedResource,
  deployedResources,
  type TemplateJson,
} from './template-conditions.js';

const execFileAsync = promisify(execFile);

let synthesized: SynthesizedStack;
let template: TemplateJson;

beforeAll(() => {
  synthesized = synthesizeStack();
  template = synthesized.template;
}, 300_000);

type Param = {
  Type: string;
  Default?: string | number;
  AllowedPattern?: string;
  AllowedValues?: string[];
  MinValue?: number;
  MaxValue?: number;
};
const parameter = (name: string): Param => (template.Parameters as Record<string, Param>)[name];
const matches = (name: string, value: string): boolean =>
  new RegExp(parameter(name).AllowedPattern ?? '.*').test(value);

/** A complete, valid deployment: every feature on, every optional value set. */
const EVERYTHING_ON: Record<string, string> = {
  CTRKinesisARN: 'arn:aws:kinesis:eu-west-2:123456789012:stream/ctr',
  ConnectRecordingS3BucketName: 'connect-recordings',
  TranscribeOutputS3BucketName: 'transcripts',
  ConnectReportingS3BucketName: 'connect-reports',
  AmazonConnectInstanceId: '1d3c7e2a-0000-4000-8000-123456789abc',
  SalesforceCredentialsKMSKeyARN:
    'arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  RecordingUploadEnabled: 'true',
};

/** KMS keys of the three buckets, for the SSE-KMS grants. */
const BUCKET_KEYS: Record<string, string> = {
  ConnectRecordingS3KMSKeyARN: 'arn:aws:kms:eu-west-2:123456789012:key/aaaa',
  TranscribeOutputS3KMSKeyARN: 'arn:aws:kms:eu-west-2:123456789012:key/bbbb',
  ConnectReportingS3KMSKeyARN: 'arn:aws:kms:eu-west-2:123456789012:key/cccc',
};

const ofType = (resources: DeployedResource[], type: string) => resources.filter((r) => r.type === type);
const statementsWithAction = (statements: Statement[], prefix: string) =>
  statements.filter((s) => actionsOf(s).some((a) => a.startsWith(prefix)));

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged', () => {
    const report = JSON.stringify(synthesized.validationReport ?? {}, null, 2);
    expect(synthesized.validationError, report.slice(0, 20_000)).toBeUndefined();
  });

  it('justifies every acknowledgement, and acknowledges no bare IAM5', () => {
    const metadata = JSON.parse(
      readFileSync(join(synthesized.outdir, 'ConnectSalesforce.metadata.json'), 'utf8'),
    ) as Record<string, Array<{ type: string; data: unknown }>>;
    const acknowledged = Object.values(metadata)
      .flat()
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      // aws-cdk-lib records them as 'Annotation::<rule id>'.
      .map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason] as const);
    const nag = acknowledged.filter(([id]) => id.startsWith('AwsSolutions-'));
    expect(nag.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(40);
    // Wildcards are accepted one by one (AwsSolutions-IAM5[Resource::...]), never wholesale.
    expect(nag.map(([id]) => id)).not.toContain('AwsSolutions-IAM5');
  });
});

describe('parameters', () => {
  const ORIGINAL_27 = [
    'SalesforceProduction',
    'SalesforceHost',
    'SalesforceUsername',
    'SalesforceVersion',
    'ConnectReportingS3BucketName',
    'ConnectRecordingS3BucketName',
    'TranscribeOutputS3BucketName',
    'SalesforceCredentialsSecretsManagerARN',
    'SalesforceCredentialsKMSKeyARN',
    'TranscriptionJobCheckWaitTime',
    'CTRKinesisARN',
    'CTREventSourceMappingMaximumRetryAttempts',
    'CTREventSourceMappingBatchSize',
    'SalesforceAdapterNamespace',
    'AmazonConnectInstanceId',
    'AmazonConnectQueueMaxRecords',
    'AmazonConnectQueueMetricsMaxRecords',
    'LambdaLoggingLevel',
    'PostcallRecordingImportEnabled',
    'PostcallTranscribeEnabled',
    'PostcallCTRImportEnabled',
    'HistoricalReportingImportEnabled',
    'RealtimeReportingImportEnabled',
    'ContactLensImportEnabled',
    'PrivateVpcEnabled',
    'VpcSecurityGroupList',
    'VpcSubnetList',
  ];

  it('keeps the 27 original names plus SalesforceAuthMode, GlobalAnalyticsEnabled and the new ones', () => {
    const names = Object.keys(template.Parameters as object);
    for (const name of [
      ...ORIGINAL_27,
      'SalesforceAuthMode',
      'GlobalAnalyticsEnabled',
      'SfInvokeApiTimeout',
      'TranscriptionMaxPolls',
      'ContactLensFirstWaitSeconds',
      'ContactLensWaitSeconds',
      'ContactLensMaxPolls',
      'RecordingUploadEnabled',
      'SalesforceShareAuthToken',
      'SfPhoneDefaultRegion',
      'SalesforceCollectionsPerRequest',
    ]) {
      expect(names, name).toContain(name);
    }
    // The guided-setup endpoint (sfExecuteAWSService) is not part of this product: its parameter
    // is accepted (original parameter files deploy) and used by nothing.
    expect(names).toContain('SalesforceExecuteAWSServiceUser');
    const { Parameters: _parameters, Metadata: _metadata, ...rest } = template;
    expect(JSON.stringify(rest)).not.toContain('SalesforceExecuteAWSServiceUser');
  });

  it.each([
    ['SalesforceProduction', 'String', 'true'],
    ['SalesforceVersion', 'String', 'v62.0'],
    ['SalesforceAdapterNamespace', 'String', 'amazonconnect'],
    ['TranscriptionJobCheckWaitTime', 'Number', 20],
    ['CTREventSourceMappingMaximumRetryAttempts', 'Number', 100],
    ['CTREventSourceMappingBatchSize', 'Number', 30],
    ['AmazonConnectQueueMaxRecords', 'Number', 100],
    ['AmazonConnectQueueMetricsMaxRecords', 'Number', 100],
    ['LambdaLoggingLevel', 'String', 'INFO'],
    ['PostcallRecordingImportEnabled', 'String', 'true'],
    ['PostcallTranscribeEnabled', 'String', 'true'],
    ['PostcallCTRImportEnabled', 'String', 'true'],
    ['HistoricalReportingImportEnabled', 'String', 'true'],
    ['RealtimeReportingImportEnabled', 'String', 'true'],
    ['ContactLensImportEnabled', 'String', 'true'],
    ['PrivateVpcEnabled', 'String', 'false'],
    ['GlobalAnalyticsEnabled', 'String', 'false'],
    ['SalesforceAuthMode', 'String', 'password'],
    ['RecordingUploadEnabled', 'String', 'false'],
    ['SfInvokeApiTimeout', 'Number', 7000],
    ['TranscriptionMaxPolls', 'Number', 360],
    ['SalesforceShareAuthToken', 'String', 'true'],
    ['SfPhoneDefaultRegion', 'String', 'US'],
    ['SalesforceCollectionsPerRequest', 'Number', 5],
    ['ConnectReportingS3BucketName', 'String', ''],
    ['ConnectRecordingS3BucketName', 'String', ''],
    ['TranscribeOutputS3BucketName', 'String', ''],
    ['CTRKinesisARN', 'String', ''],
    ['AmazonConnectInstanceId', 'String', ''],
    ['VpcSecurityGroupList', 'CommaDelimitedList', ''],
    ['VpcSubnetList', 'CommaDelimitedList', ''],
  ])('%s is a %s defaulting to %s', (name, type, defaultValue) => {
    expect(parameter(name).Type).toBe(type);
    expect(parameter(name).Default).toBe(defaultValue);
  });

  it('requires the host and the secret ARN (no default)', () => {
    expect(parameter('SalesforceHost').Default).toBeUndefined();
    expect(parameter('SalesforceCredentialsSecretsManagerARN').Default).toBeUndefined();
  });

  it('takes only true/false (any capitalisation the original accepted) for every switch', () => {
    for (const name of [
      'SalesforceProduction',
      'PostcallRecordingImportEnabled',
      'PostcallTranscribeEnabled',
      'PostcallCTRImportEnabled',
      'HistoricalReportingImportEnabled',
      'RealtimeReportingImportEnabled',
      'ContactLensImportEnabled',
      'PrivateVpcEnabled',
      'GlobalAnalyticsEnabled',
      'RecordingUploadEnabled',
      'SalesforceShareAuthToken',
    ]) {
      for (const ok of ['true', 'True', 'false', 'False'])
        expect(matches(name, ok), `${name}=${ok}`).toBe(true);
      for (const bad of ['yes', 'TRUE', '1', '', 'true '])
        expect(matches(name, bad), `${name}=${bad}`).toBe(false);
    }
  });

  it('validates SalesforceHost as an https My Domain URL, sandboxes included', () => {
    for (const ok of [
      'https://acme.my.salesforce.com',
      'https://acme--uat.sandbox.my.salesforce.com',
      'https://acme-dev-ed.develop.my.salesforce.com',
      'https://acme.my.salesforce.com/',
    ]) {
      expect(matches('SalesforceHost', ok), ok).toBe(true);
    }
    for (const bad of [
      'http://acme.my.salesforce.com',
      'acme.my.salesforce.com',
      'https://...',
      'https://acme.lightning.force.com',
      'https://login.salesforce.com',
      'https://acme.my.salesforce.com.evil.example',
    ]) {
      expect(matches('SalesforceHost', bad), bad).toBe(false);
    }
  });

  it('validates SalesforceVersion as vNN.N, v46.0 or later (collections upsert)', () => {
    for (const ok of ['v46.0', 'v62.0', 'v99.0', 'v100.0'])
      expect(matches('SalesforceVersion', ok), ok).toBe(true);
    // Exactly what the client accepts (shared/salesforce/endpoints.ts): one digit after the dot.
    for (const bad of ['62.0', 'v62', 'V62.0', 'v62.0 ', 'v42.0', 'v45.0', 'v9.0', 'v62.10', 'v1000.0']) {
      expect(matches('SalesforceVersion', bad), bad).toBe(false);
    }
  });

  it('limits the two max-records parameters to 1..100', () => {
    for (const name of ['AmazonConnectQueueMaxRecords', 'AmazonConnectQueueMetricsMaxRecords']) {
      expect([parameter(name).MinValue, parameter(name).MaxValue]).toEqual([1, 100]);
    }
  });

  it('bounds the numeric settings', () => {
    expect([
      parameter('CTREventSourceMappingBatchSize').MinValue,
      parameter('CTREventSourceMappingBatchSize').MaxValue,
    ]).toEqual([1, 10000]);
    expect(parameter('CTREventSourceMappingMaximumRetryAttempts').MinValue).toBe(-1);
    expect(parameter('CTREventSourceMappingMaximumRetryAttempts').MaxValue).toBe(10000);
    expect(parameter('SfInvokeApiTimeout').MaxValue).toBeLessThan(8000);
    for (const name of [
      'TranscriptionJobCheckWaitTime',
      'TranscriptionMaxPolls',
      'ContactLensWaitSeconds',
      'ContactLensMaxPolls',
    ]) {
      expect(parameter(name).MinValue, name).toBeGreaterThanOrEqual(1);
      expect(parameter(name).MaxValue, name).toBeDefined();
    }
    // Default polling covers at least two hours of transcription.
    expect(
      Number(parameter('TranscriptionJobCheckWaitTime').Default) *
        Number(parameter('TranscriptionMaxPolls').Default),
    ).toBeGreaterThanOrEqual(7200);
  });

  it('offers the original log levels and auth modes', () => {
    expect(parameter('LambdaLoggingLevel').AllowedValues).toEqual([
      'DEBUG',
      'INFO',
      'WARNING',
      'ERROR',
      'CRITICAL',
    ]);
    expect(parameter('SalesforceAuthMode').AllowedValues).toEqual([
      'password',
      'client_credentials',
      'jwt_bearer',
    ]);
  });

  it('validates ARNs, bucket names and ids by pattern', () => {
    const cases: Array<[string, string[], string[]]> = [
      [
        'SalesforceCredentialsSecretsManagerARN',
        ['arn:aws:secretsmanager:eu-west-2:123456789012:secret:SalesforceCredentials-AbCdEf'],
        [
          '',
          'SalesforceCredentials',
          'arn:aws:kms:eu-west-2:123456789012:key/abc',
          // Partial ARN (no -XXXXXX suffix): IAM would deny it at runtime.
          'arn:aws:secretsmanager:eu-west-2:123456789012:secret:SalesforceCredentials',
        ],
      ],
      ['SfPhoneDefaultRegion', ['US', 'GB', 'DE'], ['', 'gb', 'GBR', 'U1']],
      ['HistoricalQueueReportPrefix', ['SFDC/Queue', 'reports/queue-'], ['/SFDC/Queue', '', 'a,b', 's3://x']],
      [
        'SalesforceCredentialsKMSKeyARN',
        ['', 'arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
        ['alias/aws/secretsmanager', 'arn:aws:kms:eu-west-2:123456789012:alias/x'],
      ],
      [
        'CTRKinesisARN',
        ['', 'arn:aws:kinesis:us-east-1:123456789012:stream/connect-ctr'],
        ['arn:aws:firehose:us-east-1:123456789012:deliverystream/x', 'connect-ctr'],
      ],
      [
        'ConnectRecordingS3BucketName',
        ['', 'amazon-connect-1a2b3c'],
        ['s3://bucket', 'bucket/connect', 'Bucket'],
      ],
      [
        'AmazonConnectInstanceId',
        ['', '1d3c7e2a-0000-4000-8000-123456789abc'],
        ['arn:aws:connect:x', 'my-instance'],
      ],
      ['SalesforceUsername', ['', 'apiuser@example.com'], ['apiuser@<yoursalesforcedomain>.com', 'apiuser']],
      ['SalesforceAdapterNamespace', ['', '-', 'amazonconnect'], ['amazon connect', '1abc']],
    ];
    for (const [name, good, bad] of cases) {
      for (const value of good) expect(matches(name, value), `${name}=${value}`).toBe(true);
      for (const value of bad) expect(matches(name, value), `${name}=${value}`).toBe(false);
    }
  });

  it('refuses combinations that can only fail at runtime (Rules)', () => {
    const valid = { ...EVERYTHING_ON, SalesforceUsername: 'apiuser@example.com' };
    expect(brokenRules(template, valid)).toEqual([]);
    expect(brokenRules(template, { ...valid, SalesforceUsername: '' })).toEqual([
      'SalesforceUsername is required when SalesforceAuthMode is password.',
    ]);
    expect(
      brokenRules(template, { ...valid, SalesforceUsername: '', SalesforceAuthMode: 'client_credentials' }),
    ).toEqual([]);
    expect(
      brokenRules(template, { ...valid, SalesforceUsername: '', SalesforceAuthMode: 'jwt_bearer' }),
    ).toEqual(['SalesforceUsername is required when SalesforceAuthMode is jwt_bearer.']);
    expect(brokenRules(template, { ...valid, PrivateVpcEnabled: 'True' })).toEqual([
      'VpcSubnetList is required when PrivateVpcEnabled is true.',
      'VpcSecurityGroupList is required when PrivateVpcEnabled is true.',
    ]);
    expect(
      brokenRules(template, {
        ...valid,
        PrivateVpcEnabled: 'true',
        VpcSubnetList: ['subnet-1'],
        VpcSecurityGroupList: ['sg-1'],
      }),
    ).toEqual([]);
    expect(brokenRules(template, { ...valid, ConnectRecordingS3BucketName: '' })).toEqual([
      'ConnectRecordingS3BucketName is required when PostcallTranscribeEnabled is true and CTRKinesisARN is set (or set PostcallTranscribeEnabled=false).',
      'ConnectRecordingS3BucketName is required when ContactLensImportEnabled is true and CTRKinesisARN is set (or set ContactLensImportEnabled=false).',
      'ConnectRecordingS3BucketName is required when RecordingUploadEnabled is true.',
    ]);
    expect(brokenRules(template, { ...valid, TranscribeOutputS3BucketName: '' })).toEqual([
      'TranscribeOutputS3BucketName is required when PostcallTranscribeEnabled is true and CTRKinesisARN is set (or set PostcallTranscribeEnabled=false).',
    ]);
    // Without a stream the post-call branches never run: nothing to refuse.
    expect(
      brokenRules(template, {
        ...valid,
        CTRKinesisARN: '',
        RecordingUploadEnabled: 'false',
        ConnectRecordingS3BucketName: '',
        TranscribeOutputS3BucketName: '',
      }),
    ).toEqual([]);
    expect(
      brokenRules(template, {
        ...valid,
        RecordingUploadEnabled: 'false',
        PostcallTranscribeEnabled: 'false',
        ContactLensImportEnabled: 'False',
        ConnectRecordingS3BucketName: '',
        TranscribeOutputS3BucketName: '',
      }),
    ).toEqual([]);
  });
});

describe('migration from the original package', () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'original-package', name), 'utf8'));
  /** The original template's parameter definitions (v5.28). */
  const ORIGINAL: Record<string, ParameterDefinition> = fixture('template-parameters.json');
  /** A parameter file of an original installation, as its admin deployed it. */
  const ORIGINAL_FILE: ParameterFileEntry[] = fixture('parameters.json');
  /** The changes the migration guide's table (docs/migration.md) tells that admin to make. */
  const DOCUMENTED_CHANGES: Record<string, string> = {
    SalesforceVersion: 'v62.0',
    SalesforceCredentialsSecretsManagerARN:
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:SalesforceCredentials-AbCdEf',
  };
  const withChanges = (changes: Record<string, string>): ParameterFileEntry[] =>
    ORIGINAL_FILE.map((entry) =>
      entry.ParameterKey in changes ? { ...entry, ParameterValue: changes[entry.ParameterKey] } : entry,
    );
  /** First-column names of the migration guide's table of parameters whose accepted values or default changed. */
  const readmeMigrationRows = (): string[] => {
    const readme = readFileSync(join(REPO_ROOT, 'docs', 'migration.md'), 'utf8');
    const start = readme.indexOf('**Parameters whose accepted values or default changed**');
    expect(start, 'docs/migration.md table').toBeGreaterThan(0);
    const rows = readme.slice(start).split('\n').slice(1);
    const table = rows.slice(rows.findIndex((line) => line.startsWith('|')));
    const end = table.findIndex((line) => !line.startsWith('|'));
    return table
      .slice(2, end === -1 ? undefined : end)
      .map((line) => /^\|\s*`([A-Za-z0-9]+)`/.exec(line)?.[1] ?? line);
  };

  it('accepts an original parameter file with only the documented changes (types, patterns, values, Rules)', () => {
    expect(parameterFileProblems(template, withChanges(DOCUMENTED_CHANGES))).toEqual([]);
  });

  it('refuses the unchanged original file for exactly the documented parameters', () => {
    const problems = parameterFileProblems(template, ORIGINAL_FILE);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(Object.keys(DOCUMENTED_CHANGES).sort());
    for (const name of Object.keys(DOCUMENTED_CHANGES)) expect(readmeMigrationRows()).toContain(name);
  });

  it('accepts and ignores the retired SalesforceExecuteAWSServiceUser', () => {
    const problems = parameterFileProblems(template, [
      ...withChanges(DOCUMENTED_CHANGES).filter((e) => e.ParameterKey !== 'SalesforceExecuteAWSServiceUser'),
      { ParameterKey: 'SalesforceExecuteAWSServiceUser', ParameterValue: 'any-user-name' },
    ]);
    expect(problems).toEqual([]);
  });

  it('lists in docs/migration.md every original parameter whose accepted values narrowed or whose default changed', () => {
    const ours = template.Parameters as unknown as Record<string, ParameterDefinition>;
    const changed = Object.entries(ORIGINAL)
      .filter(([name, original]) => {
        const now = ours[name];
        if (!now) return true;
        const narrowedValues =
          now.AllowedValues !== undefined &&
          (original.AllowedValues === undefined ||
            original.AllowedValues.some((v) => !now.AllowedValues?.map(String).includes(String(v))));
        const narrowedPattern =
          now.AllowedPattern !== undefined && now.AllowedPattern !== original.AllowedPattern;
        const bounded =
          (now.MinValue !== undefined && now.MinValue !== original.MinValue) ||
          (now.MaxValue !== undefined && now.MaxValue !== original.MaxValue);
        const defaultChanged = String(now.Default ?? '<none>') !== String(original.Default ?? '<none>');
        return now.Type !== original.Type || narrowedValues || narrowedPattern || bounded || defaultChanged;
      })
      .map(([name]) => name)
      .sort();
    expect(changed.length).toBeGreaterThan(0);
    expect([...readmeMigrationRows()].sort()).toEqual(changed);
  });
});

describe('feature switches', () => {
  it('creates the event source mapping, schedule and report rule with their IAM when everything is on', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    expect(ofType(deployed, 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
    const rules = ofType(deployed, 'AWS::Events::Rule');
    expect(rules.filter((r) => r.properties.ScheduleExpression === 'rate(1 minute)')).toHaveLength(1);
    expect(
      rules.filter((r) => String(JSON.stringify(r.properties.EventPattern)).includes('aws.s3')),
    ).toHaveLength(1);
    const statements = allStatements(deployed);
    expect(statementsWithAction(statements, 'kinesis:')).not.toHaveLength(0);
    expect(statementsWithAction(statements, 'connect:GetCurrentMetricData')).toHaveLength(1);
    expect(ofType(deployed, 'AWS::Lambda::Permission')).toHaveLength(2);
  });

  it.each([
    ['no Kinesis stream', { CTRKinesisARN: '' }],
    [
      'every post-call feature off',
      {
        PostcallCTRImportEnabled: 'false',
        PostcallRecordingImportEnabled: 'False',
        PostcallTranscribeEnabled: 'false',
        ContactLensImportEnabled: 'false',
      },
    ],
  ])('has no event source mapping and no Kinesis permission with %s', (_, overrides) => {
    const deployed = deployedResources(template, { ...EVERYTHING_ON, ...overrides });
    expect(ofType(deployed, 'AWS::Lambda::EventSourceMapping')).toHaveLength(0);
    expect(statementsWithAction(allStatements(deployed), 'kinesis:')).toHaveLength(0);
  });

  it('keeps the mapping while any one post-call feature is on', () => {
    const deployed = deployedResources(template, {
      ...EVERYTHING_ON,
      PostcallCTRImportEnabled: 'false',
      PostcallRecordingImportEnabled: 'false',
      PostcallTranscribeEnabled: 'false',
    });
    expect(ofType(deployed, 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
  });

  it('has no schedule and no Connect metrics permission when real-time reporting is off or has no instance', () => {
    for (const overrides of [
      { RealtimeReportingImportEnabled: 'false' },
      { AmazonConnectInstanceId: '' },
    ] as Array<Record<string, string>>) {
      const deployed = deployedResources(template, { ...EVERYTHING_ON, ...overrides });
      const schedules = ofType(deployed, 'AWS::Events::Rule').filter((r) => r.properties.ScheduleExpression);
      expect(schedules).toHaveLength(0);
      expect(statementsWithAction(allStatements(deployed), 'connect:GetCurrentMetricData')).toHaveLength(0);
      expect(statementsWithAction(allStatements(deployed), 'connect:ListQueues')).toHaveLength(0);
    }
  });

  it('has no report rule and no report-bucket permission when the historical import is off', () => {
    const cases: Array<Record<string, string>> = [
      { HistoricalReportingImportEnabled: 'false' },
      { ConnectReportingS3BucketName: '' },
    ];
    for (const overrides of cases) {
      const deployed = deployedResources(template, { ...EVERYTHING_ON, ...overrides });
      const reportRules = ofType(deployed, 'AWS::Events::Rule').filter((r) =>
        JSON.stringify(r.properties).includes('aws.s3'),
      );
      expect(reportRules).toHaveLength(0);
      const touchesReports = allStatements(deployed).filter((s) =>
        JSON.stringify(s.Resource).includes('ConnectReportingS3BucketName'),
      );
      expect(touchesReports.filter((s) => actionsOf(s).includes('s3:GetObject'))).toHaveLength(0);
    }
  });

  it('drops the state machine Transcribe and Contact Lens grants with their switches', () => {
    const machineActions = (overrides: Record<string, string>) => {
      const deployed = deployedResources(template, { ...EVERYTHING_ON, ...overrides });
      const machine = ofType(deployed, 'AWS::StepFunctions::StateMachine')[0];
      return statementsOfRole(deployed, roleIdOf(machine.properties.RoleArn)).flatMap(actionsOf);
    };
    expect(machineActions({})).toEqual(expect.arrayContaining(['transcribe:StartTranscriptionJob']));
    // The Contact Lens import lists the analysis folder itself: the state machine lists nothing.
    expect(machineActions({})).not.toContain('s3:ListBucket');
    expect(machineActions({ PostcallTranscribeEnabled: 'false' })).not.toContain(
      'transcribe:StartTranscriptionJob',
    );
    expect(machineActions({ PostcallTranscribeEnabled: 'false' })).not.toContain('s3:PutObject');
  });

  it('grants kms:Decrypt on the secret key only when the key ARN is given', () => {
    const decrypts = (overrides: Record<string, string>) =>
      allStatements(deployedResources(template, { ...EVERYTHING_ON, ...overrides })).filter(
        (s) =>
          JSON.stringify(s.Resource).includes('SalesforceCredentialsKMSKeyARN') &&
          actionsOf(s).includes('kms:Decrypt'),
      );
    expect(decrypts({})).toHaveLength(7);
    expect(decrypts({ SalesforceCredentialsKMSKeyARN: '' })).toHaveLength(0);
  });

  it('gives the functions normalised true/false switches', () => {
    const deployed = deployedResources(template, {
      ...EVERYTHING_ON,
      PostcallTranscribeEnabled: 'True',
      ContactLensImportEnabled: 'False',
    });
    const trigger = ofType(deployed, 'AWS::Lambda::Function').find((f) =>
      JSON.stringify(f.properties.Environment).includes('POSTCALL_STATE_MACHINE_ARN'),
    );
    if (!trigger) throw new Error('no trigger function');
    const variables = (trigger.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.POSTCALL_TRANSCRIBE_ENABLED).toBe('true');
    expect(variables.CONTACT_LENS_IMPORT_ENABLED).toBe('false');
    expect(variables.RECORDING_UPLOAD_ENABLED).toBe('true');
  });
});

describe('functions', () => {
  const functions = () => ofType(deployedResources(template, EVERYTHING_ON), 'AWS::Lambda::Function');

  it('defines the eight functions on nodejs22.x/arm64', () => {
    expect(functions()).toHaveLength(8);
    for (const fn of functions()) {
      expect(fn.properties.Runtime).toBe('nodejs22.x');
      expect(fn.properties.Architectures).toEqual(['arm64']);
      expect(fn.properties.Handler).toBe('index.handler');
      expect(fn.properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('starts recording-upload with its memory-saving NODE_OPTIONS, every other function with source maps only', () => {
    const options = Object.fromEntries(
      functions().map((fn) => {
        const variables = (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
        return [String(variables.POWERTOOLS_SERVICE_NAME), variables.NODE_OPTIONS];
      }),
    );
    expect(options['recording-upload']).toBe(RECORDING_UPLOAD_NODE_OPTIONS.join(' '));
    expect(options['recording-upload']).toContain('--max-semi-space-size=1');
    const others = Object.entries(options).filter(([name]) => name !== 'recording-upload');
    expect(others).toHaveLength(7);
    for (const [, value] of others) expect(value).toBe(DEFAULT_NODE_OPTIONS.join(' '));
  });

  it('sets the log level from LambdaLoggingLevel through the Powertools mapping', () => {
    const mapping = (template.Mappings as Record<string, Record<string, { Level: string }>>)
      .PowertoolsLogLevel;
    expect(mapping.WARNING.Level).toBe('WARN');
    for (const fn of functions()) {
      const variables = (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.POWERTOOLS_LOG_LEVEL).toEqual({
        'Fn::FindInMap': ['PowertoolsLogLevel', { Ref: 'LambdaLoggingLevel' }, 'Level'],
      });
    }
  });

  it('puts every function in the VPC when PrivateVpcEnabled, none otherwise', () => {
    const vpc = {
      ...EVERYTHING_ON,
      PrivateVpcEnabled: 'true',
      VpcSubnetList: ['subnet-0a', 'subnet-0b'],
      VpcSecurityGroupList: ['sg-0a'],
    };
    const inVpc = ofType(deployedResources(template, vpc), 'AWS::Lambda::Function');
    expect(inVpc).toHaveLength(8);
    for (const fn of inVpc) {
      expect(fn.properties.VpcConfig).toEqual({
        SubnetIds: { Ref: 'VpcSubnetList' },
        SecurityGroupIds: { Ref: 'VpcSecurityGroupList' },
      });
    }
    for (const fn of functions()) expect(fn.properties.VpcConfig).toBeUndefined();
  });

  it('grants the ENI permissions (before the function exists) only in a VPC', () => {
    const eni = (privateVpc: string) =>
      statementsWithAction(
        allStatements(deployedResources(template, { ...EVERYTHING_ON, PrivateVpcEnabled: privateVpc })),
        'ec2:',
      );
    expect(eni('true')).toHaveLength(8);
    expect(eni('false')).toHaveLength(0);
  });

  it('bundles ESM with the createRequire banner and source maps', () => {
    const assetDirs = readdirSync(synthesized.outdir).filter((d) => d.startsWith('asset.'));
    const bundles = assetDirs.filter((d) => existsSync(join(synthesized.outdir, d, 'index.mjs')));
    expect(bundles.length).toBeGreaterThanOrEqual(1);
    for (const dir of bundles) {
      const code = readFileSync(join(synthesized.outdir, dir, 'index.mjs'), 'utf8');
      expect(
        code.startsWith(
          "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ),
      ).toBe(true);
      expect(existsSync(join(synthesized.outdir, dir, 'index.mjs.map'))).toBe(true);
    }
  });

  it('loads every synthesized bundle under Node 22 with its template environment and NODE_OPTIONS', async () => {
    const deployed = deployedResources(template, { ...EVERYTHING_ON, ...BUCKET_KEYS });
    const functions = ofType(deployed, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(FUNCTION_FOLDERS.length);
    const loads = functions.map(async (fn) => {
      const key = String((fn.properties.Code as { S3Key: unknown }).S3Key);
      const bundle = join(synthesized.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      const variables = (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const environment = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, concrete(value)]),
      );
      const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(3); }`;
      const result = await execFileAsync(node22(), ['--input-type=module', '-e', script], {
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-2',
          AWS_LAMBDA_FUNCTION_NAME: environment.POWERTOOLS_SERVICE_NAME,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.properties.MemorySize),
          ...environment,
        },
        timeout: 60_000,
      }).then(
        () => 'loaded',
        (error: Error & { stderr?: string }) => `failed: ${error.stderr ?? error.message}`,
      );
      return [environment.POWERTOOLS_SERVICE_NAME, result];
    });
    const results = Object.fromEntries(await Promise.all(loads));
    expect(results).toEqual(Object.fromEntries(FUNCTION_FOLDERS.map((folder) => [folder, 'loaded'])));
  });

  it('never grants a service-wide action or an unscoped data action', () => {
    for (const statement of allStatements(deployedResources(template, EVERYTHING_ON))) {
      for (const action of actionsOf(statement)) {
        expect(action).not.toMatch(/^\*$|:\*$/);
        if (
          /^(s3|secretsmanager|sqs|states|lambda|kms|kinesis):/.test(action) &&
          action !== 'kinesis:ListStreams'
        ) {
          expect(resourcesOf(statement), `${action} on *`).not.toContain('*');
        }
      }
    }
  });

  it('lets the transcript import read only the prefix the ASL has Transcribe write under', () => {
    const statements = allStatements(deployedResources(template, EVERYTHING_ON)).filter((s) =>
      JSON.stringify(s.Resource).includes('TranscribeOutputS3BucketName'),
    );
    const reads = statements.filter((s) => actionsOf(s).includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    const outputKey = /"OutputKey\.\$":\s*"States\.Format\('([^'{]*\/)/.exec(
      readFileSync(POST_CALL_ASL_PATH, 'utf8'),
    );
    expect(outputKey, 'the ASL writes transcripts under a fixed prefix').not.toBeNull();
    expect(JSON.stringify(reads[0].Resource)).toContain(`/${outputKey?.[1]}*`);
  });

  it.each([
    ['transcript-import', 'comprehend'],
    ['realtime-queue-metrics', 'connect'],
    ['contact-lens-import', 'connect'],
  ])('grants functions/%s exactly the %s actions its code sends', (folder, service) => {
    const sources = readdirSync(join(REPO_ROOT, 'functions', folder))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(REPO_ROOT, 'functions', folder, f), 'utf8'))
      .join('\n');
    const sdk = service === 'comprehend' ? 'client-comprehend' : 'client-connect';
    // The commands imported from the service's client are the calls the code can make.
    const imports = [
      ...sources.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'@aws-sdk/${sdk}'`, 'g')),
    ];
    expect(imports.length, `functions/${folder} imports @aws-sdk/${sdk}`).toBeGreaterThan(0);
    const called = [
      ...new Set(
        imports.flatMap((m) =>
          [...m[1].matchAll(/\b([A-Z][A-Za-z]+)Command\b/g)].map((c) => `${service}:${c[1]}`),
        ),
      ),
    ].sort();
    const deployed = deployedResources(template, EVERYTHING_ON);
    const fn = ofType(deployed, 'AWS::Lambda::Function').find(
      (f) =>
        (f.properties.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === folder,
    );
    if (!fn) throw new Error(`no function for ${folder}`);
    const granted = [
      ...new Set(
        statementsOfRole(deployed, roleIdOf(fn.properties.Role))
          .flatMap(actionsOf)
          .filter((a) => a.startsWith(`${service}:`)),
      ),
    ].sort();
    expect(granted).toEqual(called);
  });

  it('reads only the credentials secret, and writes the shared token back to it only', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    const secretStatements = statementsWithAction(allStatements(deployed), 'secretsmanager:');
    expect(secretStatements).toHaveLength(14);
    for (const statement of secretStatements) {
      expect(statement.Resource).toEqual({ Ref: 'SalesforceCredentialsSecretsManagerARN' });
    }
    const byAction = (action: string) => secretStatements.filter((s) => actionsOf(s).includes(action));
    expect(byAction('secretsmanager:GetSecretValue')).toHaveLength(7);
    expect(byAction('secretsmanager:PutSecretValue')).toHaveLength(7);
    for (const statement of secretStatements) expect(actionsOf(statement)).toHaveLength(1);
    // Every function that talks to Salesforce (all but the trigger), and they alone.
    for (const fn of ofType(deployed, 'AWS::Lambda::Function')) {
      const variables = (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const actions = statementsOfRole(deployed, roleIdOf(fn.properties.Role)).flatMap(actionsOf);
      const talksToSalesforce = 'SF_CREDENTIALS_SECRETS_MANAGER_ARN' in variables;
      expect(
        actions.includes('secretsmanager:PutSecretValue'),
        String(variables.POWERTOOLS_SERVICE_NAME),
      ).toBe(talksToSalesforce);
      if (talksToSalesforce) expect(variables.SF_SHARE_AUTH_TOKEN).toBe('true');
    }
  });

  it('drops the token write-back (and its KMS grant) with SalesforceShareAuthToken=false', () => {
    const deployed = deployedResources(template, { ...EVERYTHING_ON, SalesforceShareAuthToken: 'False' });
    const statements = allStatements(deployed);
    expect(statementsWithAction(statements, 'secretsmanager:PutSecretValue')).toHaveLength(0);
    expect(
      statementsWithAction(statements, 'kms:GenerateDataKey').filter((s) =>
        JSON.stringify(s.Resource).includes('SalesforceCredentialsKMSKeyARN'),
      ),
    ).toHaveLength(0);
    for (const fn of ofType(deployed, 'AWS::Lambda::Function')) {
      const variables = (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
      if ('SF_CREDENTIALS_SECRETS_MANAGER_ARN' in variables)
        expect(variables.SF_SHARE_AUTH_TOKEN).toBe('false');
    }
  });

  it('uses the secret key only through Secrets Manager for this secret: Decrypt, and GenerateDataKey to write', () => {
    const keyStatements = (overrides: Record<string, string>) =>
      allStatements(deployedResources(template, { ...EVERYTHING_ON, ...overrides })).filter((s) =>
        JSON.stringify(s.Resource).includes('SalesforceCredentialsKMSKeyARN'),
      );
    const statements = keyStatements({});
    expect(statements.flatMap(actionsOf).sort()).toEqual(
      [...Array(7).fill('kms:Decrypt'), ...Array(7).fill('kms:GenerateDataKey')].sort(),
    );
    for (const statement of statements) {
      expect(statement.Resource).toEqual({ Ref: 'SalesforceCredentialsKMSKeyARN' });
      expect(statement.Condition).toEqual({
        StringEquals: {
          'kms:ViaService': {
            'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
          },
          'kms:EncryptionContext:SecretARN': { Ref: 'SalesforceCredentialsSecretsManagerARN' },
        },
      });
    }
    // PutSecretValue with a customer key needs GenerateDataKey (and Decrypt), never kms:Encrypt.
    expect(allStatements(deployedResources(template, EVERYTHING_ON)).flatMap(actionsOf)).not.toContain(
      'kms:Encrypt',
    );
    expect(keyStatements({ SalesforceCredentialsKMSKeyARN: '' })).toHaveLength(0);
  });
});

/** Parameter values of a complete deployment with bucket keys, for resolving template values. */
const VALUES: Record<string, string> = { ...EVERYTHING_ON, ...BUCKET_KEYS };
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-2',
  'AWS::AccountId': '123456789012',
};
/** A template value with Ref, Fn::Join and Fn::GetAtt resolved for VALUES and the parameter defaults. */
const concrete = (value: unknown, values: Record<string, string> = VALUES): string => {
  if (typeof value === 'string') return value;
  const ref = (value as { Ref?: string }).Ref;
  if (ref !== undefined) {
    const param = (template.Parameters as Record<string, Param>)[ref];
    const resolved = values[ref] ?? PSEUDO[ref] ?? (param ? String(param.Default ?? '') : undefined);
    // A resource of the stack itself: its logical id.
    return resolved ?? `<${ref}>`;
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const findInMap = (value as { 'Fn::FindInMap'?: [string, unknown, string] })['Fn::FindInMap'];
  if (findInMap) {
    const mappings = template.Mappings as Record<string, Record<string, Record<string, string>>>;
    return mappings[findInMap[0]][concrete(findInMap[1], values)][findInMap[2]];
  }
  const getAtt = (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
  // Only functions' ARNs are read this way (DefinitionSubstitutions).
  if (getAtt) return `arn:aws:lambda:eu-west-2:123456789012:function:${getAtt[0]}`;
  if (join) return join[1].map((part) => concrete(part, values)).join(join[0]);
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
};

describe('S3 reads on AWS semantics', () => {
  const roleOfFolder = (deployed: DeployedResource[], folder: string): string => {
    const fn = ofType(deployed, 'AWS::Lambda::Function').find(
      (f) =>
        (f.properties.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === folder,
    );
    if (!fn) throw new Error(`no function for ${folder}`);
    return roleIdOf(fn.properties.Role);
  };

  it.each([...FUNCTION_FOLDERS])(
    'functions/%s: every object it may read can be listed, so a missing key answers NoSuchKey, not AccessDenied',
    (folder) => {
      const deployed = deployedResources(template, VALUES);
      const statements = statementsOfRole(deployed, roleOfFolder(deployed, folder));
      const reads = statements.filter((s) => actionsOf(s).includes('s3:GetObject'));
      const readers = readsS3Objects(folder);
      if (readers.length === 0) {
        expect(reads, `functions/${folder} reads no S3 object`).toEqual([]);
        return;
      }
      expect(reads.length, `${readers.join(', ')} read S3 objects: a GetObject grant`).toBeGreaterThan(0);
      const listings = statements.filter((s) => actionsOf(s).includes('s3:ListBucket'));
      for (const objectArn of reads.flatMap(resourcesOf).map((v) => concrete(v))) {
        const match = /^arn:aws:s3:::([^/]+)\/(.*)\*$/.exec(objectArn);
        expect(match, `${objectArn} is a prefix of one bucket`).not.toBeNull();
        const [, bucket, prefix] = match as RegExpExecArray;
        const listing = listings.find(
          (s) =>
            resourcesOf(s)
              .map((v) => concrete(v))
              .includes(`arn:aws:s3:::${bucket}`) &&
            ([] as unknown[])
              .concat((s.Condition?.StringLike as Record<string, unknown>)?.['s3:prefix'] ?? [])
              .map((v) => concrete(v))
              .includes(`${prefix}*`),
        );
        expect(listing, `s3:ListBucket on ${bucket} with s3:prefix ${prefix}* (${folder})`).toBeDefined();
      }
      // Listing is granted for what is read and nothing more.
      const readPrefixes = reads
        .flatMap(resourcesOf)
        .map((v) => concrete(v))
        .map((arn) => arn.replace(/^arn:aws:s3:::[^/]+\//, ''));
      for (const listing of listings) {
        const prefixes = ([] as unknown[])
          .concat((listing.Condition?.StringLike as Record<string, unknown>)?.['s3:prefix'] ?? [])
          .map((v) => concrete(v));
        expect(prefixes.length).toBeGreaterThan(0);
        for (const prefix of prefixes) expect(readPrefixes).toContain(prefix);
      }
    },
  );

  it('limits recording reads (upload and Transcribe) to ConnectRecordingS3KeyPrefix', () => {
    const values = { ...VALUES, ConnectRecordingS3KeyPrefix: 'connect/acme/CallRecordings/' };
    const deployed = deployedResources(template, values);
    const upload = statementsOfRole(deployed, roleOfFolder(deployed, 'recording-upload'));
    const machine = ofType(deployed, 'AWS::StepFunctions::StateMachine')[0];
    const machineStatements = statementsOfRole(deployed, roleIdOf(machine.properties.RoleArn));
    for (const statements of [upload, machineStatements]) {
      const recordingReads = statements
        .filter((s) => actionsOf(s).includes('s3:GetObject'))
        .flatMap(resourcesOf)
        .map((r) => concrete(r, values).replace('connect/acme/CallRecordings/', '<prefix>'))
        .filter((arn) => arn.includes(':::connect-recordings/'));
      expect(recordingReads).toEqual(['arn:aws:s3:::connect-recordings/<prefix>*']);
    }
  });

  it('uses bucket keys only through S3 in the stack region (kms:ViaService)', () => {
    const deployed = deployedResources(template, VALUES);
    const bucketKeys = new Set(Object.values(BUCKET_KEYS));
    const keyStatements = allStatements(deployed).filter((s) =>
      resourcesOf(s).some(
        (r) => typeof r === 'object' && 'Ref' in (r as object) && bucketKeys.has(concrete(r)),
      ),
    );
    expect(keyStatements.length).toBeGreaterThanOrEqual(5);
    for (const statement of keyStatements) {
      expect(statement.Condition?.StringEquals, JSON.stringify(statement)).toMatchObject({
        'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
      });
    }
  });

  it('limits Transcribe to transcription jobs of the account and region', () => {
    const deployed = deployedResources(template, VALUES);
    const transcribe = allStatements(deployed).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('transcribe:')),
    );
    expect(transcribe.length).toBe(2);
    for (const statement of transcribe) {
      expect(resourcesOf(statement).map((v) => concrete(v))).toEqual([
        'arn:aws:transcribe:eu-west-2:123456789012:transcription-job/*',
      ]);
    }
  });
});

describe('post-call state machine', () => {
  const machine = () =>
    ofType(deployedResources(template, EVERYTHING_ON), 'AWS::StepFunctions::StateMachine')[0];
  const asl = () => readFileSync(POST_CALL_ASL_PATH, 'utf8');

  it('is the ASL file, inline, with every placeholder substituted', () => {
    const properties = machine().properties;
    expect(properties.DefinitionString).toBe(asl());
    const substitutions = properties.DefinitionSubstitutions as Record<string, unknown>;
    const placeholders = [...asl().matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
    expect(placeholders.length).toBeGreaterThan(0);
    for (const name of placeholders) {
      expect(substitutions, `\${${name}}`).toHaveProperty(name);
      expect(JSON.stringify(substitutions[name])).not.toContain('${');
    }
  });

  it('keeps the ASL rules on AWS: Lambda service errors retried, task timeouts, poll budgets in the execution timeout', () => {
    const properties = machine().properties;
    const substitutions = properties.DefinitionSubstitutions as Record<string, unknown>;
    const resources = template.Resources as Record<
      string,
      { Type: string; Properties: { Timeout?: number } }
    >;
    const functionTimeouts: Record<string, number> = {};
    const substitutionMaxima: Record<string, number> = {};
    for (const [name, value] of Object.entries(substitutions)) {
      const fn = /^(.+)FunctionArn$/.exec(name);
      const getAtt = (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
      if (fn && getAtt) functionTimeouts[fn[1]] = Number(resources[getAtt[0]].Properties.Timeout);
      const ref = (value as { Ref?: string }).Ref;
      const max = ref ? parameter(ref)?.MaxValue : undefined;
      if (max !== undefined) substitutionMaxima[name] = max;
    }
    expect(Object.keys(functionTimeouts).length).toBeGreaterThan(0);
    expect(substitutionMaxima).toHaveProperty('TranscriptionJobCheckWaitTime');
    expect(checkAslRules(JSON.parse(asl()), { functionTimeouts, substitutionMaxima })).toEqual([]);
  });

  it("passes AWS Toolkit's ASL language service and statelint with the stack's substitutions filled: 0 diagnostics", async () => {
    const substitutions = machine().properties.DefinitionSubstitutions as Record<string, unknown>;
    const filled = fillSubstitutions(
      asl(),
      Object.fromEntries(Object.entries(substitutions).map(([name, value]) => [name, concrete(value)])),
    );
    expect(filled).not.toContain('${');
    expect(await aslServiceDiagnostics(filled)).toEqual([]);
    expect(statelintProblems(filled)).toEqual([]);
    // Both validators do find problems: a state without Next or End.
    const broken = JSON.parse(filled);
    delete broken.States['Contact trace record refreshed'].End;
    const brokenText = JSON.stringify(broken, null, 2);
    expect((await aslServiceDiagnostics(brokenText)).length).toBeGreaterThan(0);
    expect(statelintProblems(brokenText).length).toBeGreaterThan(0);
  });

  it('logs ERROR without execution data and traces with X-Ray', () => {
    const properties = machine().properties;
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.StateMachineType).toBe('STANDARD');
  });

  it('has a role allowed exactly what the ASL calls', () => {
    const deployed = deployedResources(template, { ...EVERYTHING_ON, ...BUCKET_KEYS });
    const properties = machine().properties;
    const substitutions = properties.DefinitionSubstitutions as Record<string, unknown>;
    const statements = statementsOfRole(deployed, roleIdOf(properties.RoleArn));

    // What the ASL calls, read straight from the file.
    const expected = new Map<string, Set<string>>(); // action → resources (JSON)
    const allow = (action: string, resource: unknown) => {
      const set = expected.get(action) ?? new Set<string>();
      set.add(JSON.stringify(resource));
      expected.set(action, set);
    };
    const visit = (states: Record<string, Record<string, unknown>>) => {
      for (const state of Object.values(states)) {
        if (state.Type === 'Task') {
          const resource = String(state.Resource);
          const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
          const functionRef = /^arn:aws:states:::lambda:invoke/.test(resource)
            ? parameters.FunctionName
            : resource;
          const sub = /^\$\{(\w+)\}$/.exec(String(functionRef));
          const sdk = /^arn:aws:states:::aws-sdk:(\w+):(\w+)$/.exec(resource);
          if (sub) {
            allow('lambda:InvokeFunction', substitutions[sub[1]]);
          } else if (sdk) {
            const iamAction =
              sdk[2] === 'listObjectsV2' ? 'ListBucket' : sdk[2] === 'headObject' ? 'GetObject' : sdk[2];
            allow(`${sdk[1]}:${iamAction[0].toUpperCase()}${iamAction.slice(1)}`, '*any*');
            if (sdk[1] === 'transcribe' && sdk[2] === 'startTranscriptionJob') {
              allow('s3:GetObject', '*any*'); // Transcribe reads the media with the caller's rights
              allow('s3:PutObject', '*any*'); // and writes the transcript with them
            }
          } else {
            throw new Error(`test does not know Task resource ${resource}`);
          }
        }
        for (const branch of (state.Branches ?? []) as Array<{
          States: Record<string, Record<string, unknown>>;
        }>) {
          visit(branch.States);
        }
        const iterator = (state.ItemProcessor ?? state.Iterator) as
          | { States: Record<string, Record<string, unknown>> }
          | undefined;
        if (iterator) visit(iterator.States);
      }
    };
    visit(JSON.parse(asl()).States);

    // Reading or writing SSE-KMS buckets needs their keys (only the bucket-key parameters).
    const touchesS3 = [...expected.keys()].some((a) => a.startsWith('s3:'));
    if (touchesS3) {
      for (const key of Object.keys(BUCKET_KEYS)) {
        allow('kms:Decrypt', { Ref: key });
        allow('kms:GenerateDataKey', { Ref: key });
      }
    }
    // Step Functions' own logging and tracing.
    const SERVICE =
      /^(logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets))$/;
    const granted = new Map<string, Set<string>>();
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actionsOf(statement)) {
        if (SERVICE.test(action)) continue;
        // Nothing beyond what the ASL calls.
        expect([...expected.keys()], `role grants ${action}, which the ASL never calls`).toContain(action);
        const set = granted.get(action) ?? new Set<string>();
        for (const resource of resourcesOf(statement)) set.add(JSON.stringify(resource));
        granted.set(action, set);
      }
    }
    // Everything the ASL calls, on exactly the functions it names.
    for (const [action, resources] of expected) {
      expect(granted.has(action), `the ASL calls ${action} but the role does not allow it`).toBe(true);
      if (action === 'lambda:InvokeFunction') expect(granted.get(action)).toEqual(resources);
    }
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
      for (const resource of granted.get(action) ?? []) {
        expect(expected.get(action), `${action} on ${resource}`).toContain(resource);
      }
    }
  });
});

describe('contact-record trigger', () => {
  it('maps the stream with the parameters, partial batch responses, bisect and the DLQ', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    const [mapping] = ofType(deployed, 'AWS::Lambda::EventSourceMapping');
    const queues = ofType(deployed, 'AWS::SQS::Queue').filter((q) =>
      JSON.stringify(mapping.properties.DestinationConfig).includes(`"${q.logicalId}"`),
    );
    expect(queues).toHaveLength(1);
    expect(mapping.properties).toMatchObject({
      EventSourceArn: { Ref: 'CTRKinesisARN' },
      BatchSize: { Ref: 'CTREventSourceMappingBatchSize' },
      MaximumRetryAttempts: { Ref: 'CTREventSourceMappingMaximumRetryAttempts' },
      // Given up (on-failure record) while the stream's default 24 h retention still holds the records.
      MaximumRecordAgeInSeconds: 21600,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'LATEST',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queues[0].logicalId, 'Arn'] } } },
    });
    expect(queues[0].properties.SqsManagedSseEnabled).toBe(true);
  });

  it('lets the trigger start and describe executions of the post-call machine only, and park records', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    const trigger = ofType(deployed, 'AWS::Lambda::Function').find((f) =>
      JSON.stringify(f.properties.Environment).includes('CTR_DLQ_URL'),
    );
    expect(trigger).toBeDefined();
    const statements = statementsOfRole(deployed, roleIdOf(trigger?.properties.Role));
    const actions = statements.flatMap(actionsOf).sort();
    expect(actions).toEqual(
      [
        'dynamodb:GetItem',
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kinesis:ListShards',
        'kinesis:ListStreams',
        'kinesis:SubscribeToShard',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:PutObject',
        'sqs:SendMessage',
        'states:DescribeExecution',
        'states:StartExecution',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    const start = statements.find((s) => actionsOf(s).includes('states:StartExecution'));
    const machineId = ofType(deployed, 'AWS::StepFunctions::StateMachine')[0].logicalId;
    expect(start?.Resource).toEqual({ Ref: machineId });
  });

  it('keeps large payloads in an encrypted, private, TLS-only bucket that expires them; the trigger writes two prefixes, the import reads one', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    const [bucket] = ofType(deployed, 'AWS::S3::Bucket');
    expect(ofType(deployed, 'AWS::S3::Bucket')).toHaveLength(1);
    expect(bucket?.properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const lifecycle = bucket?.properties.LifecycleConfiguration as
      | { Rules: Array<Record<string, unknown>> }
      | undefined;
    const rules = lifecycle?.Rules ?? [];
    expect(rules.map((rule) => [rule.Prefix, rule.ExpirationInDays, rule.Status])).toEqual([
      ['execution-input/', 30, 'Enabled'],
      ['dead-letters/', 30, 'Enabled'],
    ]);
    // Longer than an execution (96 h) plus Step Functions' 14-day redrive window, and the queue's 14 days.
    expect(Math.min(...rules.map((rule) => Number(rule.ExpirationInDays)))).toBeGreaterThan(4 + 14);
    const [policy] = ofType(deployed, 'AWS::S3::BucketPolicy');
    expect(JSON.stringify(policy?.properties)).toContain('"aws:SecureTransport":"false"');

    const byEnvironment = (variable: string) =>
      ofType(deployed, 'AWS::Lambda::Function').filter((f) =>
        JSON.stringify(f.properties.Environment).includes(variable),
      );
    const s3StatementsOf = (fn: { properties: Record<string, unknown> } | undefined) =>
      statementsOfRole(deployed, roleIdOf(fn?.properties.Role)).filter((s) =>
        actionsOf(s).some((action) => action.startsWith('s3:')),
      );
    const [trigger] = byEnvironment('CTR_DLQ_URL');
    expect(byEnvironment('CONTACT_PAYLOAD_BUCKET')).toEqual([trigger]);
    expect(
      s3StatementsOf(trigger).flatMap((s) =>
        actionsOf(s).map((a) => [a, resourcesOf(s).map((r) => concrete(r))]),
      ),
    ).toEqual([
      [
        's3:PutObject',
        [
          `arn:aws:s3:::<${bucket?.logicalId}>/execution-input/*`,
          `arn:aws:s3:::<${bucket?.logicalId}>/dead-letters/*`,
        ],
      ],
    ]);
    const importer = ofType(deployed, 'AWS::Lambda::Function').find(
      (f) =>
        (f.properties.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === 'contact-import',
    );
    const reads = s3StatementsOf(importer);
    expect(reads.map((s) => [actionsOf(s), resourcesOf(s).map((r) => concrete(r))])).toEqual([
      [['s3:GetObject'], [`arn:aws:s3:::<${bucket?.logicalId}>/execution-input/*`]],
      [['s3:ListBucket'], [`arn:aws:s3:::<${bucket?.logicalId}>`]],
    ]);
    const prefixes = ([] as unknown[]).concat(
      (reads[1]?.Condition?.StringLike as Record<string, unknown> | undefined)?.['s3:prefix'] ?? [],
    );
    expect(prefixes.map((prefix) => concrete(prefix))).toEqual(['execution-input/*']);
  });

  it('keeps the contact version fence in an encrypted on-demand table with a TTL; the import claims, the trigger reads', () => {
    const deployed = deployedResources(template, EVERYTHING_ON);
    const [table] = ofType(deployed, 'AWS::DynamoDB::Table');
    expect(table?.properties).toMatchObject({
      KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    const tableArn = { 'Fn::GetAtt': [table?.logicalId, 'Arn'] };
    const byEnvironment = (variable: string) =>
      ofType(deployed, 'AWS::Lambda::Function').filter((f) =>
        JSON.stringify(f.properties.Environment).includes(variable),
      );
    const dynamoStatementsOf = (fn: { properties: Record<string, unknown> } | undefined) =>
      statementsOfRole(deployed, roleIdOf(fn?.properties.Role)).filter((s) =>
        actionsOf(s).some((action) => action.startsWith('dynamodb:')),
      );
    const [trigger] = byEnvironment('CTR_DLQ_URL');
    const readers = byEnvironment('CONTACT_VERSION_TABLE');
    expect(readers).toHaveLength(2);
    const importer = readers.find((f) => f !== trigger);
    expect(dynamoStatementsOf(importer).map((s) => [actionsOf(s).sort(), s.Resource])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:UpdateItem'], tableArn],
    ]);
    expect(dynamoStatementsOf(trigger).map((s) => [actionsOf(s), s.Resource])).toEqual([
      [['dynamodb:GetItem'], tableArn],
    ]);
  });
});

describe('alarms and outputs', () => {
  it('alarms on failed executions, DLQ depth, trigger errors and iterator age, notifying the topic when set', () => {
    const alarms = ofType(
      deployedResources(template, { AlarmNotificationTopicARN: 'arn:aws:sns:eu-west-2:123456789012:ops' }),
      'AWS::CloudWatch::Alarm',
    );
    const metrics = alarms.map((a) => a.properties.MetricName);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'ExecutionsFailed',
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'IteratorAge',
      ]),
    );
    for (const alarm of alarms)
      expect(alarm.properties.AlarmActions).toEqual([{ Ref: 'AlarmNotificationTopicARN' }]);
    for (const alarm of ofType(deployedResources(template), 'AWS::CloudWatch::Alarm')) {
      expect(alarm.properties.AlarmActions).toBeUndefined();
    }
  });

  it('outputs the sfInvokeAPI ARN, the state machine ARN and the DLQ URL', () => {
    const outputs = template.Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'SfInvokeApiFunctionArn',
        'PostCallStateMachineArn',
        'ContactRecordDeadLetterQueueUrl',
        'ContactPayloadBucketName',
      ]),
    );
  });
});

/**
 * Environment variables: what each function's code reads (handler.ts and every module it imports,
 * shared/ included) against what the deployed template sets, both ways.
 */
describe('function environment', () => {
  /** Read by the code, deliberately not set by the stack (the code's default is right). */
  const UNSET_ON_PURPOSE = new Set([
    'AWS_REGION', // set by the Lambda runtime
    'AWS_DEFAULT_REGION',
    'AWS_ENDPOINT_URL_S3', // local runs (s3rver) only
    'AWS_ENDPOINT_URL_DYNAMODB', // local runs (dynalite) only
    'SF_LOGIN_HOST', // login.salesforce.com in production, the My Domain host otherwise
    'SF_JWT_AUDIENCE', // defaults to the login host
    'SF_REQUEST_TIMEOUT_MS', // client default 10 s; sfInvokeAPI sizes it to its deadline when unset
    'SF_CREDENTIALS_FILE', // workstation runs against an org (npm run invoke, npm run test:org), never deployed
    'CTR_TRIGGER_MAX_CONCURRENCY', // the trigger's validated default (25) fits the SDK socket pool
  ]);
  /** Set by the stack for the runtime and Powertools rather than read by our code. */
  const RUNTIME = new Set(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL']);

  const withoutComments = (source: string) =>
    source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

  /** handler.ts and every module it imports (relative imports, transitively). */
  function importClosure(entry: string): string[] {
    const seen = new Set<string>();
    const pending = [entry];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = join(file, '..', match[1]).replace(/\.js$/, '.ts');
        pending.push(existsSync(target) ? target : join(file, '..', match[1], 'index.ts'));
      }
    }
    return [...seen];
  }

  function variablesRead(folder: string): { read: Set<string>; mentioned: string } {
    const sources = importClosure(join(REPO_ROOT, 'functions', folder, 'handler.ts')).map((f) =>
      withoutComments(readFileSync(f, 'utf8')),
    );
    const read = new Set<string>();
    // Variable names declared as constants (`export const X_ENV = 'NAME'`) and read through them.
    const constants = new Map<string, string>();
    for (const source of sources) {
      for (const m of source.matchAll(/\bconst ([A-Z][A-Z0-9_]*_ENV) = '([A-Z][A-Z0-9_]+)'/g))
        constants.set(m[1], m[2]);
    }
    const constantReads = [
      /\b(?:requireEnv|optionalEnv|readBooleanEnv|readIntegerEnv|readEnumEnv)\(\s*([A-Z][A-Z0-9_]*_ENV)\b/g,
      /\benv\[\s*([A-Z][A-Z0-9_]*_ENV)\s*\]/g,
    ];
    for (const source of sources) {
      for (const pattern of constantReads) {
        for (const m of source.matchAll(pattern)) {
          const name = constants.get(m[1]);
          if (name !== undefined) read.add(name);
        }
      }
    }
    const patterns = [
      /\benv\.([A-Z][A-Z0-9_]+)\b/g,
      /\benv\[\s*'([A-Z][A-Z0-9_]+)'\s*\]/g,
      /\b(?:requireEnv|optionalEnv|readBooleanEnv|readIntegerEnv|readEnumEnv|integerSetting)\(\s*(?:env\s*,\s*)?'([A-Z][A-Z0-9_]+)'/g,
    ];
    for (const source of sources) {
      for (const pattern of patterns) for (const m of source.matchAll(pattern)) read.add(m[1]);
    }
    return { read, mentioned: sources.join('\n') };
  }

  const variablesOf = (folder: string, overrides: Record<string, string> = {}) => {
    const fn = ofType(
      deployedResources(template, { ...EVERYTHING_ON, ...overrides }),
      'AWS::Lambda::Function',
    ).find(
      (f) =>
        (f.properties.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === folder,
    );
    if (!fn) throw new Error(`no function for ${folder}`);
    return (fn.properties.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  it.each(FUNCTION_FOLDERS)(
    'functions/%s: every variable its code reads is set (or unset on purpose)',
    (folder) => {
      const { read } = variablesRead(folder);
      expect(read.size, `found no environment reads for ${folder}`).toBeGreaterThan(0);
      const set = Object.keys(variablesOf(folder));
      const missing = [...read].filter((v) => !set.includes(v) && !UNSET_ON_PURPOSE.has(v));
      expect(missing, `read by functions/${folder} but not set by the stack`).toEqual([]);
    },
  );

  it.each(FUNCTION_FOLDERS)('functions/%s: every variable the stack sets is one its code reads', (folder) => {
    const { mentioned } = variablesRead(folder);
    const unused = Object.keys(variablesOf(folder)).filter(
      (v) => !RUNTIME.has(v) && !new RegExp(`\\b${v}\\b`).test(mentioned),
    );
    expect(unused, `set on functions/${folder} but never read (misnamed?)`).toEqual([]);
  });

  it('feeds each variable from its parameter', () => {
    const ref = (name: string) => ({ Ref: name });
    expect(variablesOf('invoke-api')).toMatchObject({
      SF_INVOKE_API_TIMEOUT_MS: ref('SfInvokeApiTimeout'),
      SF_PHONE_DEFAULT_REGION: ref('SfPhoneDefaultRegion'),
      SF_INVOKE_API_MAX_RECORDS: '1000',
      SF_HOST: ref('SalesforceHost'),
      SF_VERSION: ref('SalesforceVersion'),
      SF_USERNAME: ref('SalesforceUsername'),
      SF_AUTH_MODE: ref('SalesforceAuthMode'),
      SF_CREDENTIALS_SECRETS_MANAGER_ARN: ref('SalesforceCredentialsSecretsManagerARN'),
      SF_ADAPTER_NAMESPACE: ref('SalesforceAdapterNamespace'),
      SF_PRODUCTION: 'true',
    });
    // Left to the function, which sizes it to SF_INVOKE_API_TIMEOUT_MS.
    expect(variablesOf('invoke-api')).not.toHaveProperty('SF_REQUEST_TIMEOUT_MS');
    expect(variablesOf('invoke-api', { SalesforceProduction: 'False' }).SF_PRODUCTION).toBe('false');
    for (const folder of ['historical-report-import', 'realtime-queue-metrics']) {
      expect(variablesOf(folder)).toMatchObject({
        SF_COLLECTIONS_PER_REQUEST: ref('SalesforceCollectionsPerRequest'),
        GLOBAL_ANALYTICS_ENABLED: 'false',
      });
      expect(variablesOf(folder, { GlobalAnalyticsEnabled: 'True' }).GLOBAL_ANALYTICS_ENABLED).toBe('true');
    }
    expect(variablesOf('historical-report-import')).toMatchObject({
      CONNECT_REPORTING_BUCKET: ref('ConnectReportingS3BucketName'),
      HISTORICAL_QUEUE_REPORT_PREFIXES: ref('HistoricalQueueReportPrefix'),
      HISTORICAL_AGENT_REPORT_PREFIXES: ref('HistoricalAgentReportPrefix'),
    });
    expect(variablesOf('realtime-queue-metrics')).toMatchObject({
      AMAZON_CONNECT_INSTANCE_ID: ref('AmazonConnectInstanceId'),
      AMAZON_CONNECT_QUEUE_MAX_RECORDS: ref('AmazonConnectQueueMaxRecords'),
      AMAZON_CONNECT_QUEUE_METRICS_MAX_RECORDS: ref('AmazonConnectQueueMetricsMaxRecords'),
      REALTIME_REFRESHES_PER_INVOCATION: '4',
      REALTIME_REFRESH_INTERVAL_SECONDS: '15',
    });
    expect(variablesOf('contact-import').AMAZON_CONNECT_INSTANCE_ID).toEqual(ref('AmazonConnectInstanceId'));
    expect(variablesOf('contact-lens-import')).toMatchObject({
      AMAZON_CONNECT_INSTANCE_ID: ref('AmazonConnectInstanceId'),
      CONTACT_LENS_IMPORT_ENABLED: 'true',
    });
  });

  /** Variables the Lambda runtime provides itself (a required one need not be set by the stack). */
  const PROVIDED_BY_RUNTIME = new Set(['AWS_REGION']);

  /** The folder's `read<X>Settings(env)` and `<X>_ENV_VARS`, from its settings module. */
  async function settingsOf(folder: string) {
    const module = (await import(`../../functions/${folder}/settings.ts`)) as Record<string, unknown>;
    const pick = (pattern: RegExp) => Object.entries(module).find(([name]) => pattern.test(name))?.[1];
    return {
      read: pick(/^read[A-Z]\w*Settings$/) as (env: Record<string, string>) => unknown,
      declared: pick(/^[A-Z_]+_ENV_VARS$/) as readonly string[],
    };
  }

  /** Whether the function's code builds the container's Salesforce client (and reads its `SF_*`). */
  const callsSalesforce = (folder: string) =>
    importClosure(join(REPO_ROOT, 'functions', folder, 'handler.ts')).some((file) =>
      file.endsWith(join('shared', 'salesforce', 'from-environment.ts')),
    );

  /**
   * The variables `read` cannot do without: starting from an empty environment, each
   * ConfigurationError names the next one missing, which is then given a placeholder value.
   */
  function requiredBy(read: (env: Record<string, string>) => unknown): string[] {
    const env: Record<string, string> = {};
    for (;;) {
      try {
        read(env);
        return Object.keys(env);
      } catch (error) {
        if (!(error instanceof ConfigurationError) || error.setting in env) throw error;
        env[error.setting] = 'x';
      }
    }
  }

  it.each(FUNCTION_FOLDERS)(
    'functions/%s: every variable the stack sets is one its settings module declares',
    async (folder) => {
      const { declared } = await settingsOf(folder);
      const allowed = new Set([...declared, ...(callsSalesforce(folder) ? SALESFORCE_CLIENT_ENV_VARS : [])]);
      const undeclared = Object.keys(variablesOf(folder)).filter((v) => !RUNTIME.has(v) && !allowed.has(v));
      expect(undeclared, `set on functions/${folder} but not in its settings' *_ENV_VARS`).toEqual([]);
    },
  );

  it.each(FUNCTION_FOLDERS)(
    'functions/%s: every variable its settings require is set by the stack',
    async (folder) => {
      const { read } = await settingsOf(folder);
      const required = [
        ...requiredBy(read),
        ...(callsSalesforce(folder)
          ? [
              ...requiredBy(salesforceSettingsFromEnvironment),
              ...requiredBy(credentialsSettingsFromEnvironment),
            ]
          : []),
      ].filter((v) => !PROVIDED_BY_RUNTIME.has(v));
      if (callsSalesforce(folder)) expect(required).toContain('SF_CREDENTIALS_SECRETS_MANAGER_ARN');
      const set = Object.keys(variablesOf(folder));
      expect(
        required.filter((v) => !set.includes(v)),
        `required by functions/${folder} but not set by the stack`,
      ).toEqual([]);
    },
  );

  it('requiredBy finds what a reader cannot do without', () => {
    expect(requiredBy(salesforceSettingsFromEnvironment).sort()).toEqual([
      'SF_HOST',
      'SF_USERNAME',
      'SF_VERSION',
    ]);
  });
});

describe('asynchronous invocations (EventBridge → Lambda)', () => {
  const deployed = (overrides: Record<string, string> = {}) =>
    deployedResources(template, { ...EVERYTHING_ON, ...overrides });
  const functionId = (resources: DeployedResource[], folder: string) => {
    const fn = ofType(resources, 'AWS::Lambda::Function').find(
      (f) =>
        (f.properties.Environment as { Variables: Record<string, unknown> }).Variables
          .POWERTOOLS_SERVICE_NAME === folder,
    );
    if (!fn) throw new Error(`no function for ${folder}`);
    return fn;
  };
  const invokeConfigOf = (resources: DeployedResource[], folder: string) =>
    ofType(resources, 'AWS::Lambda::EventInvokeConfig').filter(
      (r) =>
        JSON.stringify(r.properties.FunctionName) ===
        JSON.stringify({ Ref: functionId(resources, folder).logicalId }),
    );

  it('never retries a real-time minute (no overlapping refresh loops)', () => {
    const resources = deployed();
    const [config] = invokeConfigOf(resources, 'realtime-queue-metrics');
    expect(config.properties).toMatchObject({
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
    const schedule = ofType(resources, 'AWS::Events::Rule').find((r) => r.properties.ScheduleExpression);
    expect(schedule?.properties.Targets).toMatchObject([
      { RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 } },
    ]);
  });

  it('parks report imports that failed for good in an encrypted queue, with an alarm', () => {
    const resources = deployed();
    const [config] = invokeConfigOf(resources, 'historical-report-import');
    const queueArn = (config.properties.DestinationConfig as { OnFailure: { Destination: unknown } })
      .OnFailure.Destination as { 'Fn::GetAtt': [string, string] };
    const queueId = queueArn['Fn::GetAtt'][0];
    const queue = ofType(resources, 'AWS::SQS::Queue').find((q) => q.logicalId === queueId);
    expect(queue?.properties.SqsManagedSseEnabled).toBe(true);
    expect(config.properties).toMatchObject({ MaximumRetryAttempts: 2, Qualifier: '$LATEST' });
    // Lambda sends the failure record with the function's role: exactly that queue.
    const role = roleIdOf(functionId(resources, 'historical-report-import').properties.Role);
    const sends = statementsOfRole(resources, role).filter((s) => actionsOf(s).includes('sqs:SendMessage'));
    expect(sends.map((s) => s.Resource)).toEqual([queueArn]);
    // Events EventBridge could not deliver go there too, allowed for this rule only.
    const rule = ofType(resources, 'AWS::Events::Rule').find((r) =>
      JSON.stringify(r.properties.EventPattern).includes('aws.s3'),
    );
    expect(rule?.properties.Targets).toMatchObject([{ DeadLetterConfig: { Arn: queueArn } }]);
    const queuePolicy = ofType(resources, 'AWS::SQS::QueuePolicy').find((p) =>
      JSON.stringify(p.properties.Queues).includes(queueId),
    );
    if (!queuePolicy) throw new Error('no policy on the report failure queue');
    const eventsStatement = (
      queuePolicy.properties.PolicyDocument as unknown as { Statement: Statement[] }
    ).Statement.find((s) => JSON.stringify(s).includes('events.amazonaws.com'));
    expect(eventsStatement?.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule?.logicalId, 'Arn'] } },
    });
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').filter((a) =>
      JSON.stringify(a.properties.Dimensions ?? []).includes(queueId),
    );
    expect(alarms).toHaveLength(1);
  });

  it('has no report failure queue, invoke config or alarm when the historical import is off', () => {
    const resources = deployed({ HistoricalReportingImportEnabled: 'false' });
    expect(ofType(resources, 'AWS::SQS::Queue')).toHaveLength(1); // the contact-record DLQ
    expect(() => invokeConfigOf(resources, 'historical-report-import')).not.toThrow();
    expect(invokeConfigOf(resources, 'historical-report-import')).toHaveLength(0);
    expect(invokeConfigOf(resources, 'realtime-queue-metrics')).toHaveLength(1);
  });
});

describe('Salesforce API usage alarms and the operations dashboard', () => {
  const SALESFORCE_SERVICES = [
    'invoke-api',
    'contact-import',
    'recording-upload',
    'transcript-import',
    'contact-lens-import',
    'historical-report-import',
    'realtime-queue-metrics',
  ];

  it('alarms at 80 % and 95 % of the daily API allocation, over every function that calls Salesforce', () => {
    const alarms = ofType(
      deployedResources(template, { AlarmNotificationTopicARN: 'arn:aws:sns:eu-west-2:123456789012:ops' }),
      'AWS::CloudWatch::Alarm',
    ).filter((alarm) => JSON.stringify(alarm.properties).includes('SalesforceDailyApiUsagePercent'));
    expect(alarms.map((alarm) => alarm.properties.Threshold).sort()).toEqual([80, 95]);
    for (const alarm of alarms) {
      expect(alarm.properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(alarm.properties.AlarmActions).toEqual([{ Ref: 'AlarmNotificationTopicARN' }]);
      const queries = alarm.properties.Metrics as Array<{
        Expression?: string;
        MetricStat?: { Metric: { Namespace: string; Dimensions: Array<{ Name: string; Value: string }> } };
      }>;
      expect(queries.find((query) => query.Expression !== undefined)?.Expression).toMatch(/^MAX\(\[/);
      const services = queries
        .filter((query) => query.MetricStat !== undefined)
        .map((query) => {
          expect(query.MetricStat?.Metric.Namespace).toBe('ConnectSalesforcePipeline');
          return query.MetricStat?.Metric.Dimensions.find((d) => d.Name === 'service')?.Value;
        });
      expect(services.sort()).toEqual([...SALESFORCE_SERVICES].sort());
    }
  });

  it('has a dashboard with every panel an on-call admin needs, and its URL as an output', () => {
    const [dashboard] = ofType(deployedResources(template), 'AWS::CloudWatch::Dashboard');
    expect(dashboard).toBeDefined();
    const body = JSON.stringify(dashboard?.properties.DashboardBody);
    for (const expected of [
      'ContactsImported',
      'ExecutionsSucceeded',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'SalesforceApiCalls',
      'SalesforceDailyApiUsagePercent',
      'ApproximateNumberOfMessagesVisible',
      'IteratorAge',
      'p50',
      'p99',
      'InvokeApiErrors',
      'TranscriptsImported',
      'ContactLensImported',
    ]) {
      expect(body, expected).toContain(expected);
    }
    const outputs = template.Outputs as Record<string, { Value: unknown }>;
    const url = JSON.stringify(outputs.OperationsDashboardUrl?.Value);
    expect(url).toContain('#dashboards:name=');
    expect(url).toContain(dashboard?.logicalId);
  });
});
