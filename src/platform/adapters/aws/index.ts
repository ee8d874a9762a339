// The AWS adapters of the platform's ports, and the factory the Lambda handlers open them with.
// Only this folder imports the AWS SDK. Aurora PostgreSQL (through RDS Proxy) is reached with the
// existing pg adapter, `../postgres/postgres-database.ts`, and the SQL adapters on top of it
// (outbox, time series, SQL scheduler): see README.md here.
export { awsEnvironmentSchema, readAwsEnvironment, type AwsEnvironment } from './aws-environment.ts';
export { DynamoIdempotencyStore, type DynamoIdempotencyStoreOptions } from './dynamo-idempotency-store.ts';
export { DynamoKeyValueTable, type DynamoKeyValueTableOptions } from './dynamo-key-value-table.ts';
export { KEY_ATTRIBUTES } from './dynamo-stored-item.ts';
export { fromEventBridgeEvent, toEventDetail, type EventDetail } from './eventbridge-envelope.ts';
export { EventBridgeEventBus, MAX_ENTRY_BYTES, type EventBridgeEventBusOptions } from './eventbridge-event-bus.ts';
export { atExpression, EventBridgeSchedulerAdapter, type EventBridgeSchedulerAdapterOptions } from './eventbridge-scheduler-adapter.ts';
export { IotCoreMqttBus, type IotCoreMqttBusOptions, type IotRuleEvent } from './iot-core-mqtt-bus.ts';
export { openAwsPlatformPorts, type AwsClients, type AwsPlatformPorts, type OpenAwsPlatformPortsOptions } from './open-aws-platform-ports.ts';
export { S3BlobStore, type S3BlobStoreOptions, type S3Encryption } from './s3-blob-store.ts';
export { SnsNotificationSender, type NotificationAudience, type SnsNotificationSenderOptions } from './sns-notification-sender.ts';
export { StepFunctionsWorkflows, type StepFunctionsWorkflowsOptions } from './step-functions-workflows.ts';
export { TextractOcrEngine, type TextractOcrEngineOptions } from './textract-ocr-engine.ts';
