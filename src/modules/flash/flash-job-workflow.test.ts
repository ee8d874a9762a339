import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../platform/adapters/local/pglite-database.ts';
import { AslWorkflowEngine, workflowMigrations } from '../../platform/adapters/local/asl-workflow-engine.ts';
import { ManualClock } from '../../platform/clock.ts';
import { silentLogger } from '../../platform/logger.ts';
import { migrate } from '../../platform/migrations.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { ExecutionDescription, JsonValue } from '../../platform/ports/workflows.ts';
import { BACKUP_RETENTION_DAYS, STEP_LIMITS_MS, STEP_TIMEOUTS_MS } from './job/job-state.ts';

type State = Record<string, any>;
const asl = JSON.parse(await readFile(new URL('./flash-job.asl.json', import.meta.url), 'utf8')) as { States: Record<string, State> };
const waits: Record<string, keyof typeof STEP_TIMEOUTS_MS> = {
  AwaitingPrecheck: 'awaiting_precheck', AwaitingBackup: 'awaiting_backup', Ready: 'ready', Flashing: 'flashing', Verifying: 'verifying',
};

describe('the flash-job workflow (ASL)', () => {
  it("gives each state's wait the step timeouts of the configuration, and a Catch of its timeout that fails the job", () => {
    for (const [name, status] of Object.entries(waits)) {
      const state = asl.States[name]!;
      expect(state.Resource, name).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(state.HeartbeatSeconds, name).toBe(STEP_TIMEOUTS_MS[status] / 1000);
      expect(state.TimeoutSeconds, name).toBe(STEP_LIMITS_MS[status] / 1000);
      expect(state.Catch, name).toEqual([expect.objectContaining({ ErrorEquals: expect.arrayContaining(['States.Timeout']), Next: 'AgentSilent' })]);
    }
    expect(asl.States.FailedAwaitingRollback!.TimeoutSeconds).toBe(BACKUP_RETENTION_DAYS * 86_400);
    expect(asl.States.FailedAwaitingRollback!.HeartbeatSeconds).toBeUndefined();
  });

  describe('on the local engine (its tasks stood in for by a job that only moves when told)', () => {
    let db: SqlDatabase;
    let engine: AslWorkflowEngine;
    const clock = new ManualClock('2026-05-01T08:00:00Z');
    // The job as the module keeps it; the stand-in tasks answer from it.
    const job = { jobId: 'j1', version: 0, status: 'awaiting_precheck', hasBackup: false };
    let token: string | undefined;
    const calls: string[] = [];

    beforeAll(async () => {
      db = await openPgliteDatabase();
      await migrate(db, workflowMigrations);
      engine = new AslWorkflowEngine({ db, clock, logger: silentLogger(), pollIntervalMs: 2, claimIntervalMs: 2, retryIntervalMs: 0 });
      engine.registerTask('flash-await-agent', async (_input, ctx) => {
        calls.push(ctx.stateName);
        token = ctx.taskToken;
        return null;
      });
      engine.registerTask('flash-agent-silent', async () => {
        calls.push('AgentSilent');
        Object.assign(job, { status: 'failed', version: job.version + 1 });
        return { ...job } as JsonValue;
      });
      engine.registerTask('flash-recovery-window-closed', async () => {
        calls.push('RecoveryWindowClosed');
        return null;
      });
      engine.register('flash-job', asl);
      await engine.open();
    });
    afterAll(async () => {
      await engine.close();
      await db.close();
    });

    const waitingIn = async (state: string) => {
      for (let i = 0; i < 400 && calls.at(-1) !== state; i++) await sleep(5);
      expect(calls.at(-1)).toBe(state);
      return token!;
    };
    const ended = async (id: string): Promise<ExecutionDescription> => {
      for (let i = 0; i < 400; i++) {
        const d = (await engine.describe(id))!;
        if (d.status !== 'RUNNING') return d;
        await sleep(5);
      }
      return (await engine.describe(id))!;
    };

    it('moves wait to wait as the job moves, fails it when the agent stays silent after its backup, then ends once the recovery window closes', async () => {
      const { executionId } = await engine.start('flash-job', { ...job });
      await engine.sendTaskSuccess(await waitingIn('AwaitingPrecheck'), { ...job, version: 1, status: 'awaiting_backup' });
      Object.assign(job, { version: 2, status: 'ready', hasBackup: true });
      await engine.sendTaskSuccess(await waitingIn('AwaitingBackup'), { ...job });
      const ready = await waitingIn('Ready');
      clock.advance(STEP_TIMEOUTS_MS.ready - 1000);
      await engine.sendTaskHeartbeat(ready);
      clock.advance(STEP_TIMEOUTS_MS.ready - 1000);
      await sleep(30);
      expect(calls.at(-1)).toBe('Ready'); // the heartbeat kept it
      clock.advance(2000);
      await waitingIn('FailedAwaitingRollback');
      expect(calls.slice(-2)).toEqual(['AgentSilent', 'FailedAwaitingRollback']);
      clock.advance(BACKUP_RETENTION_DAYS * 86_400_000);
      expect(await ended(executionId)).toMatchObject({ status: 'FAILED', error: 'FlashJobFailedNotRecovered' });
      expect(calls.at(-1)).toBe('RecoveryWindowClosed');
    });
  });
});
