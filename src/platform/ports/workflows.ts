import type { JsonValue, Page } from './event-bus.ts';

export type { JsonValue, Page };

/** Lifecycle of one execution, as Step Functions names it (timeouts end as FAILED with `States.Timeout`). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** One execution of a workflow, as stored. */
export interface ExecutionDescription {
  executionId: string;
  workflow: string;
  status: ExecutionStatus;
  input: JsonValue;
  /** The final state's output, once SUCCEEDED. */
  output: JsonValue | null;
  /** Error name (e.g. `States.TaskFailed`, `KbisRejected`) once FAILED. */
  error: string | null;
  cause: string | null;
  startedAt: Date;
  stoppedAt: Date | null;
}

/** What a task function is told about the state that calls it. */
export interface TaskContext {
  executionId: string;
  workflow: string;
  /** Name of the Task state in the ASL definition. */
  stateName: string;
  /**
   * For `.waitForTaskToken` states: the token to hand to whoever will answer with
   * {@link Workflows.sendTaskSuccess} / {@link Workflows.sendTaskFailure}. Also substituted
   * wherever the definition's Parameters reference `$$.Task.Token`.
   */
  taskToken?: string;
  /** Fires when the engine stops or the execution is aborted; long tasks may give up early. */
  signal: AbortSignal;
}

/**
 * A module function called by Task states. It receives the state's effective input (after
 * InputPath/Parameters) and returns the state's result. Throw {@link TaskFailure} (or any Error,
 * whose `name` is used) to fail the state: Retry/Catch match on that name.
 * Must be idempotent: a crash may run it again with the same input.
 */
export type TaskFunction = (input: JsonValue, ctx: TaskContext) => Promise<JsonValue>;

/** A task's failure with an ASL error name, e.g. `new TaskFailure('KbisUnreadable', 'no SIREN found')`. */
export class TaskFailure extends Error {
  /**
   * @param error the ASL error name matched by `ErrorEquals`
   * @param cause human-readable detail, stored as the execution's cause
   */
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** Options for {@link Workflows.list}. */
export interface ListExecutionsOptions {
  workflow?: string;
  status?: ExecutionStatus;
  /** 1..100, default 20. */
  limit?: number;
  cursor?: string;
}

/**
 * The workflows port: Amazon States Language state machines, one JSON file per workflow.
 *
 * Local adapter: `aws-local-stepfunctions` runs the ASL in-process, executions and task tokens
 * in SQL. Production: the same ASL deployed to Step Functions, Task resources resolved to the
 * modules' Lambda functions. Task Resources are Lambda ARNs (`arn:aws:lambda:…:function:kbis-extract`),
 * plain function names (`kbis-extract`), `arn:aws:states:::lambda:invoke` with a static
 * FunctionName, or service integrations (`arn:aws:states:::sns:publish` → the task `sns:publish`);
 * a `.waitForTaskToken` suffix pauses the state until the token is answered.
 *
 * @example
 * ```ts
 * workflows.registerTask('kbis-extract', async (input) => extract(input));
 * workflows.register('kbis-verification', JSON.parse(await readFile('kbis-verification.asl.json', 'utf8')));
 * const { executionId } = await workflows.start('kbis-verification', { documentId }, { executionId: `kbis-${documentId}` });
 * ```
 */
export interface Workflows {
  /**
   * Adds (or replaces) the workflow `name`. Throws AppError 422 `WORKFLOW_DEFINITION_INVALID`
   * when asl-validator rejects the definition or a Task Resource cannot be mapped to a function.
   */
  register(name: string, definition: unknown): void;

  /** Makes `fn` callable by Task states whose Resource names `name`. Replaces an earlier registration. */
  registerTask(name: string, fn: TaskFunction): void;

  /**
   * Starts an execution. Idempotent on `executionId` (1-80 of `A-Za-z0-9_-`): starting again with
   * the same workflow and input returns the same execution. Throws AppError 404 `WORKFLOW_NOT_FOUND`,
   * 422 `WORKFLOW_TASK_UNKNOWN` (a Task names an unregistered function), 409 `EXECUTION_ALREADY_EXISTS`
   * (same id, other workflow or input), 400 `EXECUTION_ID_INVALID`.
   */
  start(name: string, input: JsonValue, options?: { executionId?: string }): Promise<{ executionId: string }>;

  /** The execution, or null when there is none with this id. */
  describe(executionId: string): Promise<ExecutionDescription | null>;

  /** Executions, most recently started first. Throws AppError 400 `CURSOR_INVALID` for a bad cursor. */
  list(options?: ListExecutionsOptions): Promise<Page<ExecutionDescription>>;

  /**
   * Aborts a running execution (status ABORTED). No effect on a finished one.
   * Throws AppError 404 `EXECUTION_NOT_FOUND`.
   */
  stop(executionId: string, options?: { error?: string; cause?: string }): Promise<void>;

  /**
   * Completes the `.waitForTaskToken` state waiting on `taskToken` with `output`.
   * Throws AppError 404 `TASK_TOKEN_INVALID` for an unknown token, 409 `TASK_TOKEN_CLOSED` when it
   * was already answered or its execution is no longer running.
   */
  sendTaskSuccess(taskToken: string, output: JsonValue): Promise<void>;

  /** Fails the state waiting on `taskToken` with `error` (matched by Retry/Catch). Same errors as sendTaskSuccess. */
  sendTaskFailure(taskToken: string, error: string, cause?: string): Promise<void>;

  /**
   * Tells the `.waitForTaskToken` state waiting on `taskToken` that its work goes on, which
   * restarts its HeartbeatSeconds. Same errors as sendTaskSuccess.
   */
  sendTaskHeartbeat(taskToken: string): Promise<void>;

  /** Resolves once the execution is no longer RUNNING (tests, CLI). Throws AppError 404 `EXECUTION_NOT_FOUND`. */
  waitForCompletion(executionId: string): Promise<ExecutionDescription>;
}
