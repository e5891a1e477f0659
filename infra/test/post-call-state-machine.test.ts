/**
 * The state machine construct on fixture definitions (no bundling: functions are imported by
 * ARN), covering the integrations the real ASL does not use yet: the role must follow the
 * definition, and an unknown integration or placeholder must fail the synth.
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { StackParameters } from '../lib/parameters.js';
import { PostCallStateMachine } from '../lib/post-call-state-machine.js';
import { actionsOf, roleIdOf, type Statement, statementsOfRole } from './iam-statements.js';
import { deployedResources, type TemplateJson } from './template-conditions.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

function build(aslFile: string): { stack: Stack; machine: PostCallStateMachine } {
  const stack = new Stack(new App(), 'Fixture');
  const params = new StackParameters(stack, 'Parameters');
  const fn = (name: string) =>
    LambdaFunction.fromFunctionArn(stack, name, `arn:aws:lambda:eu-west-2:123456789012:function:${name}`);
  const machine = new PostCallStateMachine(stack, 'PostCall', {
    aslPath: fixture(aslFile),
    params,
    functions: { ContactImport: fn('contact-import'), TranscriptImport: fn('transcript-import') },
  });
  return { stack, machine };
}

function synth(stack: Stack): TemplateJson {
  process.env.CDK_VALIDATION = 'false';
  const assembly = (stack.node.root as App).synth();
  return assembly.getStackByName(stack.stackName).template as TemplateJson;
}

const ALL_SET = {
  ConnectRecordingS3BucketName: 'recordings',
  TranscribeOutputS3BucketName: 'transcripts',
  ConnectRecordingS3KMSKeyARN: 'arn:aws:kms:eu-west-2:123456789012:key/abc',
  TranscribeOutputS3KMSKeyARN: 'arn:aws:kms:eu-west-2:123456789012:key/def',
};

describe('state machine role derived from the definition', () => {
  let template: TemplateJson;
  const roleStatements = (overrides: Record<string, string>): Statement[] => {
    const deployed = deployedResources(template, overrides);
    const machine = deployed.find((r) => r.type === 'AWS::StepFunctions::StateMachine');
    return statementsOfRole(deployed, roleIdOf(machine?.properties.RoleArn));
  };
  const find = (statements: Statement[], action: string) =>
    statements.filter((s) => actionsOf(s).includes(action));

  beforeAll(() => {
    template = synth(build('sdk-integrations.asl.json').stack);
  });

  it('invokes exactly the functions the definition names (lambda:invoke and direct ARN)', () => {
    const invoke = find(roleStatements(ALL_SET), 'lambda:InvokeFunction').map((s) => s.Resource);
    expect(invoke.sort()).toEqual([
      'arn:aws:lambda:eu-west-2:123456789012:function:contact-import',
      'arn:aws:lambda:eu-west-2:123456789012:function:transcript-import',
    ]);
  });

  it('lets Transcribe read the recording and write under the fixed output prefix', () => {
    const statements = roleStatements(ALL_SET);
    expect(find(statements, 'transcribe:StartTranscriptionJob')).toHaveLength(1);
    expect(find(statements, 'transcribe:GetTranscriptionJob')).toHaveLength(1);
    const [put] = find(statements, 's3:PutObject');
    expect(JSON.stringify(put.Resource)).toContain('"/transcripts/*"');
    expect(JSON.stringify(put.Resource)).toContain('TranscribeOutputS3BucketName');
    const [read] = find(statements, 's3:GetObject');
    expect(JSON.stringify(read.Resource)).toContain('ConnectRecordingS3BucketName');
    expect(find(statements, 'kms:GenerateDataKey')).toHaveLength(1);
  });

  it('lists the recording bucket only under the literal prefix of the Format expression', () => {
    const [list] = find(roleStatements(ALL_SET), 's3:ListBucket');
    expect(list.Condition).toMatchObject({ StringLike: { 's3:prefix': ['Analysis/Voice/*'] } });
  });

  it('drops the transcription grants when PostcallTranscribeEnabled is false', () => {
    const statements = roleStatements({ ...ALL_SET, PostcallTranscribeEnabled: 'false' });
    expect(find(statements, 'transcribe:StartTranscriptionJob')).toHaveLength(0);
    expect(find(statements, 's3:PutObject')).toHaveLength(0);
    expect(find(statements, 'lambda:InvokeFunction')).toHaveLength(2);
  });

  it('drops the Contact Lens listing with its switch', () => {
    expect(
      find(roleStatements({ ...ALL_SET, ContactLensImportEnabled: 'false' }), 's3:ListBucket'),
    ).toHaveLength(0);
  });

  it('drops bucket grants when the bucket is not named', () => {
    const statements = roleStatements({ ...ALL_SET, ConnectRecordingS3BucketName: '' });
    expect(find(statements, 's3:ListBucket')).toHaveLength(0);
  });

  it('substitutes parameters by name', () => {
    const machine = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(machine?.Properties.DefinitionSubstitutions).toMatchObject({
      ContactLensWaitSeconds: { Ref: 'ContactLensWaitSeconds' },
      TranscribeOutputS3BucketName: { Ref: 'TranscribeOutputS3BucketName' },
      ConnectRecordingS3BucketName: { Ref: 'ConnectRecordingS3BucketName' },
    });
  });
});

describe('definitions the stack cannot serve', () => {
  it('fails on an integration without a known grant, naming the state', () => {
    expect(() => build('unknown-integration.asl.json')).toThrow(/state "Publish".*no permissions known/);
  });

  it('fails on a placeholder it cannot resolve, naming it', () => {
    expect(() => build('unknown-substitution.asl.json')).toThrow(/\$\{NoSuchSetting\}/);
  });
});
