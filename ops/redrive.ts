/**
 * `npm run redrive -- [--since ISO] [--until ISO] [--contact-id ID ...] [--status FAILED,TIMED_OUT,ABORTED]
 *  [--dry-run] [--concurrency N] [--stack-name NAME | --state-machine-arn ARN | --local]`
 * See ops/redrive/redrive-cli.ts and the README's Operations section.
 */
import '../local/start-environment.js';
import '../local/runner/promise-with-resolvers.js';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SfnExecutionSource } from './aws/sfn-execution-source.js';
import { describeStackOutputs } from './aws/stack-outputs.js';
import { resolveStateMachineArn } from './cli/cli-options.js';
import { LocalExecutionSource } from './local/local-execution-source.js';
import { openLocalStack } from './local/local-stack.js';
import { runRedriveCli } from './redrive/redrive-cli.js';

process.exitCode = await runRedriveCli(process.argv.slice(2), async ({ local, ...target }) => {
  if (!local)
    return new SfnExecutionSource(
      await resolveStateMachineArn(target, describeStackOutputs),
      new SFNClient({}),
    );
  const stack = await openLocalStack();
  return { source: new LocalExecutionSource(stack.store, stack.pipeline.runner), close: () => stack.close() };
});
