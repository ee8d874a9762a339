import { isDeepStrictEqual } from 'node:util';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Logger } from '../../logger.ts';
import type { SqlDatabase } from '../../ports/sql.ts';
import type {
  ExecutionDescription,
  JsonValue,
  ListExecutionsOptions,
  Page,
  TaskFunction,
  Workflows,
} from '../../ports/workflows.ts';
import { assertValidAsl } from '../../workflows/validate-asl.ts';
import { CallbackWaiters } from './workflows/callback-waiters.ts';
import { ExecutionStore, type ExecutionOutcome } from './workflows/execution-store.ts';
import { prepareDefinition, TASK_TOKEN_PLACEHOLDER, type LocalDefinition } from './workflows/local-definition.ts';
import { localHandlers } from './workflows/state-handlers.ts';
import { TaskJournal, type StepOutcome } from './workflows/task-journal.ts';

export { workflowMigrations } from './workflows/migrations.ts';

/** Dependencies and knobs of {@link AslWorkflowEngine}. */
export interface AslWorkflowEngineOptions {
  /** Migrated with `workflowMigrations`. */
  db: SqlDatabase;
  clock: Clock;
  logger: Logger;
  /** How often Wait states re-read the clock (default 1000 ms; tests use a few ms). */
  pollIntervalMs?: number;
  /** Replaces every Retry interval (ms); tests set 0 so retries do not sleep. */
  retryIntervalMs?: number;
}

const EXECUTION_ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

interface LiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Local Step Functions: runs registered ASL with aws-local-stepfunctions, in this process.
 *
 * Durability: executions and a journal of their Task/Wait states live in SQL. After a crash,
 * {@link open} replays every RUNNING execution from its original input; Task states already
 * journaled return their recorded result (or error) instead of running again, callback states
 * keep their task token (an answer given in between is honoured) and Wait states keep their
 * wake-up time. Only a task that was in flight at the crash runs twice, hence idempotent tasks.
 * Replay relies on the library being deterministic for the same results, which ASL is, except
 * a state machine's own TimeoutSeconds, which restarts with the replay.
 *
 * Lifecycle: register tasks and workflows, then {@link open}; {@link close} at shutdown. An
 * execution started before `open` is stored and runs once the engine opens.
 */
export class AslWorkflowEngine implements Workflows {
  readonly #definitions = new Map<string, LocalDefinition>();
  readonly #tasks = new Map<string, TaskFunction>();
  readonly #runs = new Map<string, LiveRun>();
  readonly #callbacks = new CallbackWaiters();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #executions: ExecutionStore;
  readonly #journal: TaskJournal;
  #open = false;

  constructor(private readonly options: AslWorkflowEngineOptions) {
    this.#executions = new ExecutionStore(options.db);
    this.#journal = new TaskJournal(options.db);
  }

  register(name: string, definition: unknown): void {
    assertValidAsl(name, definition);
    this.#definitions.set(name, prepareDefinition(name, definition as StateMachineDefinition));
  }

  registerTask(name: string, fn: TaskFunction): void {
    this.#tasks.set(name, fn);
  }

  /** Starts running executions: resumes those a previous process left RUNNING (register workflows first). */
  async open(): Promise<void> {
    this.#open = true;
    for (const execution of await this.#executions.running()) {
      const definition = this.#definitions.get(execution.workflow);
      if (!definition) {
        this.options.logger.warn({ executionId: execution.executionId, workflow: execution.workflow }, 'workflow not registered; execution left RUNNING');
        continue;
      }
      this.#launch(execution.executionId, execution.workflow, definition, execution.input);
    }
  }

  /**
   * Stops running executions without ending them: they stay RUNNING and resume at the next
   * {@link open}. Waits for task functions in progress (they see `ctx.signal` abort) so that
   * their results are journaled and not run again.
   */
  async close(): Promise<void> {
    this.#open = false;
    const runs = [...this.#runs.values()];
    for (const run of runs) run.controller.abort(new Error('workflow engine closing'));
    await Promise.all(runs.map((run) => run.done));
    await Promise.allSettled([...this.#inFlight]);
  }

  async start(name: string, input: JsonValue, options: { executionId?: string } = {}): Promise<{ executionId: string }> {
    const definition = this.#definitions.get(name);
    if (!definition) throw notFound('WORKFLOW_NOT_FOUND', `no workflow is registered as ${name}`);
    const missing = [...definition.taskNames].filter((task) => !this.#tasks.has(task));
    if (missing.length > 0) {
      throw unprocessable('WORKFLOW_TASK_UNKNOWN', `workflow ${name} calls unregistered task functions: ${missing.join(', ')}`, { missing });
    }
    const executionId = options.executionId ?? newId();
    if (!EXECUTION_ID_RE.test(executionId)) {
      throw badRequest('EXECUTION_ID_INVALID', 'executionId must be 1 to 80 letters, digits, "-" or "_"');
    }
    if (!(await this.#executions.insert(executionId, name, input ?? null, this.options.clock.now()))) {
      const existing = await this.#executions.get(executionId);
      if (existing && existing.workflow === name && isDeepStrictEqual(existing.input, input ?? null)) return { executionId };
      throw conflict('EXECUTION_ALREADY_EXISTS', `execution ${executionId} already exists with another workflow or input`);
    }
    if (this.#open) this.#launch(executionId, name, definition, input ?? null);
    return { executionId };
  }

  describe(executionId: string): Promise<ExecutionDescription | null> {
    return this.#executions.get(executionId);
  }

  list(options?: ListExecutionsOptions): Promise<Page<ExecutionDescription>> {
    return this.#executions.list(options);
  }

  async stop(executionId: string, options: { error?: string; cause?: string } = {}): Promise<void> {
    if (!(await this.#executions.get(executionId))) throw notFound('EXECUTION_NOT_FOUND', `no execution ${executionId}`);
    const outcome: ExecutionOutcome = { status: 'ABORTED', error: options.error ?? null, cause: options.cause ?? null };
    await this.#executions.finish(executionId, outcome, this.options.clock.now());
    const run = this.#runs.get(executionId);
    run?.controller.abort(new Error('execution stopped'));
    await run?.done;
  }

  sendTaskSuccess(taskToken: string, output: JsonValue): Promise<void> {
    return this.#answer(taskToken, { status: 'SUCCEEDED', output: output ?? null });
  }

  sendTaskFailure(taskToken: string, error: string, cause = ''): Promise<void> {
    return this.#answer(taskToken, { status: 'FAILED', error, cause });
  }

  async waitForCompletion(executionId: string): Promise<ExecutionDescription> {
    for (;;) {
      const execution = await this.#executions.get(executionId);
      if (!execution) throw notFound('EXECUTION_NOT_FOUND', `no execution ${executionId}`);
      if (execution.status !== 'RUNNING') return execution;
      const run = this.#runs.get(executionId);
      await (run ? run.done : new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs ?? 1000)));
    }
  }

  async #answer(taskToken: string, outcome: StepOutcome): Promise<void> {
    const answer = await this.#journal.answerToken(taskToken, outcome, this.options.clock.now());
    if (answer === 'unknown') throw notFound('TASK_TOKEN_INVALID', 'unknown task token');
    if (answer === 'closed') throw conflict('TASK_TOKEN_CLOSED', 'this task was already answered or its execution has ended');
    this.#callbacks.settle(taskToken, outcome);
  }

  #launch(executionId: string, workflow: string, definition: LocalDefinition, input: JsonValue): void {
    if (this.#runs.has(executionId)) return;
    const controller = new AbortController();
    const { pollIntervalMs = 1000, retryIntervalMs } = this.options;
    const overrides = {
      taskResourceLocalHandlers: localHandlers({
        executionId,
        workflow,
        definition,
        tasks: this.#tasks,
        journal: this.#journal,
        callbacks: this.#callbacks,
        clock: this.options.clock,
        signal: controller.signal,
        pollIntervalMs,
        inFlight: this.#inFlight,
      }),
      ...(retryIntervalMs === undefined ? {} : { retryIntervalOverrides: Object.fromEntries(definition.retryingStates.map((s) => [s, retryIntervalMs])) }),
    };
    // Validated by asl-validator at register(); the runnable copy uses local-only resources.
    const machine = new StateMachine(definition.runnable, { validationOptions: { noValidate: true } });
    const execution = machine.run(input as never, {
      overrides,
      context: { Execution: { Id: executionId, Name: executionId }, StateMachine: { Name: workflow }, Task: { Token: TASK_TOKEN_PLACEHOLDER } },
    });
    controller.signal.addEventListener('abort', () => execution.abort(), { once: true });
    const done = execution.result
      .then(
        (output) => this.#finish(executionId, controller, { status: 'SUCCEEDED', output: output as JsonValue }),
        (err: unknown) => this.#finish(executionId, controller, this.#failure(err)),
      )
      .catch((err: unknown) => this.options.logger.error({ err, executionId }, 'could not record the end of a workflow execution'))
      .finally(() => this.#runs.delete(executionId));
    this.#runs.set(executionId, { controller, done });
  }

  async #finish(executionId: string, controller: AbortController, outcome: ExecutionOutcome | null): Promise<void> {
    // Aborted runs were either stopped (already ABORTED) or interrupted by close() (stay RUNNING).
    if (controller.signal.aborted || !outcome) return;
    await this.#executions.finish(executionId, outcome, this.options.clock.now());
  }

  #failure(err: unknown): ExecutionOutcome | null {
    if (err instanceof ExecutionAbortedError) return null;
    if (err instanceof ExecutionTimeoutError) return { status: 'FAILED', error: 'States.Timeout', cause: 'the execution timed out' };
    const cause = err instanceof ExecutionError ? err.cause : err;
    if (cause instanceof AppError) return { status: 'FAILED', error: cause.code, cause: cause.message };
    if (cause instanceof Error) return { status: 'FAILED', error: cause.name, cause: cause.message };
    return { status: 'FAILED', error: 'States.Runtime', cause: String(cause) };
  }
}
