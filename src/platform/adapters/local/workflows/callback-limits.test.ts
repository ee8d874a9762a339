import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest';
import { describeEachAdapter } from '../../../../../test/support/adapter-suites.ts';
import { sqlAdapters, type TestDatabase } from '../../../../../test/support/databases.ts';
import { ManualClock } from '../../../clock.ts';
import { silentLogger } from '../../../logger.ts';
import { migrate } from '../../../migrations.ts';
import type { ExecutionDescription } from '../../../ports/workflows.ts';
import { AslWorkflowEngine, workflowMigrations } from '../asl-workflow-engine.ts';

/** One callback with both limits, whose timeout is caught into a Fail state naming it. */
const holding = {
  StartAt: 'Hold',
  States: {
    Hold: {
      Type: 'Task',
      Resource: 'example-hold.waitForTaskToken',
      Parameters: { 'token.$': '$$.Task.Token' },
      TimeoutSeconds: 600,
      HeartbeatSeconds: 60,
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
      End: true,
    },
    TimedOut: { Type: 'Fail', Error: 'HoldTimedOut', Cause: 'the callback timed out' },
  },
};

describeEachAdapter('Callback TimeoutSeconds and HeartbeatSeconds on the engine clock', sqlAdapters(), (adapter) => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: AslWorkflowEngine;
  let tokens: string[];

  const newEngine = () => {
    const e = new AslWorkflowEngine({ db: t.db, clock, logger: silentLogger(), pollIntervalMs: 2, claimIntervalMs: 2, owner: 'one' });
    e.registerTask('example-hold', async (_input, ctx) => {
      tokens.push(ctx.taskToken!);
      return null;
    });
    e.register('example-hold', holding);
    return e;
  };
  const tokenOf = async (n: number) => {
    while (tokens.length < n) await sleep(2);
    return tokens[n - 1]!;
  };
  /** The execution once it has ended, or RUNNING after a few polls. */
  const settled = async (id: string): Promise<ExecutionDescription> => {
    for (let i = 0; i < 40; i++) {
      const d = (await engine.describe(id))!;
      if (d.status !== 'RUNNING') return d;
      await sleep(5);
    }
    return (await engine.describe(id))!;
  };

  beforeAll(async () => {
    t = await adapter.open();
    await migrate(t.db, workflowMigrations);
  });
  afterAll(() => t.dispose());
  beforeEach(async () => {
    clock = new ManualClock('2026-03-01T08:00:00Z');
    tokens = [];
    engine = newEngine();
    await engine.open();
  });
  afterEach(() => engine.close());

  it('keeps a callback that heartbeats past HeartbeatSeconds, and times it out a heartbeat window after the last one', async () => {
    const { executionId } = await engine.start('example-hold', {});
    const token = await tokenOf(1);
    for (let i = 0; i < 4; i++) {
      clock.advance(50_000);
      await engine.sendTaskHeartbeat(token);
    }
    expect((await settled(executionId)).status).toBe('RUNNING');
    clock.advance(60_000);
    expect(await settled(executionId)).toMatchObject({ status: 'FAILED', error: 'HoldTimedOut' });
    await expect(engine.sendTaskHeartbeat(token)).rejects.toMatchObject({ status: 409, code: 'TASK_TOKEN_CLOSED' });
    await expect(engine.sendTaskSuccess(token, {})).rejects.toMatchObject({ status: 409, code: 'TASK_TOKEN_CLOSED' });
    await expect(engine.sendTaskHeartbeat('no-such-token')).rejects.toMatchObject({ status: 404, code: 'TASK_TOKEN_INVALID' });
  });

  it('times a callback out after TimeoutSeconds however often it heartbeats, counting from its start across a restart', async () => {
    const { executionId } = await engine.start('example-hold', {});
    const token = await tokenOf(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(55_000);
      await engine.sendTaskHeartbeat(token);
    }
    // A restart replays the execution: the callback keeps its token and its start.
    await engine.close();
    engine = newEngine();
    await engine.open();
    for (let i = 0; i < 5; i++) {
      clock.advance(55_000);
      await engine.sendTaskHeartbeat(token);
    }
    expect((await settled(executionId)).status).toBe('RUNNING');
    clock.advance(55_000); // 605 s after the callback opened
    expect(await settled(executionId)).toMatchObject({ status: 'FAILED', error: 'HoldTimedOut' });
    expect(tokens).toHaveLength(1);
  });

  it('keeps heartbeats closer than a tenth of HeartbeatSeconds in memory, counting from the last one, and journals them at a clean close', async () => {
    const { executionId } = await engine.start('example-hold', {});
    const token = await tokenOf(1);
    const journaled = async () => (await t.db.query<{ heartbeat_at: Date }>('SELECT heartbeat_at FROM workflow_task_steps WHERE task_token = $1', [token])).rows[0]!.heartbeat_at;
    // Every 5 s for 105 s: a heartbeat 6 s (a tenth of 60 s) or more after the journaled one is written, the others are not.
    for (let i = 0; i < 21; i++) {
      clock.advance(5_000);
      await engine.sendTaskHeartbeat(token);
    }
    expect(await journaled()).toEqual(new Date('2026-03-01T08:01:40Z'));
    await engine.close();
    expect(await journaled()).toEqual(new Date('2026-03-01T08:01:45Z'));
    engine = newEngine();
    await engine.open();
    clock.advance(59_000);
    expect((await settled(executionId)).status).toBe('RUNNING');
    clock.advance(1_000); // 60 s after the last heartbeat
    expect(await settled(executionId)).toMatchObject({ status: 'FAILED', error: 'HoldTimedOut' });
  });

  it('ends normally when answered in time', async () => {
    const { executionId } = await engine.start('example-hold', {});
    clock.advance(59_000);
    await engine.sendTaskSuccess(await tokenOf(1), { ok: true });
    expect(await settled(executionId)).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
  });
});
