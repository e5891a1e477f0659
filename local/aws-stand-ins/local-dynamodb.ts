/**
 * DynamoDB offline: dynalite (a DynamoDB implementation on an in-memory LevelDB) on 127.0.0.1,
 * port 0, with the contact version table created as the stack creates it. Conditional writes,
 * consistent reads and `ConditionalCheckFailedException` behave as in DynamoDB.
 *
 * @example
 * ```ts
 * const dynamodb = await startLocalDynamoDb();
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb.endpoint;
 * process.env.CONTACT_VERSION_TABLE = dynamodb.tableName;
 * await dynamodb.stop();
 * ```
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { CONTACT_VERSION_KEY } from '../../shared/contact-versions/table.js';

/** The contact version table's name in offline runs. */
export const LOCAL_CONTACT_VERSION_TABLE = 'contact-versions-local';

/** dynalite accepts any credentials; these only keep the SDK from looking for real ones. */
export const LOCAL_DYNAMODB_CREDENTIALS = { accessKeyId: 'DYNALITE', secretAccessKey: 'DYNALITE' };

/** A running local DynamoDB (dynalite) with the contact version table created. */
export interface LocalDynamoDb {
  endpoint: string;
  tableName: string;
  /** A client of this server (destroyed by stop()). */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

interface DynaliteServer {
  listen(port: number, host: string, callback: (error?: Error) => void): void;
  address(): AddressInfo;
  close(callback: (error?: Error) => void): void;
}

/**
 * Starts dynalite on a free port of 127.0.0.1 and creates the contact version table with the same
 * key and TTL attribute as the stack's.
 *
 * @example
 * ```ts
 * const dynamodb = await startLocalDynamoDb();
 * process.env.CONTACT_VERSION_TABLE = dynamodb.tableName;
 * await dynamodb.stop(); // when done
 * ```
 */
export async function startLocalDynamoDb(tableName = LOCAL_CONTACT_VERSION_TABLE): Promise<LocalDynamoDb> {
  const server = (dynalite as (options: Record<string, number>) => DynaliteServer)({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) =>
    server.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
  );
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: CONTACT_VERSION_KEY, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: CONTACT_VERSION_KEY, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 0.05 } as never, { TableName: tableName });
  return {
    endpoint,
    tableName,
    client,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
