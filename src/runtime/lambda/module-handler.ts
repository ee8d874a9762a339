import type { APIGatewayProxyEventV2, Context, SQSBatchResponse } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { BusEvent, JsonValue } from '../../platform/ports/event-bus.ts';
import { TaskFailure } from '../../platform/ports/workflows.ts';
import type { Platform } from '../platform.ts';
import { principalOfAuthorizerContext } from './authorizer-context.ts';
import { instrumented, instrumentsFor, type LambdaHandler } from './instrumentation.ts';
import { recogniseInvocation, UnrecognisedInvocationError, type Invocation } from './invocations.ts';
import { assembleLambdaModule, topicMatches, type LambdaModule } from './lambda-module.ts';
import { reusedPerInstance } from './reused-per-instance.ts';
import type { TaskInvocation } from './task-invocation.ts';

/**
 * The platform of a Lambda function. `flush`, when there is one, runs after every invocation
 * (success or failure) so that what it committed leaves before the instance is frozen.
 */
export type LambdaPlatform = Platform & { flush?: () => Promise<void> };

/** Opens the platform's adapters for these modules (once per instance, at the first invocation). */
export type OpenLambdaPlatform = (modules: readonly PlatformModule[]) => Promise<LambdaPlatform>;

export interface ModuleHandlerOptions {
  /** The identity module: its face (token verification, users, organisations) is what every module receives. */
  identity: PlatformModule;
  openPlatform: OpenLambdaPlatform;
  /** The modules whose faces this one reads (`ctx.faceOf`); only their faces run here. */
  faces?: readonly PlatformModule[];
  /** Reported by /health; defaults to NOVAEVO_VERSION or `lambda`. */
  version?: string;
}

// Kept clear of the function's own timeout, so a task that gives up can still report it.
const TASK_ABORT_MARGIN_MS = 1000;

const patternMatches = (pattern: string, type: string) => (pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type);

const bearerOf = (event: APIGatewayProxyEventV2) => {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  return header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
};

/** Runs every subscription of the module whose pattern matches; one failure fails the delivery (retried as a whole). */
async function deliver(m: LambdaModule, event: BusEvent): Promise<{ delivered: string[] }> {
  const matching = m.subscriptions.filter((s) => patternMatches(s.pattern, event.type));
  if (matching.length === 0) throw new UnrecognisedInvocationError(`no subscription of this function matches the event type ${event.type}`);
  for (const s of matching) await s.handler(event);
  return { delivered: matching.map((s) => s.name) };
}

async function runTask(m: LambdaModule, task: TaskInvocation, context: Context): Promise<JsonValue> {
  const fn = m.tasks.get(task.task);
  if (!fn) throw new TaskFailure('TaskUnknown', `this function has no task ${task.task}`);
  const budget = Math.max(1, context.getRemainingTimeInMillis() - TASK_ABORT_MARGIN_MS);
  return fn(task.input, {
    executionId: task.execution,
    workflow: task.stateMachine,
    stateName: task.state,
    signal: AbortSignal.timeout(budget),
    ...(task.taskToken ? { taskToken: task.taskToken } : {}),
  });
}

async function batch(m: LambdaModule, records: Extract<Invocation, { kind: 'batch' }>['records']): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    try {
      const inner = recogniseInvocation(JSON.parse(record.body));
      if (inner.kind !== 'event') throw new UnrecognisedInvocationError(`an SQS record must hold an EventBridge event, not a ${inner.kind} payload`);
      await deliver(m, inner.event);
    } catch (err) {
      m.logger.warn({ err, messageId: record.messageId }, 'SQS record failed; left on the queue for a retry');
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

/**
 * The Lambda handler of one module: recognises the payload (see invocations.ts) and runs the
 * module's part for it — its routes through the same Hono app as the local runtime, a
 * subscription, a workflow task, a timer's event, its chores, an IoT message. The platform and
 * the module are opened at the first invocation and reused by the following ones; a failure to
 * open is retried at the next. Errors are rethrown (asynchronous sources retry, then
 * dead-letter), except for SQS batches, which report the failed records only.
 */
export function createModuleHandler(module: PlatformModule, options: ModuleHandlerOptions): LambdaHandler {
  const version = options.version ?? process.env.NOVAEVO_VERSION ?? 'lambda';
  const faces = options.faces ?? [];
  const modules = [...new Map([options.identity, ...faces, module].map((m) => [m.name, m])).values()];
  const open = reusedPerInstance(async () => {
    const platform = await options.openPlatform(modules);
    const lambdaModule = await assembleLambdaModule(platform, module, { identity: options.identity, version, faces });
    return { platform, lambdaModule, http: handle(lambdaModule.app) };
  });
  const dispatch = async (event: unknown, context: Context): Promise<unknown> => {
    const invocation = recogniseInvocation(event);
    const { platform, lambdaModule, http } = await open();
    try {
      return await run(invocation, lambdaModule, http, context);
    } finally {
      // What the invocation committed stays in the SQL outboxes when this fails: the next flush, in any function, sends it.
      await platform.flush?.().catch((err: unknown) => lambdaModule.logger.warn({ err }, 'flush after the invocation failed; the outboxes keep what it committed'));
    }
  };
  const run = async (invocation: Invocation, m: LambdaModule, http: ReturnType<typeof handle>, context: Context): Promise<unknown> => {
    switch (invocation.kind) {
      case 'http': {
        const e = invocation.event as APIGatewayProxyEventV2 & { requestContext: { authorizer?: { lambda?: unknown } } };
        m.trust(bearerOf(e), principalOfAuthorizerContext(e.requestContext.authorizer?.lambda));
        try {
          return await http(e as never, context as never);
        } finally {
          m.trust(undefined, undefined);
        }
      }
      case 'event':
        return deliver(m, invocation.event);
      case 'chores':
        return { removed: await m.housekeeping.runOnce() };
      case 'task':
        return runTask(m, invocation.task, context);
      case 'mqtt': {
        const handlers = m.mqtt.filter((s) => topicMatches(s.filter, invocation.topic));
        if (handlers.length === 0) throw new UnrecognisedInvocationError(`no MQTT subscription of this function matches ${invocation.topic}`);
        for (const s of handlers) await s.handler(invocation.topic, invocation.payload);
        return { handled: handlers.length };
      }
      case 'batch':
        return batch(m, invocation.records);
    }
  };
  const kindOf = (event: unknown) => {
    try {
      return recogniseInvocation(event).kind;
    } catch {
      return 'unrecognised';
    }
  };
  return instrumented(instrumentsFor(`novaevo-${module.name}`), kindOf, dispatch);
}
