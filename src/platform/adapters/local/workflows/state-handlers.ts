import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../clock.ts';
import { AppError } from '../../../errors.ts';
import { TaskFailure, type JsonValue, type TaskContext, type TaskFunction } from '../../../ports/workflows.ts';
import type { CallbackWaiters } from './callback-waiters.ts';
import { TASK_TOKEN_PLACEHOLDER, type LocalDefinition, type TaskStateSpec } from './local-definition.ts';
import type { JournalStep, StepOutcome, TaskJournal } from './task-journal.ts';

/** Everything the Task/Wait handlers of one execution run need. */
export interface RunScope {
  executionId: string;
  workflow: string;
  definition: LocalDefinition;
  tasks: ReadonlyMap<string, TaskFunction>;
  journal: TaskJournal;
  callbacks: CallbackWaiters;
  clock: Clock;
  /** Aborts when the execution is stopped or the engine closes. */
  signal: AbortSignal;
  /** How often a Wait state re-reads the clock. */
  pollIntervalMs: number;
  /** Handler calls in progress, so that closing waits for journal writes of finished functions. */
  inFlight: Set<Promise<unknown>>;
}

type Handler = (input: JsonValue) => Promise<JsonValue>;
type Json = Record<string, JsonValue>;

function outcomeOf(step: JournalStep | StepOutcome): JsonValue {
  if (step.status === 'FAILED') throw new TaskFailure(step.error ?? 'States.TaskFailed', step.cause ?? '');
  return step.output ?? null;
}

function failureOf(err: unknown): StepOutcome {
  if (err instanceof AppError) return { status: 'FAILED', error: err.code, cause: err.message };
  if (err instanceof Error) return { status: 'FAILED', error: err.name, cause: err.message };
  return { status: 'FAILED', error: 'Error', cause: String(err) };
}

function withToken(value: JsonValue, token: string): JsonValue {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => withToken(v, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
  }
  return value;
}

/** Task tokens are bearer capabilities (an approval link carries one): unguessable. */
const newTaskToken = () => randomBytes(32).toString('base64url');

/**
 * Builds `taskResourceLocalHandlers` for one run of one execution. Every Task/Wait state run is
 * journaled under a key made of the state name, a hash of its input and its occurrence count, so a
 * replay after a restart (same input, deterministic ASL) finds the same keys and reuses results.
 */
export function localHandlers(scope: RunScope): Record<string, Handler> {
  const occurrences = new Map<string, number>();
  const stepKey = (stateName: string, input: JsonValue) => {
    const base = `${stateName}#${createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 22)}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    return `${base}#${n}`;
  };
  const { executionId, journal, clock, signal } = scope;

  const callFunction = async (spec: TaskStateSpec, stateName: string, input: JsonValue, taskToken?: string) => {
    const fn = scope.tasks.get(spec.taskName);
    if (!fn) throw new TaskFailure('States.Runtime', `no task function is registered as ${spec.taskName}`);
    const payload = spec.lambdaInvoke ? ((input as Json).Payload ?? null) : input;
    const ctx: TaskContext = { executionId, workflow: scope.workflow, stateName, signal, ...(taskToken ? { taskToken } : {}) };
    return fn(taskToken ? withToken(payload, taskToken) : payload, ctx);
  };

  const runTask = async (spec: TaskStateSpec, stateName: string, input: JsonValue): Promise<JsonValue> => {
    const key = stepKey(stateName, input);
    const done = await journal.find(executionId, key);
    if (done && done.status !== 'PENDING') return outcomeOf(done);
    let outcome: StepOutcome;
    try {
      const result = (await callFunction(spec, stateName, input)) ?? null;
      const output = spec.lambdaInvoke ? { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 } : result;
      outcome = { status: 'SUCCEEDED', output };
    } catch (err) {
      outcome = failureOf(err);
    }
    await journal.record(executionId, key, stateName, outcome, clock.now());
    return outcomeOf(outcome);
  };

  const runCallback = async (spec: TaskStateSpec, stateName: string, input: JsonValue): Promise<JsonValue> => {
    const key = stepKey(stateName, input);
    const step =
      (await journal.find(executionId, key)) ??
      (await journal.open(executionId, key, stateName, { taskToken: newTaskToken() }, clock.now()));
    if (step.status !== 'PENDING') return outcomeOf(step);
    const token = step.taskToken!;
    const answer = scope.callbacks.wait(token, signal);
    if (!step.dispatchedAt) {
      try {
        await callFunction(spec, stateName, input, token);
      } catch (err) {
        await journal.record(executionId, key, stateName, failureOf(err), clock.now());
        return outcomeOf(failureOf(err));
      }
      await journal.markDispatched(executionId, key, clock.now());
    }
    const latest = await journal.find(executionId, key);
    if (latest && latest.status !== 'PENDING') return outcomeOf(latest);
    return outcomeOf(await answer);
  };

  const runWait = async (stateName: string, input: JsonValue): Promise<JsonValue> => {
    const { input: passThrough = null, seconds, timestamp } = input as Json;
    const key = stepKey(stateName, input);
    let step = await journal.find(executionId, key);
    if (!step) {
      const wakeAt = seconds !== undefined ? new Date(clock.now().getTime() + Number(seconds) * 1000) : new Date(String(timestamp));
      const badSeconds = seconds !== undefined && !(Number.isInteger(seconds) && Number(seconds) >= 0);
      if (badSeconds || Number.isNaN(wakeAt.getTime())) {
        throw new TaskFailure('States.Runtime', `state ${stateName}: invalid wait ${JSON.stringify(seconds ?? timestamp)}`);
      }
      step = await journal.open(executionId, key, stateName, { wakeAt }, clock.now());
    }
    if (step.status === 'SUCCEEDED') return passThrough;
    // Sleeps in small steps against the injected clock, so a ManualClock moves it on in tests.
    for (let left = step.wakeAt!.getTime() - clock.now().getTime(); left > 0; left = step.wakeAt!.getTime() - clock.now().getTime()) {
      await sleep(Math.min(left, scope.pollIntervalMs), undefined, { signal });
    }
    await journal.record(executionId, key, stateName, { status: 'SUCCEEDED', output: null }, clock.now());
    return passThrough;
  };

  const tracked = (run: Handler): Handler => (input) => {
    const call = run(input);
    scope.inFlight.add(call);
    void call.catch(() => undefined).finally(() => scope.inFlight.delete(call));
    return call;
  };
  const handlers: Record<string, Handler> = {};
  for (const [stateName, spec] of scope.definition.states) {
    if (spec.kind === 'wait') handlers[stateName] = tracked((input) => runWait(stateName, input));
    else if (spec.callback) handlers[stateName] = tracked((input) => runCallback(spec, stateName, input));
    else handlers[stateName] = tracked((input) => runTask(spec, stateName, input));
  }
  return handlers;
}
