import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../clock.ts';
import { AppError } from '../../../errors.ts';
import { TaskFailure, type JsonValue, type TaskContext, type TaskFunction } from '../../../ports/workflows.ts';
import type { CallbackPoller } from './callback-poller.ts';
import type { CallbackWaiters } from './callback-waiters.ts';
import type { RunLease } from './execution-leases.ts';
import { type CallbackLimits, TASK_TOKEN_PLACEHOLDER, type LocalDefinition, type TaskStateSpec } from './local-definition.ts';
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
  /** Re-reads the journal for paused callbacks (an answer given to another process, a limit passed). */
  poller: CallbackPoller;
  /**
   * The execution was just started by this process: it has no journal yet, so a step not opened
   * by this run is not there (no read before opening it).
   */
  fresh: boolean;
  /** This process's hold on the execution. */
  lease: RunLease;
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

/**
 * Why a pending callback is past one of its limits at `now`, or undefined while it is within them.
 * `beat`: its last heartbeat received in this process, which the journal may not hold yet.
 */
function lateness(step: JournalStep, limits: CallbackLimits, now: Date, beat?: Date): string | undefined {
  const { timeoutSeconds, heartbeatSeconds } = limits;
  if (timeoutSeconds !== undefined && now.getTime() >= step.createdAt.getTime() + timeoutSeconds * 1000) {
    return `no answer within TimeoutSeconds (${timeoutSeconds} s)`;
  }
  const alive = Math.max((step.heartbeatAt ?? step.dispatchedAt ?? step.createdAt).getTime(), beat?.getTime() ?? 0);
  if (heartbeatSeconds !== undefined && now.getTime() >= alive + heartbeatSeconds * 1000) {
    return `no heartbeat within HeartbeatSeconds (${heartbeatSeconds} s)`;
  }
  return undefined;
}

/** Task tokens are bearer capabilities (an approval link carries one): unguessable. */
const newTaskToken = () => randomBytes(32).toString('base64url');

/**
 * Builds `taskResourceLocalHandlers` for one run of one execution. Every Task/Wait state run is
 * journaled under a key made of the state name, a hash of its input and its occurrence count, so a
 * replay after a restart or a takeover (same input, deterministic ASL) finds the same keys and
 * reuses results. A step starts only under a freshly renewed lease, and its journal write is
 * fenced by the lease: a process that lost the execution stops instead of recording anything.
 */
export function localHandlers(scope: RunScope): Record<string, Handler> {
  const occurrences = new Map<string, number>();
  const stepKey = (stateName: string, input: JsonValue) => {
    const base = `${stateName}#${createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 22)}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    return `${base}#${n}`;
  };
  const { executionId, journal, clock, signal, lease, fresh } = scope;
  /** The step as journaled, or null; a fresh execution's steps exist only once this run opens them. */
  const journaled = (key: string) => (fresh ? Promise.resolve(null) : journal.find(executionId, key));

  const callFunction = async (spec: TaskStateSpec, stateName: string, input: JsonValue, taskToken?: string) => {
    const fn = scope.tasks.get(spec.taskName);
    if (!fn) throw new TaskFailure('States.Runtime', `no task function is registered as ${spec.taskName}`);
    const payload = spec.lambdaInvoke ? ((input as Json).Payload ?? null) : input;
    const ctx: TaskContext = { executionId, workflow: scope.workflow, stateName, signal, ...(taskToken ? { taskToken } : {}) };
    return fn(taskToken ? withToken(payload, taskToken) : payload, ctx);
  };

  const runTask = async (spec: TaskStateSpec, stateName: string, input: JsonValue): Promise<JsonValue> => {
    const key = stepKey(stateName, input);
    const done = await journaled(key);
    if (done && done.status !== 'PENDING') return outcomeOf(done);
    await lease.renew();
    let outcome: StepOutcome;
    try {
      const result = (await callFunction(spec, stateName, input)) ?? null;
      const output = spec.lambdaInvoke ? { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 } : result;
      outcome = { status: 'SUCCEEDED', output };
    } catch (err) {
      outcome = failureOf(err);
    }
    // The stored outcome, not this one: if another process recorded the step first, both go on with its result.
    return outcomeOf((await journal.record(executionId, key, stateName, outcome, clock.now(), lease.owner)) ?? lease.lost());
  };

  /**
   * The answer to a paused callback: given to this process (waiter), or to another one (journal,
   * polled with the other callbacks paused here). Each poll also holds the callback to its limits
   * on the engine's clock: past its TimeoutSeconds, or HeartbeatSeconds without a heartbeat (in
   * the journal or received here), it fails with States.Timeout.
   */
  const answered = async (key: string, stateName: string, token: string, waiter: Promise<StepOutcome>, limits?: CallbackLimits): Promise<JournalStep | StepOutcome> => {
    let unwatch = () => {};
    const polled = new Promise<JournalStep | StepOutcome>((resolve, reject) => {
      unwatch = scope.poller.watch(executionId, key, (latest) => {
        if (latest && latest.status !== 'PENDING') return resolve(latest);
        const late = latest && limits ? lateness(latest, limits, clock.now(), scope.callbacks.latestBeat(token)) : undefined;
        if (!late) return;
        unwatch();
        const timeout: StepOutcome = { status: 'FAILED', error: 'States.Timeout', cause: late };
        journal.record(executionId, key, stateName, timeout, clock.now(), lease.owner).then((recorded) => {
          // The recorded outcome (maybe an answer given just before elsewhere) wins: resolved before the waiter is freed.
          resolve(recorded ?? lease.lost());
          scope.callbacks.settle(token, timeout);
        }).catch(reject);
      });
    });
    polled.catch(() => undefined);
    try {
      return await Promise.race([waiter, polled]);
    } finally {
      unwatch();
    }
  };

  const runCallback = async (spec: TaskStateSpec, stateName: string, input: JsonValue): Promise<JsonValue> => {
    const key = stepKey(stateName, input);
    const newToken = newTaskToken();
    const step =
      (await journaled(key)) ?? (await journal.open(executionId, key, stateName, { taskToken: newToken }, clock.now(), lease.owner)) ?? lease.lost();
    if (step.status !== 'PENDING') return outcomeOf(step);
    const token = step.taskToken!;
    const heartbeatSeconds = spec.limits?.heartbeatSeconds;
    const waiter = scope.callbacks.wait(token, signal, { heartbeatSeconds, journaledAt: step.heartbeatAt ?? step.dispatchedAt ?? clock.now() });
    if (!step.dispatchedAt) {
      // A step this run has just opened was written under the lease (a fenced insert): no renewal needed to prove it.
      if (token !== newToken) await lease.renew();
      try {
        await callFunction(spec, stateName, input, token);
      } catch (err) {
        return outcomeOf((await journal.record(executionId, key, stateName, failureOf(err), clock.now(), lease.owner)) ?? lease.lost());
      }
      const dispatchedAt = clock.now();
      await journal.markDispatched(executionId, key, dispatchedAt);
      scope.callbacks.journaled(token, dispatchedAt);
    }
    return outcomeOf(await answered(key, stateName, token, waiter, spec.limits));
  };

  const runWait = async (stateName: string, input: JsonValue): Promise<JsonValue> => {
    const { input: passThrough = null, seconds, timestamp } = input as Json;
    const key = stepKey(stateName, input);
    let step = await journaled(key);
    if (!step) {
      const wakeAt = seconds !== undefined ? new Date(clock.now().getTime() + Number(seconds) * 1000) : new Date(String(timestamp));
      const badSeconds = seconds !== undefined && !(Number.isInteger(seconds) && Number(seconds) >= 0);
      if (badSeconds || Number.isNaN(wakeAt.getTime())) {
        throw new TaskFailure('States.Runtime', `state ${stateName}: invalid wait ${JSON.stringify(seconds ?? timestamp)}`);
      }
      step = (await journal.open(executionId, key, stateName, { wakeAt }, clock.now(), lease.owner)) ?? lease.lost();
    }
    if (step.status === 'SUCCEEDED') return passThrough;
    // Sleeps in small steps against the injected clock, so a ManualClock moves it on in tests.
    for (let left = step.wakeAt!.getTime() - clock.now().getTime(); left > 0; left = step.wakeAt!.getTime() - clock.now().getTime()) {
      await sleep(Math.min(left, scope.pollIntervalMs), undefined, { signal });
    }
    if (!(await journal.record(executionId, key, stateName, { status: 'SUCCEEDED', output: null }, clock.now(), lease.owner))) lease.lost();
    return passThrough;
  };

  const tracked =
    (run: Handler): Handler =>
    (input) => {
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
