import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { TextractClient } from '@aws-sdk/client-textract';
import { systemClock, type Clock } from '../../clock.ts';
import { silentLogger, type Logger } from '../../logger.ts';
import type { EventBus } from '../../ports/event-bus.ts';
import type { Notification } from '../../ports/notifications.ts';
import { readAwsEnvironment, type AwsEnvironment } from './aws-environment.ts';
import { DynamoIdempotencyStore } from './dynamo-idempotency-store.ts';
import { DynamoKeyValueTable } from './dynamo-key-value-table.ts';
import { EventBridgeEventBus } from './eventbridge-event-bus.ts';
import { EventBridgeSchedulerAdapter } from './eventbridge-scheduler-adapter.ts';
import { IotCoreMqttBus } from './iot-core-mqtt-bus.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { type NotificationAudience, SnsNotificationSender } from './sns-notification-sender.ts';
import { StepFunctionsWorkflows } from './step-functions-workflows.ts';
import { TextractOcrEngine } from './textract-ocr-engine.ts';

/** The SDK clients the adapters use; each is made from AWS_REGION on first use unless given. */
export interface AwsClients {
  dynamo: DynamoDBClient;
  s3: S3Client;
  eventBridge: EventBridgeClient;
  scheduler: SchedulerClient;
  sns: SNSClient;
  sfn: SFNClient;
  textract: TextractClient;
  iot: IoTDataPlaneClient;
}

/** The ports of one Lambda function, on AWS services. Each adapter (and its client) is made on first use. */
export interface AwsPlatformPorts {
  readonly environment: AwsEnvironment;
  /** The logical key-value table `name` (a module's, e.g. `affiliation`) inside the single table. */
  keyValueTable(name: string): DynamoKeyValueTable;
  readonly idempotency: DynamoIdempotencyStore;
  /** Kbis extracts, registration certificates, uploads (DOCUMENTS_BUCKET, SSE-KMS). */
  readonly documents: S3BlobStore;
  /** ECU firmware files (FIRMWARE_BUCKET, SSE-KMS). */
  readonly firmware: S3BlobStore;
  readonly events: EventBridgeEventBus;
  readonly scheduler: EventBridgeSchedulerAdapter;
  /** The transport of the SQL outbox notifier (OWNER_TOPIC_ARN / PRO_TOPIC_ARN, SMS direct). */
  readonly notifications: SnsNotificationSender;
  readonly workflows: StepFunctionsWorkflows;
  readonly ocr: TextractOcrEngine;
  readonly mqtt: IotCoreMqttBus;
}

export interface OpenAwsPlatformPortsOptions {
  clock?: Clock;
  logger?: Logger;
  /** Clients to use instead of new ones for AWS_REGION (tests pass emulator or mocked clients). */
  clients?: Partial<AwsClients>;
  /** The SQL outbox on Aurora that events published inside a transaction go through. */
  outbox?: EventBus;
  /** Which SNS topic a notification goes to (default: `data.audience === 'pro'` → pros). */
  audienceOf?: (notification: Notification) => NotificationAudience;
}

/**
 * Opens the AWS adapters from the function's environment (variables: README.md here).
 * Throws an Error naming each missing or malformed variable, before any client is made.
 * Nothing is created until first used, so a function pays at cold start only for what it touches.
 *
 * @example
 * const ports = openAwsPlatformPorts(process.env);
 * const links = ports.keyValueTable('affiliation');
 */
export function openAwsPlatformPorts(env: Record<string, string | undefined>, options: OpenAwsPlatformPortsOptions = {}): AwsPlatformPorts {
  const environment = readAwsEnvironment(env);
  const region = environment.AWS_REGION;
  const clock = options.clock ?? systemClock;
  const given = options.clients ?? {};
  const clients = {
    dynamo: once(() => given.dynamo ?? new DynamoDBClient({ region })),
    s3: once(() => given.s3 ?? new S3Client({ region })),
    eventBridge: once(() => given.eventBridge ?? new EventBridgeClient({ region })),
    scheduler: once(() => given.scheduler ?? new SchedulerClient({ region })),
    sns: once(() => given.sns ?? new SNSClient({ region })),
    sfn: once(() => given.sfn ?? new SFNClient({ region })),
    textract: once(() => given.textract ?? new TextractClient({ region })),
    iot: once(() => given.iot ?? new IoTDataPlaneClient({ region, endpoint: `https://${environment.IOT_ENDPOINT}` })),
  };
  const tableName = environment.TABLE_NAME;
  const idempotency = once(() => new DynamoIdempotencyStore({ client: clients.dynamo(), tableName }));
  const documents = once(
    () => new S3BlobStore({ client: clients.s3(), bucket: environment.DOCUMENTS_BUCKET, encryption: { type: 'aws:kms', kmsKeyId: environment.DOCUMENTS_KMS_KEY_ID } }),
  );
  const firmware = once(() => new S3BlobStore({ client: clients.s3(), bucket: environment.FIRMWARE_BUCKET, encryption: { type: 'aws:kms' } }));
  const events = once(() => new EventBridgeEventBus({ client: clients.eventBridge(), eventBusName: environment.EVENT_BUS_NAME, clock, outbox: options.outbox }));
  const scheduler = once(
    () =>
      new EventBridgeSchedulerAdapter({
        client: clients.scheduler(),
        groupName: environment.SCHEDULER_GROUP,
        roleArn: environment.SCHEDULER_ROLE_ARN,
        targetArn: environment.SCHEDULER_TARGET_ARN,
        deadLetterArn: environment.SCHEDULER_DLQ_ARN,
        clock,
      }),
  );
  const notifications = once(
    () => new SnsNotificationSender({ client: clients.sns(), topics: { owner: environment.OWNER_TOPIC_ARN, pro: environment.PRO_TOPIC_ARN }, audienceOf: options.audienceOf }),
  );
  const workflows = once(() => new StepFunctionsWorkflows({ client: clients.sfn(), stateMachineArnPrefix: environment.STATE_MACHINE_ARN_PREFIX }));
  const ocr = once(() => new TextractOcrEngine({ client: clients.textract() }));
  const mqtt = once(() => new IotCoreMqttBus({ client: clients.iot(), logger: options.logger ?? silentLogger() }));
  return {
    environment,
    keyValueTable: (name) => new DynamoKeyValueTable({ client: clients.dynamo(), tableName, table: name, clock }),
    get idempotency() {
      return idempotency();
    },
    get documents() {
      return documents();
    },
    get firmware() {
      return firmware();
    },
    get events() {
      return events();
    },
    get scheduler() {
      return scheduler();
    },
    get notifications() {
      return notifications();
    },
    get workflows() {
      return workflows();
    },
    get ocr() {
      return ocr();
    },
    get mqtt() {
      return mqtt();
    },
  };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
