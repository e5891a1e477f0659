/**
 * The fence of the deployed stack: the table named by `CONTACT_VERSION_TABLE`, one DynamoDB
 * client per container (offline, `AWS_ENDPOINT_URL_DYNAMODB` points the SDK at dynalite).
 *
 * @example
 * ```ts
 * const fence = contactVersionFenceFromEnvironment(); // throws a ConfigurationError naming the variable
 * ```
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '../config/environment.js';
import { CONTACT_VERSION_TABLE_ENV } from './table.js';
import { ContactVersionFence } from './version-fence.js';

let cached: { tableName: string; endpoint: string | undefined; fence: ContactVersionFence } | undefined;

/**
 * The fence on the table named by `CONTACT_VERSION_TABLE`, created once per container and reused
 * while the table name and DynamoDB endpoint stay the same. Throws a `ConfigurationError` naming
 * the variable when it is unset.
 */
export function contactVersionFenceFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): ContactVersionFence {
  const tableName = requireEnv(CONTACT_VERSION_TABLE_ENV, env);
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  if (cached?.tableName !== tableName || cached.endpoint !== endpoint) {
    cached = { tableName, endpoint, fence: new ContactVersionFence(new DynamoDBClient({}), tableName) };
  }
  return cached.fence;
}
