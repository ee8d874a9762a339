/**
 * Lambda payloads as AWS sends them, after the samples of the AWS documentation (API Gateway
 * HTTP API payload 2.0 and its Lambda authorizer, EventBridge, EventBridge Scheduler, Step
 * Functions, IoT Core rules and custom authorizers, SQS, CloudFormation custom resources), with
 * the values a test chooses. Tests only.
 */
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2, CloudFormationCustomResourceEvent, Context, SQSEvent } from 'aws-lambda';
import type { BusEvent } from '../../platform/ports/event-bus.ts';
import { toEventDetail } from '../../platform/adapters/aws/eventbridge-envelope.ts';
import type { TaskInvocation } from './task-invocation.ts';
import type { IotAuthorizerEvent } from './iot-authorizer.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-3';
let requests = 0;

export function lambdaContext(functionName: string, remainingMs = 30_000): Context {
  const requestId = `c6af9ac6-7b61-11e6-9a41-93e8deadbe${String(requests++ % 100).padStart(2, '0')}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/03/20/[$LATEST]2e6a0f1b2c3d4e5f',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An HTTP API (payload 2.0) request, optionally carrying the Lambda authorizer's context. */
export function httpApiEvent(
  method: string,
  rawPath: string,
  options: { body?: unknown; raw?: { bytes: Uint8Array; contentType: string }; token?: string; authorizer?: Record<string, string | boolean>; headers?: Record<string, string>; query?: string } = {},
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-length': '0',
    host: 'abc123.execute-api.eu-west-3.amazonaws.com',
    'user-agent': 'Mozilla/5.0 (lambda test)',
    'x-amzn-trace-id': 'Root=1-5e272390-8c398be037738dc042009320',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...options.headers,
  };
  let body: string | undefined;
  let isBase64Encoded = false;
  if (options.raw) {
    body = Buffer.from(options.raw.bytes).toString('base64');
    isBase64Encoded = true;
    headers['content-type'] = options.raw.contentType;
    headers['content-length'] = String(options.raw.bytes.length);
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const now = Date.now();
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: options.query ?? '',
    headers,
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-3.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (lambda test)' },
      requestId: `JKJaXmPLvHcESHA=${requests++}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(options.authorizer ? { authorizer: { lambda: options.authorizer } } : {}),
    },
    isBase64Encoded,
    ...(body === undefined ? {} : { body }),
  };
  if (options.query) event.queryStringParameters = Object.fromEntries(new URLSearchParams(options.query));
  return event;
}

/** The HTTP API Lambda authorizer request (payload 2.0) for a route with identity source `$request.header.Authorization`. */
export function httpAuthorizerEvent(method: string, rawPath: string, authorization: string | undefined): APIGatewayRequestAuthorizerEventV2 {
  const request = httpApiEvent(method, rawPath, { headers: authorization ? { authorization } : {} });
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123/$default/${method}${rawPath}`,
    identitySource: authorization ? [authorization] : [],
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: '',
    cookies: [],
    headers: request.headers as Record<string, string>,
    queryStringParameters: {},
    requestContext: request.requestContext as APIGatewayRequestAuthorizerEventV2['requestContext'],
    pathParameters: {},
    stageVariables: {},
  };
}

/** An EventBridge event of the platform's bus, as a rule's Lambda target receives it. */
export function eventBridgeEvent(event: BusEvent, bus = 'novaevo'): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': event.type,
    source: event.source,
    account: ACCOUNT,
    time: event.occurredAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [],
    detail: toEventDetail(event),
    'event-bus-name': bus,
  };
}

/** What a schedule rule (`rate(10 minutes)`) delivers to its target. */
export function scheduledEvent(rule: string): Record<string, unknown> {
  return {
    version: '0',
    id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${rule}`],
    detail: {},
  };
}

/**
 * A one-time schedule firing, as EventBridge Scheduler's bus target puts it (the scheduler
 * adapter's EventBridgeParameters and Input) and the rule hands it to the function.
 */
export function schedulerFiring(timer: { id: string; type: string; data: BusEvent['data']; at: Date; key?: string }): Record<string, unknown> {
  const detail = { id: timer.id, subject: timer.id, occurredAt: timer.at.toISOString(), data: timer.data, timer: { at: timer.at.toISOString(), key: timer.key ?? null } };
  return { ...eventBridgeEvent({ id: timer.id, type: timer.type, source: 'scheduler', subject: timer.id, data: timer.data, occurredAt: timer.at }), detail };
}

/** The payload a Task state rewritten by `awsTaskState` sends (Parameters evaluated by Step Functions). */
export function stepFunctionsTask(task: string, input: unknown, options: { workflow: string; state: string; taskToken?: string }): TaskInvocation {
  return {
    task,
    input: input as TaskInvocation['input'],
    execution: `arn:aws:states:${REGION}:${ACCOUNT}:execution:${options.workflow}:kbis-0195f6b2`,
    stateMachine: options.workflow,
    state: options.state,
    ...(options.taskToken ? { taskToken: options.taskToken } : {}),
  };
}

/** What an IoT rule `SELECT *, topic() AS topic FROM 'novaevo/v1/devices/+/obd'` sends to its Lambda action. */
export function iotRuleEvent(topic: string, message: Record<string, unknown>): Record<string, unknown> {
  return { ...message, topic };
}

/** An IoT Core custom authorizer request for an MQTT CONNECT with username and password. */
export function iotAuthorizerEvent(username: string, password: string, clientId: string): IotAuthorizerEvent {
  return {
    token: '',
    signatureVerified: false,
    protocols: ['tls', 'mqtt'],
    protocolData: {
      tls: { serverName: 'a1b2c3d4e5f6g7-ats.iot.eu-west-3.amazonaws.com' },
      mqtt: { username: `${username}?x-amz-customauthorizer-name=novaevo-devices`, password: Buffer.from(password).toString('base64'), clientId },
    } as IotAuthorizerEvent['protocolData'],
    connectionMetadata: { id: 'e56f08c3-c559-490f-aa9f-7e8427d0f57b' },
  };
}

/** SQS records whose bodies are EventBridge events (a queue as a rule's target). */
export function sqsEvent(bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `059f36b4-87a3-44ab-83d2-66${String(i).padStart(10, '0')}`,
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
      messageAttributes: {},
      md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:novaevo-events`,
      awsRegion: REGION,
    })),
  };
}

/** A CloudFormation custom resource request as the CDK Provider framework hands it to onEvent. */
export function customResourceEvent(type: 'Create' | 'Update' | 'Delete', physicalId?: string): CloudFormationCustomResourceEvent {
  const base = {
    ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:novaevo-migrate-provider`,
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest3.s3.amazonaws.com/arn%3Aaws%3Acloudformation',
    StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/novaevo/5b2b6c30-0f4d-11f0-9a4e-0a1b2c3d4e5f`,
    RequestId: 'd3d2e5a0-5c51-4d4c-8c4b-3a3c1c8e0f12',
    LogicalResourceId: 'DatabaseSchema',
    ResourceType: 'Custom::DatabaseSchema',
    ResourceProperties: { ServiceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:novaevo-migrate-provider`, Migrations: 'latest' },
  };
  if (type === 'Create') return { ...base, RequestType: 'Create' };
  if (type === 'Update') return { ...base, RequestType: 'Update', PhysicalResourceId: physicalId!, OldResourceProperties: base.ResourceProperties };
  return { ...base, RequestType: 'Delete', PhysicalResourceId: physicalId! };
}
