import { resolveTaskResource } from '../../platform/adapters/local/workflows/local-definition.ts';
import type { JsonValue } from '../../platform/ports/event-bus.ts';

/**
 * How a Step Functions Task state calls a module's function. One function serves all of its
 * module's tasks, so the payload names the task — the same name the local engine resolves from
 * the Resource (`kbis-read-document`, or FunctionName of `lambda:invoke`):
 *
 * ```json
 * { "task": "kbis-read-document", "input": <the state's effective input>,
 *   "execution": "<$$.Execution.Id>", "stateMachine": "<$$.StateMachine.Name>", "state": "<$$.State.Name>",
 *   "taskToken": "<$$.Task.Token, for .waitForTaskToken states only>" }
 * ```
 *
 * {@link awsTaskState} rewrites a module's ASL Task state into that call; the CDK app applies it
 * to every Task state of the ASL files the local runtime executes.
 */
export interface TaskInvocation {
  task: string;
  input: JsonValue;
  /** The execution's ARN or id. */
  execution: string;
  /** The workflow's name (the state machine's). */
  stateMachine: string;
  state: string;
  taskToken?: string;
}

export class TaskInvocationError extends Error {
  override name = 'TaskInvocationInvalid';
}

/** Reads a task invocation payload. Throws {@link TaskInvocationError} for a malformed one. */
export function parseTaskInvocation(e: Record<string, unknown>): TaskInvocation {
  for (const key of ['task', 'execution', 'stateMachine', 'state'] as const) {
    if (typeof e[key] !== 'string' || e[key] === '') throw new TaskInvocationError(`a task invocation needs a non-empty string "${key}"`);
  }
  if (!('input' in e)) throw new TaskInvocationError('a task invocation needs "input"');
  if (e.taskToken !== undefined && typeof e.taskToken !== 'string') throw new TaskInvocationError('"taskToken" must be a string');
  return {
    task: e.task as string,
    input: e.input as JsonValue,
    execution: e.execution as string,
    stateMachine: e.stateMachine as string,
    state: e.state as string,
    ...(typeof e.taskToken === 'string' ? { taskToken: e.taskToken } : {}),
  };
}

type Json = Record<string, unknown>;

/** The ASL Parameters that make a Task state's call a {@link TaskInvocation}. */
function payloadOf(task: string, input: unknown, callback: boolean): Json {
  return {
    task,
    // A state without Parameters passes its whole input, as the local engine does.
    ...(input === undefined ? { 'input.$': '$' } : { input }),
    'execution.$': '$$.Execution.Id',
    'stateMachine.$': '$$.StateMachine.Name',
    'state.$': '$$.State.Name',
    ...(callback ? { 'taskToken.$': '$$.Task.Token' } : {}),
  };
}

/**
 * A Task state of a module's ASL as Step Functions runs it: the call goes to `functionArn` (the
 * module's function) with a {@link TaskInvocation} payload. Plain calls use the function's ARN
 * as Resource (the result is the state's result, as locally); `.waitForTaskToken` calls use
 * `lambda:invoke.waitForTaskToken`. Service integrations (`arn:aws:states:::sns:publish`) and
 * other states are returned unchanged. Throws for a Resource the local engine would refuse.
 */
export function awsTaskState(state: Json, functionArnOf: (task: string) => string): Json {
  if (state.Type !== 'Task' || typeof state.Resource !== 'string') return state;
  if (/^arn:aws[\w-]*:states:::(?!lambda:invoke)/.test(state.Resource)) return state;
  const spec = resolveTaskResource(state.Resource, state.Parameters);
  if (typeof spec === 'string') throw new Error(spec);
  const { Resource: _resource, Parameters: parameters, ...rest } = state;
  const input = spec.lambdaInvoke ? (parameters as Json).Payload : parameters;
  const payload = payloadOf(spec.taskName, input, spec.callback);
  if (spec.callback) {
    return { ...rest, Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: functionArnOf(spec.taskName), Payload: payload } };
  }
  return { ...rest, Resource: functionArnOf(spec.taskName), Parameters: payload };
}

/** The whole definition with {@link awsTaskState} applied to every Task state, nested ones included. */
export function awsDefinition(definition: Json, functionArnOf: (task: string) => string): Json {
  const states: Json = {};
  for (const [name, raw] of Object.entries(definition.States as Json)) {
    const state = { ...awsTaskState(raw as Json, functionArnOf) };
    if (Array.isArray(state.Branches)) state.Branches = state.Branches.map((b: Json) => awsDefinition(b, functionArnOf));
    for (const key of ['Iterator', 'ItemProcessor']) if (state[key]) state[key] = awsDefinition(state[key] as Json, functionArnOf);
    states[name] = state;
  }
  return { ...definition, States: states };
}
