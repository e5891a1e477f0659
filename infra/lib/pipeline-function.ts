/**
 * One Lambda of the product: `functions/<folder>/handler.ts` bundled locally with esbuild (no
 * Docker) as minified ESM with source maps, on nodejs22.x/arm64, with its own role and log group.
 *
 * Every role starts empty except for writing to its own log group; each function's needs are
 * granted where the function is defined (least privilege, one statement per need).
 *
 * @example
 * ```ts
 * const fn = new PipelineFunction(this, 'InvokeApi', { folder: 'invoke-api', params, timeout: Duration.seconds(8) });
 * fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['...'], resources: ['...'] }));
 * ```
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, type Duration, Fn, Validations } from 'aws-cdk-lib';
import { type CfnRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from './acknowledge.js';
import { DEFAULT_NODE_OPTIONS } from './node-options.js';
import type { StackParameters } from './parameters.js';
import { REPO_ROOT } from './paths.js';

/** Props of {@link PipelineFunction}. */
export interface PipelineFunctionProps {
  /** Folder under functions/: one per deployed function, with its handler.ts. */
  readonly folder: string;
  readonly description: string;
  readonly params: StackParameters;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** `NODE_OPTIONS` flags (default {@link DEFAULT_NODE_OPTIONS}). */
  readonly nodeOptions?: readonly string[];
}

/** esbuild settings shared by every function: ESM for Node 22, source maps without sources. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node20',
  minify: true,
  sourceMap: true,
  // Mappings only: stack traces still name the TypeScript file and line, and the map no longer
  // carries every bundled source (the AWS SDK's included), which Node loads with the bundle under
  // --enable-source-maps: about 6 MB less memory per container.
  sourcesContent: false,
  // The pinned AWS SDK is bundled rather than taken from the runtime, so what the tests ran is
  // exactly what is deployed.
  externalModules: [],
  mainFields: ['module', 'main'],
  // Gives bundled CommonJS code (e.g. aws-xray-sdk-core behind Tracer) a working require().
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/**
 * One deployed function: `functions/<folder>/handler.ts` bundled with esbuild (ESM, source maps,
 * nodejs22.x on arm64), with its own role that may only write its own log group until grants are
 * added, X-Ray tracing and the parameters' log level and retention.
 *
 * @example
 * ```ts
 * const fn = new PipelineFunction(this, 'InvokeApi', { folder: 'invoke-api', description, params, timeout: Duration.seconds(8) });
 * ```
 */
export class PipelineFunction extends Construct {
  /** The folder under functions/: also the `service` dimension of the function's metrics. */
  readonly folder: string;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    const { params } = props;
    this.folder = props.folder;
    const entry = join(REPO_ROOT, 'functions', props.folder, 'handler.ts');
    if (!existsSync(entry)) {
      throw new Error(
        `Lambda entry ${entry} does not exist (every function folder needs functions/${props.folder}/handler.ts exporting handler)`,
      );
    }

    this.logGroup = new LogGroup(this, 'Logs');
    (this.logGroup.node.defaultChild as CfnLogGroup).retentionInDays = params.logRetentionDays.valueAsNumber;

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of functions/${props.folder}`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.logGroupArn}:*`],
      }),
    );

    const logLevel = params.powertoolsLogLevel;
    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize ?? 256,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      bundling: {
        ...BUNDLING,
        externalModules: [...BUNDLING.externalModules],
        mainFields: [...BUNDLING.mainFields],
      },
      environment: {
        NODE_OPTIONS: (props.nodeOptions ?? DEFAULT_NODE_OPTIONS).join(' '),
        POWERTOOLS_SERVICE_NAME: props.folder,
        POWERTOOLS_LOG_LEVEL: logLevel,
        LOG_LEVEL: logLevel,
        ...props.environment,
      },
    });

    // VpcConfig on every function when PrivateVpcEnabled (parameters cannot feed an L2 IVpc).
    const cfnFunction = this.function.node.defaultChild as CfnFunction;
    cfnFunction.addPropertyOverride(
      'VpcConfig',
      Fn.conditionIf(
        params.conditions.privateVpc.logicalId,
        {
          SubnetIds: params.vpcSubnetList.valueAsList,
          SecurityGroupIds: params.vpcSecurityGroupList.valueAsList,
        },
        Aws.NO_VALUE,
      ),
    );
    // Lambda checks the ENI permissions when the function is created in a VPC, so they are an
    // inline policy of the role (created with it, before the function) under the same condition.
    (this.role.node.defaultChild as CfnRole).addPropertyOverride('Policies', [
      Fn.conditionIf(
        params.conditions.privateVpc.logicalId,
        {
          PolicyName: 'VpcNetworkInterfaces',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ManageVpcNetworkInterfaces',
                Effect: 'Allow',
                Action: [
                  'ec2:CreateNetworkInterface',
                  'ec2:DescribeNetworkInterfaces',
                  'ec2:DescribeSubnets',
                  'ec2:DeleteNetworkInterface',
                  'ec2:AssignPrivateIpAddresses',
                  'ec2:UnassignPrivateIpAddresses',
                ],
                Resource: '*',
              },
            ],
          },
        },
        Aws.NO_VALUE,
      ),
    ]);
    acknowledgeWildcards(
      this.role,
      ['*'],
      'Only services without resource-level permissions: X-Ray PutTraceSegments/PutTelemetryRecords (active tracing), and the EC2 network-interface actions Lambda needs in a VPC (as in AWSLambdaVPCAccessExecutionRole, only when PrivateVpcEnabled).',
    );
    acknowledgeWildcards(
      this.role,
      [`${this.logGroup.logGroupArn}:*`],
      'Log streams of the function own log group are created at runtime; nothing outside that log group.',
    );
    for (const id of ['CloudFormation-Validate::F3031', 'CloudFormation-Validate::E1150']) {
      Validations.of(this.function).acknowledge({
        id,
        reason:
          'VpcConfig uses the subnet and security group lists only when PrivateVpcEnabled, and the PrivateVpcNeedsNetwork rule refuses empty lists then.',
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime this product targets and tests (bundles target node20 so they also run locally); move to a newer runtime in a release, not implicitly.',
    });
  }
}
