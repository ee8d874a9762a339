import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock, type Clock } from '../../clock.ts';
import type { EventBus } from '../../ports/event-bus.ts';
import { readAwsEnvironment, type AwsEnvironment } from './aws-environment.ts';
import { DynamoIdempotencyStore } from './dynamo-idempotency-store.ts';
import { DynamoKeyValueTable } from './dynamo-key-value-table.ts';
import { EventBridgeEventBus } from './eventbridge-event-bus.ts';
import { EventBridgeSchedulerAdapter } from './eventbridge-scheduler-adapter.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/** The SDK clients the adapters use; each is made from AWS_REGION unless given (tests pass emulator clients). */
export interface AwsClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
  eventBridge: EventBridgeClient;
  scheduler: SchedulerClient;
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
  events: EventBridgeEventBus;
  scheduler: EventBridgeSchedulerAdapter;
}

export interface OpenAwsPlatformPortsOptions {
  clock?: Clock;
  /** Clients to use instead of new ones for AWS_REGION (tests pass emulator or mocked clients). */
  clients?: Partial<AwsClients>;
  /** The SQL outbox on Aurora that events published inside a transaction go through. */
  outbox?: EventBus;
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
  options: OpenAwsPlatformPortsOptions = {},
): AwsPlatformPorts {
  const environment = readAwsEnvironment(env);
  const clock = options.clock ?? systemClock;
  const region = environment.AWS_REGION;
  const clients: AwsClients = {
    dynamo: options.clients?.dynamo ?? new DynamoDBClient({ region }),
    s3: options.clients?.s3 ?? new S3Client({ region }),
    eventBridge: options.clients?.eventBridge ?? new EventBridgeClient({ region }),
    scheduler: options.clients?.scheduler ?? new SchedulerClient({ region }),
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
    events: new EventBridgeEventBus({ client: clients.eventBridge, eventBusName: environment.EVENT_BUS_NAME, clock, outbox: options.outbox }),
    scheduler: new EventBridgeSchedulerAdapter({
      client: clients.scheduler,
      groupName: environment.SCHEDULER_GROUP,
      roleArn: environment.SCHEDULER_ROLE_ARN,
      targetArn: environment.SCHEDULER_TARGET_ARN,
      deadLetterArn: environment.SCHEDULER_DLQ_ARN,
      clock,
    }),
  };
}
