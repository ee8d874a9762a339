import { isDeepStrictEqual } from 'node:util';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { PollingLoop } from '../../background/polling-loop.ts';
import type { Clock } from '../../clock.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Logger } from '../../logger.ts';
import type { SqlDatabase } from '../../ports/sql.ts';
import type { ExecutionDescription, JsonValue, ListExecutionsOptions, Page, TaskFunction, Workflows } from '../../ports/workflows.ts';
import { assertValidAsl } from '../../workflows/validate-asl.ts';
import { CallbackPoller } from './workflows/callback-poller.ts';
import { CallbackWaiters } from './workflows/callback-waiters.ts';
import { ExecutionLeases, LeaseLostError } from './workflows/execution-leases.ts';
import { executionFailure, ExecutionStore, type ExecutionOutcome } from './workflows/execution-store.ts';
import { prepareDefinition, TASK_TOKEN_PLACEHOLDER, type LocalDefinition } from './workflows/local-definition.ts';
import { localHandlers } from './workflows/state-handlers.ts';
import { TaskJournal, type StepOutcome } from './workflows/task-journal.ts';

export { workflowMigrations } from './workflows/migrations.ts';

/** Dependencies and knobs of {@link AslWorkflowEngine}. */
export interface AslWorkflowEngineOptions {
  /** Migrated with `workflowMigrations`. */
  db: SqlDatabase;
  /** Business time: Wait states and execution timestamps. */
  clock: Clock;
  logger: Logger;
  /** How often Wait states re-read the clock (default 1000 ms; tests use a few ms). */
  pollIntervalMs?: number;
  /** Replaces every Retry interval (ms); tests set 0 so retries do not sleep. */
  retryIntervalMs?: number;
  /**
   * This process's id in execution leases (default: a new random id). Must differ between
   * processes running at the same time on one database. A process restarted with the same id
   * resumes its executions at once instead of waiting for their leases to pass, so a fixed id
   * suits a database only one process can open (PGlite).
   */
  owner?: string;
  /** How long an execution stays with its process without a heartbeat before another may take it over (default 30 s). */
  leaseMs?: number;
  /** How often the leases of running executions are renewed (default a third of `leaseMs`). */
  heartbeatMs?: number;
  /** How often to look for executions to take over and for answers given to another process (default 1000 ms). */
  claimIntervalMs?: number;
  /**
   * Time of the leases (default `clock`, like the event bus's leases): processes sharing a
   * database must agree on it. Tests give a clock of its own to let a lease pass by hand.
   */
  leaseClock?: Clock;
}

const EXECUTION_ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

// aws-local-stepfunctions (and the AWS SDK Lambda client it imports, ~35 MB and 0.1 s) is loaded
// by the first execution this process runs, not at start: most starts run none.
let library: Promise<typeof import('aws-local-stepfunctions')> | undefined;
const stepFunctions = () => (library ??= import('aws-local-stepfunctions'));
const CLAIM_BATCH = 20;

interface LiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Local Step Functions: runs registered ASL with aws-local-stepfunctions, in this process.
 *
 * Durability: executions and a journal of their Task/Wait states live in SQL. An execution
 * that no process runs (after a crash, a shutdown, or a start before {@link open}) is replayed
 * from its original input; Task states already journaled return their recorded result (or error)
 * instead of running again, callback states keep their task token (an answer given in between
 * is honoured) and Wait states keep their wake-up time. Only a task that was in flight at the
 * crash runs twice, hence idempotent tasks. Replay relies on the library being deterministic for
 * the same results, which ASL is, except a state machine's own TimeoutSeconds, which restarts
 * with the replay.
 *
 * Scale-out: several processes may share one PostgreSQL database. Each execution is leased to
 * one process (`owner`, `lease_until`), renewed by a heartbeat and before every step; a process
 * whose lease has passed (it died) loses its executions to the next one that polls, which
 * replays them from the journal. Every journal write is fenced by the lease and keyed by
 * execution and step, so a step is recorded once and a process that lost its lease stops.
 * Task tokens may be answered and executions stopped on any process; the process running a
 * stopped execution notices at its next heartbeat.
 *
 * Lifecycle: register tasks and workflows, then {@link open}; {@link close} at shutdown. An
 * execution started before `open` is stored and runs once an engine opens.
 */
export class AslWorkflowEngine implements Workflows {
  readonly #definitions = new Map<string, LocalDefinition>();
  readonly #tasks = new Map<string, TaskFunction>();
  readonly #runs = new Map<string, LiveRun>();
  readonly #callbacks = new CallbackWaiters();
  readonly #poller: CallbackPoller;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #executions: ExecutionStore;
  readonly #journal: TaskJournal;
  readonly #owner: string;
  readonly #leases: ExecutionLeases;
  readonly #leaseMs: number;
  readonly #leaseClock: Clock;
  readonly #claimLoop: PollingLoop;
  readonly #heartbeat: PollingLoop;
  #open = false;

  constructor(private readonly options: AslWorkflowEngineOptions) {
    this.#executions = new ExecutionStore(options.db);
    this.#journal = new TaskJournal(options.db);
    this.#owner = options.owner ?? newId();
    this.#leases = new ExecutionLeases(options.db, this.#owner);
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#leaseClock = options.leaseClock ?? options.clock;
    const heartbeatMs = options.heartbeatMs ?? this.#leaseMs / 3;
    if (!(heartbeatMs > 0 && heartbeatMs < this.#leaseMs))
      throw new RangeError(`heartbeat (${heartbeatMs} ms) must be shorter than the lease (${this.#leaseMs} ms)`);
    const { logger } = options;
    this.#poller = new CallbackPoller(this.#journal, options.claimIntervalMs ?? 1000, (err) => logger.error({ err }, 'polling workflow callbacks failed'));
    this.#claimLoop = new PollingLoop(
      () => this.#claim(),
      options.claimIntervalMs ?? 1000,
      (err) => logger.error({ err }, 'claiming workflow executions failed'),
    );
    this.#heartbeat = new PollingLoop(
      () => this.#renewAll(),
      heartbeatMs,
      (err) => logger.error({ err }, 'renewing workflow leases failed'),
    );
  }

  register(name: string, definition: unknown): void {
    assertValidAsl(name, definition);
    this.#definitions.set(name, prepareDefinition(name, definition as StateMachineDefinition));
    // Executions of this workflow may be waiting for a process that can run them.
    this.#claimLoop.nudge();
  }

  registerTask(name: string, fn: TaskFunction): void {
    this.#tasks.set(name, fn);
    this.#claimLoop.nudge();
  }

  /** Starts running executions: resumes those no live process holds (register workflows first), then keeps polling for more. */
  async open(): Promise<void> {
    this.#open = true;
    await this.#claim();
    this.#claimLoop.start();
    this.#heartbeat.start();
  }

  /**
   * Stops running executions without ending them: they stay RUNNING, released for another
   * process (or the next {@link open}) to resume at once. Waits for task functions in progress
   * (they see `ctx.signal` abort) so that their results are journaled and not run again.
   */
  async close(): Promise<void> {
    this.#open = false;
    await this.#claimLoop.stop();
    await this.#heartbeat.stop();
    // Heartbeats kept in memory go to the journal, so that the process resuming these callbacks counts from them.
    await Promise.allSettled(this.#callbacks.unjournaledBeats().map((b) => this.#journal.heartbeatToken(b.taskToken, b.at)));
    const runs = [...this.#runs.values()];
    for (const run of runs) run.controller.abort(new Error('workflow engine closing'));
    await Promise.all(runs.map((run) => run.done));
    await Promise.allSettled([...this.#inFlight]);
    await this.#poller.stop();
    await this.#leases.releaseAll();
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
    const lease = this.#open ? { owner: this.#owner, until: this.#leaseUntil() } : undefined;
    if (!(await this.#executions.insert(executionId, name, input ?? null, this.options.clock.now(), lease))) {
      const existing = await this.#executions.get(executionId);
      if (existing && existing.workflow === name && isDeepStrictEqual(existing.input, input ?? null)) return { executionId };
      throw conflict('EXECUTION_ALREADY_EXISTS', `execution ${executionId} already exists with another workflow or input`);
    }
    if (this.#open) this.#launch(executionId, name, definition, input ?? null, true);
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

  /**
   * A heartbeat of a callback paused in this process whose journaled heartbeat is younger than a
   * tenth of its HeartbeatSeconds is kept in memory (`UNJOURNALED_HEARTBEAT_SHARE`): most
   * heartbeats then cost no statement. Such a token is known open here; an answer or a stop given
   * to another process in the last poll interval is not seen by it yet.
   */
  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    const now = this.options.clock.now();
    if (this.#callbacks.beat(taskToken, now)) return;
    const answer = await this.#journal.heartbeatToken(taskToken, now);
    if (answer === 'unknown') throw notFound('TASK_TOKEN_INVALID', 'unknown task token');
    if (answer === 'closed') throw conflict('TASK_TOKEN_CLOSED', 'this task was already answered or its execution has ended');
    this.#callbacks.journaled(taskToken, now);
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

  /** Claims executions no live process holds, in batches, and runs them here. */
  async #claim(): Promise<void> {
    for (;;) {
      if (!this.#open) return;
      const runnable = [...this.#definitions].filter(([, d]) => [...d.taskNames].every((t) => this.#tasks.has(t))).map(([name]) => name);
      const claimed = await this.#leases.claim({
        now: this.#leaseClock.now(),
        until: this.#leaseUntil(),
        workflows: runnable,
        running: [...this.#runs.keys()],
        limit: CLAIM_BATCH,
      });
      for (const c of claimed) this.#launch(c.executionId, c.workflow, this.#definitions.get(c.workflow)!, c.input);
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  /** Heartbeat: extends the leases of the runs here; stops those another process took over or that ended elsewhere. */
  async #renewAll(): Promise<void> {
    const ids = [...this.#runs.keys()];
    const held = await this.#leases.renew(ids, this.#leaseUntil());
    for (const id of ids.filter((i) => !held.has(i))) {
      this.options.logger.warn({ executionId: id }, 'workflow execution no longer held by this process; stopped here');
      this.#runs.get(id)?.controller.abort(new LeaseLostError(id));
    }
  }

  #leaseUntil(): Date {
    return new Date(this.#leaseClock.now().getTime() + this.#leaseMs);
  }

  /** Runs an execution here; `fresh` when this process has just inserted it (no journal to replay). */
  #launch(executionId: string, workflow: string, definition: LocalDefinition, input: JsonValue, fresh = false): void {
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
        poller: this.#poller,
        fresh,
        lease: this.#leases.forRun(executionId, controller, () => this.#leaseUntil()),
        inFlight: this.#inFlight,
      }),
      ...(retryIntervalMs === undefined ? {} : { retryIntervalOverrides: Object.fromEntries(definition.retryingStates.map((s) => [s, retryIntervalMs])) }),
    };
    const done = stepFunctions()
      .then((lib) => {
        if (controller.signal.aborted) return; // stopped (or closing) before it could start
        // Validated by asl-validator at register(); the runnable copy uses local-only resources.
        const machine = new lib.StateMachine(definition.runnable, { validationOptions: { noValidate: true } });
        const execution = machine.run(input as never, {
          overrides,
          context: { Execution: { Id: executionId, Name: executionId }, StateMachine: { Name: workflow }, Task: { Token: TASK_TOKEN_PLACEHOLDER } },
        });
        controller.signal.addEventListener('abort', () => execution.abort(), { once: true });
        return execution.result.then(
          (output) => this.#finish(executionId, controller, { status: 'SUCCEEDED', output: output as JsonValue }),
          (err: unknown) => this.#finish(executionId, controller, executionFailure(err, lib)),
        );
      })
      .catch((err: unknown) => this.options.logger.error({ err, executionId }, 'could not record the end of a workflow execution'))
      .finally(() => this.#runs.delete(executionId));
    this.#runs.set(executionId, { controller, done });
  }

  async #finish(executionId: string, controller: AbortController, outcome: ExecutionOutcome | null): Promise<void> {
    // Aborted runs were stopped (already ABORTED), interrupted by close() (stay RUNNING) or taken over.
    if (controller.signal.aborted || !outcome) return;
    await this.#executions.finish(executionId, outcome, this.options.clock.now(), this.#owner);
  }
}
