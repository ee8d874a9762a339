import { describeEachAdapter } from '../../../test/support/adapter-suites.ts';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqlAdapters, type TestDatabase } from '../../../test/support/databases.ts';
import { AslWorkflowEngine, workflowMigrations, type AslWorkflowEngineOptions } from '../adapters/local/asl-workflow-engine.ts';
import { ManualClock } from '../clock.ts';
import { silentLogger } from '../logger.ts';
import { migrate } from '../migrations.ts';
import type { SqlDatabase } from './sql.ts';
import { TaskFailure, type JsonValue, type TaskContext, type Workflows } from './workflows.ts';

const sample = JSON.parse(await readFile(new URL('../workflows/examples/document-review.asl.json', import.meta.url), 'utf8')) as unknown;

/** Calls recorded by the sample's task functions, with a way to await the next one. */
class Calls {
  readonly seen: { input: JsonValue; ctx: TaskContext }[] = [];
  #waiters: (() => void)[] = [];
  record(input: JsonValue, ctx: TaskContext) {
    this.seen.push({ input, ctx });
    for (const wake of this.#waiters.splice(0)) wake();
  }
  async next(count: number): Promise<{ input: JsonValue; ctx: TaskContext }> {
    while (this.seen.length < count) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.seen[count - 1]!;
  }
}

/** A process's handle on the database that can be cut, as a kill -9 cuts it: every later statement fails. */
function severable(db: SqlDatabase): { db: SqlDatabase; sever(): void } {
  let severed = false;
  const alive = <T>(run: () => Promise<T>): Promise<T> => (severed ? Promise.reject(new Error('this process is dead')) : run());
  return {
    db: {
      kind: db.kind,
      query: (text, params) => alive(() => db.query(text, params)),
      exec: (script) => alive(() => db.exec(script)),
      transaction: (fn) => alive(() => db.transaction(fn)),
      close: async () => undefined,
    },
    sever: () => (severed = true),
  };
}

const LEASE_MS = 60_000;

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code?: string; status?: number },
  );

describeEachAdapter('Workflows contract', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: AslWorkflowEngine;
  let extract: Calls;
  let review: Calls;
  let extractResults: (() => JsonValue | Promise<JsonValue>)[];
  // Time of the leases, moved on by hand to let a lease pass; business time is `clock`.
  let leaseClock: ManualClock;

  const newEngine = (db = t.db, options: Partial<AslWorkflowEngineOptions> = {}) => {
    const e = new AslWorkflowEngine({ db, clock, logger: silentLogger(), pollIntervalMs: 2, retryIntervalMs: 0, leaseClock, ...options });
    e.registerTask('example-extract', async (input, ctx) => {
      extract.record(input, ctx);
      const next = extractResults.shift();
      return next ? next() : { confidence: 0.99 };
    });
    e.registerTask('example-request-review', async (input, ctx) => {
      review.record(input, ctx);
      return null;
    });
    e.register('document-review', sample);
    return e;
  };

  /** Moves the clock on until the execution ends (Wait states poll the clock). */
  const finish = async (wf: Workflows, id: string) => {
    for (;;) {
      const d = await wf.describe(id);
      if (d?.status !== 'RUNNING') return d!;
      clock.advance(3_600_000);
      await sleep(5);
    }
  };

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, workflowMigrations);
  });
  afterAll(() => t.dispose());
  beforeEach(async () => {
    clock = new ManualClock('2026-03-01T08:00:00Z');
    leaseClock = new ManualClock('2026-03-01T08:00:00Z');
    extract = new Calls();
    review = new Calls();
    extractResults = [];
    engine = newEngine();
    await engine.open();
  });
  afterEach(() => engine.close());

  it('rejects a definition that is not valid ASL, naming the problem', () => {
    const bad = { StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } };
    expect(() => engine.register('broken', bad)).toThrow(expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID', status: 422 }));
    expect(() => engine.register('broken', bad)).toThrow(/Missing/);
  });

  it('rejects a Task resource that no local function can serve', () => {
    const activity = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:eu-west-3:000000000000:activity:manual', End: true } } };
    expect(() => engine.register('activity', activity)).toThrow(expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID' }));
  });

  it('refuses to start an unknown workflow or one calling an unregistered function', async () => {
    expect(await errorOf(engine.start('nope', {}))).toMatchObject({ code: 'WORKFLOW_NOT_FOUND', status: 404 });
    engine.register('orphan', { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'not-registered', End: true } } });
    expect(await errorOf(engine.start('orphan', {}))).toMatchObject({ code: 'WORKFLOW_TASK_UNKNOWN', status: 422 });
  });

  it('runs a workflow to success through Task, Choice, a clock-driven Wait and Pass', async () => {
    const { executionId } = await engine.start('document-review', { documentId: 'd1' });
    const done = await finish(engine, executionId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', workflow: 'document-review', input: { documentId: 'd1' }, error: null });
    expect(done.output).toEqual({ documentId: 'd1', extracted: { confidence: 0.99 }, status: 'approved' });
    expect(done.stoppedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt.getTime() + 3_600_000);
    expect(extract.seen[0]).toMatchObject({ input: { documentId: 'd1' }, ctx: { executionId, stateName: 'Extract' } });
  });

  it('retries a task on a matching error, then catches another into a Fail state', async () => {
    extractResults = [
      () => {
        throw new TaskFailure('Flaky', 'try again');
      },
      () => ({ confidence: 0.95 }),
    ];
    const retried = await engine.start('document-review', { documentId: 'r1' });
    expect((await finish(engine, retried.executionId)).status).toBe('SUCCEEDED');
    expect(extract.seen).toHaveLength(2);

    extractResults = [
      () => {
        throw new TaskFailure('Unreadable', 'blurred scan');
      },
    ];
    const caught = await engine.start('document-review', { documentId: 'r2' });
    expect(await engine.waitForCompletion(caught.executionId)).toMatchObject({
      status: 'FAILED',
      error: 'DocumentRejected',
      cause: 'the document could not be read',
    });
  });

  it('pauses a .waitForTaskToken state until sendTaskSuccess, passing $$.Task.Token to the function', async () => {
    extractResults = [() => ({ confidence: 0.5 })];
    const { executionId } = await engine.start('document-review', { documentId: 'c1' });
    const call = await review.next(1);
    const token = call.ctx.taskToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(call.input).toEqual({ documentId: 'c1', taskToken: token });
    expect((await engine.describe(executionId))?.status).toBe('RUNNING');

    await engine.sendTaskSuccess(token, { reviewer: 'admin', ok: true });
    const done = await finish(engine, executionId);
    expect(done.output).toMatchObject({ review: { reviewer: 'admin', ok: true }, status: 'approved' });
    expect(await errorOf(engine.sendTaskSuccess(token, {}))).toMatchObject({ code: 'TASK_TOKEN_CLOSED', status: 409 });
    expect(await errorOf(engine.sendTaskFailure('no-such-token', 'X'))).toMatchObject({ code: 'TASK_TOKEN_INVALID', status: 404 });
  });

  it('fails the execution with the error given to sendTaskFailure', async () => {
    extractResults = [() => ({ confidence: 0.1 })];
    const { executionId } = await engine.start('document-review', { documentId: 'c2' });
    const { ctx } = await review.next(1);
    await engine.sendTaskFailure(ctx.taskToken!, 'ReviewRefused', 'not a Kbis');
    expect(await engine.waitForCompletion(executionId)).toMatchObject({ status: 'FAILED', error: 'ReviewRefused', cause: 'not a Kbis' });
  });

  it('maps bare names, function ARNs with .waitForTaskToken and service integrations to registered functions', async () => {
    const published: JsonValue[] = [];
    engine.registerTask('kbis-extract', async (input) => ({ siren: '732829320', from: input }));
    engine.registerTask('notify-admin', async (_input, ctx) => {
      published.push(ctx.taskToken!);
      return null;
    });
    engine.registerTask('sns:publish', async (input) => {
      published.push(input);
      return null;
    });
    engine.register('forms', {
      StartAt: 'Plain',
      States: {
        Plain: { Type: 'Task', Resource: 'kbis-extract', ResultPath: '$.kbis', Next: 'FunctionCallback' },
        FunctionCallback: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:eu-west-3:000000000000:function:notify-admin.waitForTaskToken',
          ResultPath: '$.decision',
          Next: 'Topic',
        },
        Topic: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
          Parameters: { TopicArn: 'arn:aws:sns:eu-west-3:000000000000:pros', 'Message.$': '$.kbis.siren', 'Token.$': '$$.Task.Token' },
          ResultPath: '$.ack',
          End: true,
        },
      },
    });
    const { executionId } = await engine.start('forms', { n: 1 });
    while (published.length < 1) await sleep(2);
    await engine.sendTaskSuccess(published[0] as string, 'yes');
    while (published.length < 2) await sleep(2);
    const message = published[1] as { Message: string; Token: string; TopicArn: string };
    expect(message).toMatchObject({ Message: '732829320', TopicArn: 'arn:aws:sns:eu-west-3:000000000000:pros' });
    await engine.sendTaskSuccess(message.Token, { acked: true });
    expect((await engine.waitForCompletion(executionId)).output).toEqual({
      n: 1,
      kbis: { siren: '732829320', from: { n: 1 } },
      decision: 'yes',
      ack: { acked: true },
    });
  });

  it('runs Map iterations and Parallel branches through registered tasks', async () => {
    engine.registerTask('double', async (input) => (input as number) * 2);
    engine.register('fan-out', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Task', Resource: 'double', End: true } } },
          ResultPath: '$.doubled',
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', Result: 'L', End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: 'double', InputPath: '$.items[0]', End: true } } },
          ],
          ResultPath: '$.branches',
          End: true,
        },
      },
    });
    const { executionId } = await engine.start('fan-out', { items: [1, 2, 2, 3] });
    expect((await engine.waitForCompletion(executionId)).output).toEqual({ items: [1, 2, 2, 3], doubled: [2, 4, 4, 6], branches: ['L', 2] });
  });

  it('is idempotent on executionId and refuses the same id with other input', async () => {
    const first = await engine.start('document-review', { documentId: 'i1' }, { executionId: 'review-i1' });
    const again = await engine.start('document-review', { documentId: 'i1' }, { executionId: 'review-i1' });
    expect(again).toEqual(first);
    expect(await errorOf(engine.start('document-review', { documentId: 'other' }, { executionId: 'review-i1' }))).toMatchObject({
      code: 'EXECUTION_ALREADY_EXISTS',
      status: 409,
    });
    expect(await errorOf(engine.start('document-review', {}, { executionId: 'has space' }))).toMatchObject({ code: 'EXECUTION_ID_INVALID' });
    await finish(engine, first.executionId);
    expect(extract.seen).toHaveLength(1);
  });

  it('stops a running execution as ABORTED and closes its task token', async () => {
    extractResults = [() => ({ confidence: 0.2 })];
    const { executionId } = await engine.start('document-review', { documentId: 's1' });
    const { ctx } = await review.next(1);
    await engine.stop(executionId, { error: 'Cancelled', cause: 'owner withdrew' });
    expect(await engine.describe(executionId)).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'owner withdrew' });
    expect(ctx.signal.aborted).toBe(true);
    expect(await errorOf(engine.sendTaskSuccess(ctx.taskToken!, {}))).toMatchObject({ code: 'TASK_TOKEN_CLOSED' });
    expect(await errorOf(engine.stop('unknown-execution'))).toMatchObject({ code: 'EXECUTION_NOT_FOUND' });
    expect(await engine.describe('unknown-execution')).toBeNull();
  });

  it('lists executions newest first with filters and cursor pagination', async () => {
    engine.register('tiny', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ids.push((await engine.start('tiny', { i })).executionId);
    }
    for (const id of ids) await engine.waitForCompletion(id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await engine.list({ workflow: 'tiny', status: 'SUCCEEDED', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.executionId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await engine.list({ workflow: 'tiny', status: 'FAILED' })).items).toEqual([]);
  });

  it('answers any garbage cursor with CURSOR_INVALID, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (cursor) => {
        const err = await errorOf(engine.list({ cursor }));
        if (err) expect(err).toMatchObject({ code: 'CURSOR_INVALID', status: 400 });
      }),
      { numRuns: 40 },
    );
  });

  it('resumes RUNNING executions after a restart, keeping finished tasks, task tokens and wake-up times', async () => {
    extractResults = [() => ({ confidence: 0.3 })];
    const { executionId } = await engine.start('document-review', { documentId: 'k1' });
    const { ctx } = await review.next(1);
    await engine.close();

    t = await t.reopen();
    engine = newEngine();
    await engine.open();
    // The token issued before the restart still answers the replayed state; nothing ran twice.
    await engine.sendTaskSuccess(ctx.taskToken!, { ok: true });
    const coolDownStarted = () => t.db.query("SELECT 1 FROM workflow_task_steps WHERE execution_id = $1 AND state_name = 'CoolDown'", [executionId]);
    while ((await coolDownStarted()).rowCount === 0) await sleep(2);
    await engine.close();

    t = await t.reopen();
    engine = newEngine();
    await engine.open();
    clock.advance(3_600_000);
    const done = await engine.waitForCompletion(executionId);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { review: { ok: true }, status: 'approved' } });
    expect(extract.seen).toHaveLength(1);
    expect(review.seen).toHaveLength(1);
  });

  describe('two processes on one database', () => {
    // Short claim polls so that takeovers happen quickly; heartbeats never come on their own
    // (the lease is renewed only before each step), so only leaseClock decides when a lease passes.
    const process = (db = t.db, options: Partial<AslWorkflowEngineOptions> = {}) =>
      newEngine(db, { leaseMs: LEASE_MS, heartbeatMs: LEASE_MS - 1, claimIntervalMs: 5, ...options });
    let others: AslWorkflowEngine[] = [];
    afterEach(async () => {
      for (const other of others) await other.close().catch(() => undefined);
      others = [];
    });
    const open = async (e: AslWorkflowEngine) => {
      others.push(e);
      await e.open();
      return e;
    };

    it('runs each step of each execution exactly once', async () => {
      // Stored before any of them opens: both processes race to claim the same executions.
      const queued = process();
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push((await queued.start('document-review', { documentId: `two-${i}` })).executionId);
      const [a, b] = await Promise.all([open(process()), open(process())]);
      for (const id of ids) expect((await finish(id.endsWith('0') ? a : b, id)).status).toBe('SUCCEEDED');
      expect(extract.seen.map((call) => call.ctx.executionId).toSorted()).toEqual(ids.toSorted());
      const journaled = await t.db.query("SELECT execution_id FROM workflow_task_steps WHERE state_name = 'Extract' AND execution_id = ANY($1)", [ids]);
      expect(journaled.rowCount).toBe(ids.length);
    });

    it("finishes a dead process's execution from its journal once its lease has passed", async () => {
      extractResults = [() => ({ confidence: 0.4 })];
      const dying = severable(t.db);
      const a = await open(process(dying.db, { owner: 'dying' }));
      const { executionId } = await a.start('document-review', { documentId: 'crash-1' });
      const { ctx } = await review.next(1);
      const dispatched = () => t.db.query('SELECT 1 FROM workflow_task_steps WHERE task_token = $1 AND dispatched_at IS NOT NULL', [ctx.taskToken]);
      while ((await dispatched()).rowCount === 0) await sleep(2);
      dying.sever();

      const b = await open(process()); // opening claims what it may: not this execution, whose lease still holds
      const owner = () => t.db.query('SELECT owner FROM workflow_executions WHERE id = $1', [executionId]);
      expect((await owner()).rows).toEqual([{ owner: 'dying' }]);
      leaseClock.advance(LEASE_MS);
      await b.sendTaskSuccess(ctx.taskToken!, { ok: true });
      expect(await finish(b, executionId)).toMatchObject({ status: 'SUCCEEDED', output: { review: { ok: true }, status: 'approved' } });
      expect(extract.seen).toHaveLength(1);
      expect(review.seen).toHaveLength(1);
    });

    it('journals a step once: a process that lost its lease mid-task records nothing', async () => {
      const gate = () => {
        let open!: () => void;
        return { passed: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
      };
      const [first, second] = [gate(), gate()];
      const resultAfter = (gate: Promise<void>, by: string) => async () => {
        await gate;
        return { confidence: 0.99, by };
      };
      extractResults = [resultAfter(first.passed, 'paused'), resultAfter(second.passed, 'successor')];
      const paused = await open(process());
      const { executionId } = await paused.start('document-review', { documentId: 'pause-1' });
      await extract.next(1);

      // The first process stalls past its lease (a long GC pause, a network partition): the second takes over.
      leaseClock.advance(LEASE_MS);
      const successor = await open(process());
      await extract.next(2);
      try {
        first.open(); // the stalled process comes back first, with a result it may no longer record
        const extracted = () =>
          t.db.query<{ output: JsonValue }>("SELECT output FROM workflow_task_steps WHERE execution_id = $1 AND state_name = 'Extract'", [executionId]);
        const pausedRun = extract.seen[0]!.ctx.signal;
        while (!pausedRun.aborted && (await extracted()).rowCount === 0) await sleep(2);
        expect((await extracted()).rows).toEqual([]);
        expect(pausedRun.aborted).toBe(true);
        second.open();
        const done = await finish(successor, executionId);
        expect(done).toMatchObject({ status: 'SUCCEEDED', output: { extracted: { by: 'successor' }, status: 'approved' } });
        expect((await extracted()).rows).toEqual([{ output: { confidence: 0.99, by: 'successor' } }]);
        expect(extract.seen).toHaveLength(2);
      } finally {
        second.open(); // closing the engines waits for task functions in flight
      }
    });

    it('answers a task token on any process, and stops an execution from any process at its next heartbeat', async () => {
      extractResults = [() => ({ confidence: 0.2 }), () => ({ confidence: 0.2 })];
      const [a, b] = await Promise.all([open(process(t.db, { heartbeatMs: 5 })), open(process(t.db, { heartbeatMs: 5 }))]);
      const answered = await a.start('document-review', { documentId: 'answer-1' });
      const { ctx } = await review.next(1);
      await b.sendTaskSuccess(ctx.taskToken!, { via: 'b' });
      expect(await finish(a, answered.executionId)).toMatchObject({ status: 'SUCCEEDED', output: { review: { via: 'b' } } });

      const stopped = await a.start('document-review', { documentId: 'stop-1' });
      const second = await review.next(2);
      await b.stop(stopped.executionId, { error: 'Cancelled' });
      while (!second.ctx.signal.aborted) await sleep(2);
      expect(await a.describe(stopped.executionId)).toMatchObject({ status: 'ABORTED', error: 'Cancelled' });
    });
  });
});
