import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { unprocessable } from '../../../errors.ts';

/**
 * Stands for `$$.Task.Token` while aws-local-stepfunctions evaluates Parameters (it has no task
 * tokens of its own); the task handler swaps it for the real token it issues.
 */
export const TASK_TOKEN_PLACEHOLDER = 'urn:novaevo:workflows:task-token';

/** Longest timer Node.js keeps (2^31-1 ms): larger delays would fire at once. */
export const MAX_TIMER_SECONDS = 2_147_483;

const CALLBACK_SUFFIX = '.waitForTaskToken';
const WAIT_RESOURCE = 'urn:novaevo:workflows:wait';

/** How a Task state runs locally. */
export interface TaskStateSpec {
  kind: 'task';
  /** Registered function name. */
  taskName: string;
  /** `.waitForTaskToken`: pause until the token is answered. */
  callback: boolean;
  /** `arn:aws:states:::lambda:invoke`: input is `{FunctionName, Payload}`, output wraps the result. */
  lambdaInvoke: boolean;
  /**
   * A callback's TimeoutSeconds and HeartbeatSeconds, kept by the engine on its clock and in its
   * journal (a replay keeps them; the library would restart its wall-clock timer).
   */
  limits?: CallbackLimits;
}

/** How long a callback may wait in all, and without a heartbeat (seconds); absent: no limit. */
export interface CallbackLimits {
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

/** A Wait state, rewritten into a Task whose Parameters carry `seconds` or `timestamp` plus `input`. */
export interface WaitStateSpec {
  kind: 'wait';
}

export type StateSpec = TaskStateSpec | WaitStateSpec;

/** A registered definition, ready to run locally. */
export interface LocalDefinition {
  /** The original ASL, as registered (what deploys to Step Functions). */
  asl: StateMachineDefinition;
  /** The ASL handed to aws-local-stepfunctions: Waits as Tasks, long timeouts capped. */
  runnable: StateMachineDefinition;
  /** Task and Wait states by name (names are unique across nested machines, asl-validator checks it). */
  states: Map<string, StateSpec>;
  /** Names of states that have a Retry field (for retry interval overrides). */
  retryingStates: string[];
  /** Every function the workflow calls. */
  taskNames: Set<string>;
}

type Json = Record<string, unknown>;

/** Maps a Task Resource (and its Parameters) to the function it calls, or explains why it cannot. */
export function resolveTaskResource(resource: string, parameters: unknown): TaskStateSpec | string {
  const callback = resource.endsWith(CALLBACK_SUFFIX);
  const base = callback ? resource.slice(0, -CALLBACK_SUFFIX.length) : resource;
  if (/^[A-Za-z0-9_-]{1,64}$/.test(base)) return { kind: 'task', taskName: base, callback, lambdaInvoke: false };
  const lambda = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([A-Za-z0-9_-]{1,64})(:[\w$-]+)?$/.exec(base);
  if (lambda) return { kind: 'task', taskName: lambda[1]!, callback, lambdaInvoke: false };
  if (base === 'arn:aws:states:::lambda:invoke') {
    const fn = (parameters as Json | undefined)?.FunctionName;
    if (typeof fn !== 'string') return 'lambda:invoke needs a static Parameters.FunctionName to run locally';
    const target = resolveTaskResource(fn, undefined);
    if (typeof target === 'string' || target.callback) return `FunctionName ${fn} is not a Lambda function name or ARN`;
    return { kind: 'task', taskName: target.taskName, callback, lambdaInvoke: true };
  }
  const service = /^arn:aws[\w-]*:states:::([a-z0-9-]+:[A-Za-z0-9-]+)(\.sync(:2)?)?$/.exec(base);
  if (service) return { kind: 'task', taskName: service[1]!, callback, lambdaInvoke: false };
  return `Resource ${resource} is neither a function nor a service integration`;
}

function capTimeout(seconds: unknown): number {
  return typeof seconds === 'number' ? Math.min(seconds, MAX_TIMER_SECONDS) : MAX_TIMER_SECONDS;
}

function waitAsTask(state: Json): Json {
  const parameters: Json = { 'input.$': '$' };
  if (state.Seconds !== undefined) parameters.seconds = state.Seconds;
  if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
  if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
  if (state.TimestampPath !== undefined) parameters['timestamp.$'] = state.TimestampPath;
  const task: Json = { Type: 'Task', Resource: WAIT_RESOURCE, Parameters: parameters, TimeoutSeconds: MAX_TIMER_SECONDS };
  for (const key of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) if (key in state) task[key] = state[key];
  return task;
}

function prepareMachine(machine: Json, out: Omit<LocalDefinition, 'asl' | 'runnable'>, problems: string[]): Json {
  const states: Json = {};
  for (const [name, raw] of Object.entries(machine.States as Json)) {
    let state = { ...(raw as Json) };
    if (Array.isArray(state.Retry)) out.retryingStates.push(name);
    if (state.Type === 'Wait') {
      state = waitAsTask(state);
      out.states.set(name, { kind: 'wait' });
    } else if (state.Type === 'Task') {
      const spec = resolveTaskResource(String(state.Resource), state.Parameters);
      if (typeof spec === 'string') problems.push(`state ${name}: ${spec}`);
      else {
        out.states.set(name, spec);
        out.taskNames.add(spec.taskName);
        if (spec.callback) {
          const limits: CallbackLimits = {};
          if (typeof state.TimeoutSeconds === 'number') limits.timeoutSeconds = state.TimeoutSeconds;
          if (typeof state.HeartbeatSeconds === 'number') limits.heartbeatSeconds = state.HeartbeatSeconds;
          if (limits.timeoutSeconds !== undefined || limits.heartbeatSeconds !== undefined) spec.limits = limits;
          // The engine enforces both on its clock; the library (60 s default, wall clock) must not.
          if (state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = MAX_TIMER_SECONDS;
          delete state.HeartbeatSeconds;
        }
      }
      if (typeof state.TimeoutSeconds === 'number') state.TimeoutSeconds = capTimeout(state.TimeoutSeconds);
    } else if (state.Type === 'Parallel') {
      state.Branches = (state.Branches as Json[]).map((b) => prepareMachine(b, out, problems));
    } else if (state.Type === 'Map') {
      for (const key of ['Iterator', 'ItemProcessor']) {
        if (state[key]) state[key] = prepareMachine(state[key] as Json, out, problems);
      }
    }
    states[name] = state;
  }
  return { ...machine, States: states };
}

/**
 * Turns a valid ASL definition into what the local engine runs. Throws AppError 422
 * `WORKFLOW_DEFINITION_INVALID` when a Task Resource cannot be mapped to a local function.
 */
export function prepareDefinition(name: string, asl: StateMachineDefinition): LocalDefinition {
  const out = { states: new Map<string, StateSpec>(), retryingStates: [] as string[], taskNames: new Set<string>() };
  const problems: string[] = [];
  const runnable = prepareMachine(structuredClone(asl) as unknown as Json, out, problems);
  if (typeof runnable.TimeoutSeconds === 'number') runnable.TimeoutSeconds = capTimeout(runnable.TimeoutSeconds);
  if (problems.length > 0) {
    throw unprocessable('WORKFLOW_DEFINITION_INVALID', `workflow ${name}: ${problems.join('; ')}`, { problems });
  }
  return { asl, runnable: runnable as unknown as StateMachineDefinition, ...out };
}
