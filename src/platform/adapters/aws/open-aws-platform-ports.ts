import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock, type Clock } from '../../clock.ts';
import { readAwsEnvironment, type AwsEnvironment } from './aws-environment.ts';
import { DynamoIdempotencyStore } from './dynamo-idempotency-store.ts';
import { DynamoKeyValueTable } from './dynamo-key-value-table.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/** The SDK clients the adapters use; each is made from AWS_REGION unless given (tests pass emulator clients). */
export interface AwsClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
}

/** The ports of one Lambda function, on AWS services. */
export interface AwsPlatformPorts {
  environment: AwsEnvironment;
  clients: AwsClients;
  /** The logical key-value table `name` (a module's, e.g. `affiliation`) inside the single table. */
  keyValueTable(name: string): DynamoKeyValueTable;
  idempotency: DynamoIdempotencyStore;
  /** Kbis extracts, registration certificates, uploads (DOCUMENTS_BUCKET, SSE-KMS). */
  documents: S3BlobStore;
  /** ECU firmware files (FIRMWARE_BUCKET, SSE-KMS). */
  firmware: S3BlobStore;
}

/**
 * Opens the AWS adapters from the function's environment (see README.md here for the variables).
 * Throws an Error naming each missing or malformed variable. Clients are created once per cold
 * start and shared by every adapter.
 *
 * @example
 * const ports = openAwsPlatformPorts(process.env);
 * const links = ports.keyValueTable('affiliation');
 */
export function openAwsPlatformPorts(
  env: Record<string, string | undefined>,
  options: { clock?: Clock; clients?: Partial<AwsClients> } = {},
): AwsPlatformPorts {
  const environment = readAwsEnvironment(env);
  const clock = options.clock ?? systemClock;
  const region = environment.AWS_REGION;
  const clients: AwsClients = {
    dynamo: options.clients?.dynamo ?? new DynamoDBClient({ region }),
    s3: options.clients?.s3 ?? new S3Client({ region }),
  };
  const encryption = { type: 'aws:kms', kmsKeyId: environment.DOCUMENTS_KMS_KEY_ID } as const;
  const tableName = environment.TABLE_NAME;
  return {
    environment,
    clients,
    keyValueTable: (name) => new DynamoKeyValueTable({ client: clients.dynamo, tableName, table: name, clock }),
    idempotency: new DynamoIdempotencyStore({ client: clients.dynamo, tableName }),
    documents: new S3BlobStore({ client: clients.s3, bucket: environment.DOCUMENTS_BUCKET, encryption }),
    firmware: new S3BlobStore({ client: clients.s3, bucket: environment.FIRMWARE_BUCKET, encryption: { type: 'aws:kms' } }),
  };
}
