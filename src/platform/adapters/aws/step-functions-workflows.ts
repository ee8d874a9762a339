import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { decodeCursor, encodeCursor } from '../../pagination/cursor.ts';
import { resolveLimit } from '../../pagination/limits.ts';
import type { ExecutionDescription, ExecutionStatus, JsonValue, ListExecutionsOptions, Page, TaskContext, TaskFunction, Workflows } from '../../ports/workflows.ts';
import { assertValidAsl } from '../../workflows/validate-asl.ts';

export interface StepFunctionsWorkflowsOptions {
  client: SFNClient;
  /** env STATE_MACHINE_ARN_PREFIX, e.g. `arn:aws:states:eu-west-3:111122223333:stateMachine:novaevo-`: a workflow's name completes it. */
  stateMachineArnPrefix: string;
  /** Pause between DescribeExecution calls in `waitForCompletion` (default 1 s). */
  pollIntervalMs?: number;
}

const EXECUTION_ID = /^[A-Za-z0-9_-]{1,80}$/;
const cursorSchema = z.object({ workflow: z.string(), token: z.string() });
const errorName = (err: unknown) => (err as { name?: string } | null)?.name;

/**
 * The workflows port on Step Functions (standard workflows). The state machines are deployed by
 * the CDK stack from the same ASL files the local engine runs, one per registered workflow, named
 * `<prefix><workflow>`; `register` only checks the definition and records the name. Task states
 * invoke the modules' Lambda functions, whose handler calls {@link StepFunctionsWorkflows.runTask}.
 * The execution id is the execution's name, which makes StartExecution idempotent as the port wants.
 */
export class StepFunctionsWorkflows implements Workflows {
  readonly #client: SFNClient;
  readonly #prefix: string;
  readonly #pollIntervalMs: number;
  readonly #workflows = new Set<string>();
  readonly #tasks = new Map<string, TaskFunction>();

  constructor(options: StepFunctionsWorkflowsOptions) {
    this.#client = options.client;
    this.#prefix = options.stateMachineArnPrefix;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  register(name: string, definition: unknown): void {
    assertValidAsl(name, definition);
    this.#workflows.add(name);
  }

  registerTask(name: string, fn: TaskFunction): void {
    this.#tasks.set(name, fn);
  }

  /** Runs task `name` for a Task state's Lambda invocation. Throws 422 `WORKFLOW_TASK_UNKNOWN` for an unregistered one. */
  async runTask(name: string, input: JsonValue, ctx: TaskContext): Promise<JsonValue> {
    const fn = this.#tasks.get(name);
    if (!fn) throw new AppError(422, 'WORKFLOW_TASK_UNKNOWN', `No task function ${name} is registered in this function.`);
    return fn(input, ctx);
  }

  async start(name: string, input: JsonValue, options: { executionId?: string } = {}): Promise<{ executionId: string }> {
    if (!this.#workflows.has(name)) throw notFound('WORKFLOW_NOT_FOUND', `No workflow ${name} is registered.`);
    const executionId = options.executionId ?? newId();
    if (!EXECUTION_ID.test(executionId)) throw badRequest('EXECUTION_ID_INVALID', 'executionId must be 1 to 80 of A-Za-z0-9_-');
    try {
      await this.#client.send(new StartExecutionCommand({ stateMachineArn: this.#stateMachineArn(name), name: executionId, input: JSON.stringify(input) }));
    } catch (err) {
      // Same name and same input is answered with the running execution; another input is this error.
      if (errorName(err) === 'ExecutionAlreadyExists') throw conflict('EXECUTION_ALREADY_EXISTS', `Execution ${executionId} exists with another input.`);
      throw err;
    }
    return { executionId };
  }

  async describe(executionId: string): Promise<ExecutionDescription | null> {
    if (!EXECUTION_ID.test(executionId)) return null;
    // An execution id names no workflow: ask each state machine (there are a handful).
    const found = await Promise.all([...this.#workflows].map((workflow) => this.#describe(workflow, executionId)));
    return found.find((d) => d !== null) ?? null;
  }

  /**
   * ListExecutions of one state machine, newest first, each described (ListExecutions carries no
   * input or output). A FAILED filter leaves out timed-out executions (TIMED_OUT on AWS), which
   * are described as FAILED. On AWS `workflow` is required unless a single workflow is registered:
   * 400 `WORKFLOW_REQUIRED` otherwise.
   */
  async list(options: ListExecutionsOptions = {}): Promise<Page<ExecutionDescription>> {
    const limit = resolveLimit(options.limit, { defaultLimit: 20, maxLimit: 100 });
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, cursorSchema);
    const workflow = options.workflow ?? after?.workflow ?? (this.#workflows.size === 1 ? [...this.#workflows][0] : undefined);
    if (!workflow) throw badRequest('WORKFLOW_REQUIRED', 'On Step Functions, list executions of one workflow at a time.');
    if (after && after.workflow !== workflow) throw badRequest('CURSOR_INVALID', 'The pagination cursor is invalid: it belongs to another workflow.');
    const page = await this.#client.send(
      new ListExecutionsCommand({ stateMachineArn: this.#stateMachineArn(workflow), maxResults: limit, nextToken: after?.token, statusFilter: options.status }),
    );
    const items = await Promise.all((page.executions ?? []).map((e) => this.#describe(workflow, e.name!)));
    return {
      items: items.filter((d): d is ExecutionDescription => d !== null),
      nextCursor: page.nextToken ? encodeCursor({ workflow, token: page.nextToken }) : null,
    };
  }

  async stop(executionId: string, options: { error?: string; cause?: string } = {}): Promise<void> {
    const description = await this.describe(executionId);
    if (!description) throw notFound('EXECUTION_NOT_FOUND', `No execution ${executionId}.`);
    if (description.status !== 'RUNNING') return;
    await this.#client.send(new StopExecutionCommand({ executionArn: this.#executionArn(description.workflow, executionId), error: options.error, cause: options.cause }));
  }

  async sendTaskSuccess(taskToken: string, output: JsonValue): Promise<void> {
    await this.#answer(() => this.#client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async sendTaskFailure(taskToken: string, error: string, cause?: string): Promise<void> {
    await this.#answer(() => this.#client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    await this.#answer(() => this.#client.send(new SendTaskHeartbeatCommand({ taskToken })));
  }

  async waitForCompletion(executionId: string): Promise<ExecutionDescription> {
    for (;;) {
      const description = await this.describe(executionId);
      if (!description) throw notFound('EXECUTION_NOT_FOUND', `No execution ${executionId}.`);
      if (description.status !== 'RUNNING') return description;
      await new Promise((resolve) => setTimeout(resolve, this.#pollIntervalMs));
    }
  }

  async #answer(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      const name = errorName(err);
      if (name === 'TaskDoesNotExist' || name === 'InvalidToken') throw notFound('TASK_TOKEN_INVALID', 'The task token is unknown.');
      if (name === 'TaskTimedOut') throw conflict('TASK_TOKEN_CLOSED', 'The task token was answered already, or its execution is over.');
      throw err;
    }
  }

  async #describe(workflow: string, executionId: string): Promise<ExecutionDescription | null> {
    try {
      const out = await this.#client.send(new DescribeExecutionCommand({ executionArn: this.#executionArn(workflow, executionId) }));
      return toDescription(workflow, executionId, out);
    } catch (err) {
      if (errorName(err) === 'ExecutionDoesNotExist') return null;
      throw err;
    }
  }

  #stateMachineArn(workflow: string): string {
    return this.#prefix + workflow;
  }

  /** `arn:aws:states:<region>:<account>:execution:<state machine name>:<execution name>`. */
  #executionArn(workflow: string, executionId: string): string {
    return `${this.#stateMachineArn(workflow).replace(':stateMachine:', ':execution:')}:${executionId}`;
  }
}

/**
 * Step Functions' statuses in the port's terms: a timeout is a failure named `States.Timeout`,
 * an execution waiting to be redriven runs again.
 */
export function toDescription(workflow: string, executionId: string, out: DescribeExecutionCommandOutput): ExecutionDescription {
  const timedOut = out.status === 'TIMED_OUT';
  const status: ExecutionStatus =
    out.status === 'PENDING_REDRIVE' ? 'RUNNING' : out.status === 'RUNNING' || out.status === 'SUCCEEDED' || out.status === 'ABORTED' ? out.status : 'FAILED';
  return {
    executionId,
    workflow,
    status,
    input: parseJson(out.input),
    output: status === 'SUCCEEDED' ? parseJson(out.output) : null,
    error: timedOut ? (out.error ?? 'States.Timeout') : (out.error ?? null),
    cause: out.cause ?? null,
    startedAt: out.startDate ?? new Date(0),
    stoppedAt: out.stopDate ?? null,
  };
}

function parseJson(text: string | undefined): JsonValue {
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}
