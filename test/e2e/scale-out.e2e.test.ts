import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../src/platform/adapters/postgres/postgres-database.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { BusEvent } from '../../src/platform/ports/event-bus.ts';
import type { JsonValue } from '../../src/platform/ports/workflows.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const url = process.env.TEST_DATABASE_URL;
const schema = `so_${process.pid}_${Date.now().toString(36)}`;

/** DATABASE_URL pointing at this file's own schema on the test server. */
function databaseUrl(): string {
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

const WORKFLOW = 'scaleout-two-steps';
const DEFINITION = {
  StartAt: 'First',
  States: {
    First: { Type: 'Task', Resource: 'scaleout-first', ResultPath: '$.first', Next: 'Second' },
    Second: { Type: 'Task', Resource: 'scaleout-second', ResultPath: '$.second', End: true },
  },
};

/**
 * A third runtime in a child process, so that it can really be killed: it runs the same
 * workflow, reports on stdout when its first step has started, and then never finishes it.
 */
const KILLED_RUNTIME = `
  const [serverModule, env, executionId, dataDir, definition] = process.argv.slice(1);
  const { startTestServer } = await import(serverModule);
  const server = await startTestServer({ env: JSON.parse(env), dataDir });
  const { workflows } = server.platform;
  workflows.registerTask('scaleout-first', async (input, ctx) => {
    console.log(JSON.stringify({ started: ctx.executionId }));
    return new Promise(() => {});
  });
  workflows.registerTask('scaleout-second', async () => 'killed');
  workflows.register('${WORKFLOW}', JSON.parse(definition));
  await workflows.start('${WORKFLOW}', { n: 0 }, { executionId });
`;

interface StepRun {
  runtime: string;
  executionId: string;
  state: string;
}

const title = 'two runtimes on one PostgreSQL (scale-out)';

(url ? describe : describe.skip)(url ? title : `${title} (skipped: TEST_DATABASE_URL is not set)`, () => {
  // Business time, moved by hand: workflow leases and timers follow it, so a lease passes when the test says.
  const clocks = { a: new ManualClock(new Date()), b: new ManualClock(new Date()) };
  const runtimes: Record<'a' | 'b', TestServer> = {} as never;
  const runs: StepRun[] = [];
  // While `holdFirst` is set, first steps wait for releaseFirst(): executions stay mid-step.
  let holdFirst = true;
  const held = new Set<() => void>();
  const releaseFirst = () => {
    for (const release of held) release();
    held.clear();
  };

  const stepsOf = (executionId: string, state: string) => runs.filter((r) => r.executionId === executionId && r.state === state);
  const waitUntil = async (done: () => boolean | Promise<boolean>) => {
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  beforeAll(async () => {
    const admin = await openPostgresDatabase({ connectionString: url!, schema });
    await admin.close();
    const [a, b] = await Promise.all((['a', 'b'] as const).map((name) => startTestServer({ env: { DATABASE_URL: databaseUrl() }, clock: clocks[name] })));
    Object.assign(runtimes, { a, b });
    for (const name of ['a', 'b'] as const) {
      const { workflows } = runtimes[name].platform;
      workflows.registerTask('scaleout-first', async (_input, ctx) => {
        runs.push({ runtime: name, executionId: ctx.executionId, state: ctx.stateName });
        if (holdFirst) await new Promise<void>((resolve) => held.add(resolve));
        return name;
      });
      workflows.registerTask('scaleout-second', async (_input, ctx): Promise<JsonValue> => {
        runs.push({ runtime: name, executionId: ctx.executionId, state: ctx.stateName });
        return name;
      });
      workflows.register(WORKFLOW, DEFINITION);
    }
  });
  afterAll(async () => {
    holdFirst = false;
    releaseFirst();
    await runtimes.a?.dispose();
    await runtimes.b?.dispose();
    const admin = await openPostgresDatabase({ connectionString: url! });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('runs each step of a workflow exactly once, whichever runtime starts it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await runtimes[i % 2 ? 'b' : 'a'].platform.workflows.start(WORKFLOW, { n: i })).executionId);
    // Every execution is inside its first step before any may go on: both runtimes are busy at once.
    await waitUntil(() => runs.filter((r) => r.state === 'First').length === ids.length);
    releaseFirst();
    for (const id of ids) expect(await runtimes.a.platform.workflows.waitForCompletion(id)).toMatchObject({ status: 'SUCCEEDED' });
    for (const id of ids) {
      expect(stepsOf(id, 'First')).toHaveLength(1);
      expect(stepsOf(id, 'Second')).toHaveLength(1);
    }
    expect(new Set(runs.map((r) => r.runtime))).toEqual(new Set(['a', 'b']));
  });

  it('fires a timer once, and delivers its event once, with both runtimes polling', async () => {
    const delivered: { runtime: string; event: BusEvent }[] = [];
    for (const name of ['a', 'b'] as const) {
      await runtimes[name].platform.events.subscribe('scaleout.on-tick', 'scaleout.tick', async (event) => {
        delivered.push({ runtime: name, event });
      });
    }
    const at = new Date(clocks.a.now().getTime() + 60_000);
    const timer = await runtimes.b.platform.scheduler.schedule({ type: 'scaleout.tick', data: { n: 1 }, at });
    for (const clock of Object.values(clocks)) clock.advance(60_000);
    const { db } = runtimes.a.platform;
    const deliveries = () =>
      db.query<{ status: string }>(
        "SELECT d.status FROM event_deliveries d JOIN event_outbox e ON e.id = d.event_id WHERE e.subject = $1 AND d.subscription = 'scaleout.on-tick'",
        [timer.id],
      );
    await waitUntil(async () => (await deliveries()).rows.some((d) => d.status === 'delivered'));
    expect((await db.query('SELECT 1 FROM event_outbox WHERE subject = $1', [timer.id])).rowCount).toBe(1);
    expect((await deliveries()).rows).toEqual([{ status: 'delivered' }]);
    expect(delivered.map((d) => d.event.subject)).toEqual([timer.id]);
  });

  it('finishes, on a surviving runtime, the execution of a runtime killed in the middle of it', async () => {
    const executionId = `killed-${Date.now().toString(36)}`;
    // The survivors' time is set well before the killed runtime's own leases (30 s from its now), so they leave its execution alone while it lives.
    for (const clock of Object.values(clocks)) clock.set(new Date(Date.now() - 3_600_000));
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-killed-'));
    const serverModule = pathToFileURL(path.resolve('test/support/server.ts')).href;
    const env = JSON.stringify({ DATABASE_URL: databaseUrl() });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', KILLED_RUNTIME, serverModule, env, executionId, dataDir, JSON.stringify(DEFINITION)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      const [line] = (await Promise.race([
        once(createInterface({ input: child.stdout }), 'line'),
        exited.then(([code]) => Promise.reject(new Error(`the runtime to kill exited (${code}) before its first step:\n${stderr}`))),
      ])) as [string];
      expect(JSON.parse(line)).toEqual({ started: executionId });
      child.kill('SIGKILL');
      expect((await exited)[1]).toBe('SIGKILL');
    } finally {
      child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }

    const { workflows } = runtimes.a.platform;
    expect(await workflows.describe(executionId)).toMatchObject({ status: 'RUNNING' });
    expect(stepsOf(executionId, 'First')).toEqual([]);
    // Later than any lease the killed runtime took: the survivors may take over.
    holdFirst = false;
    for (const clock of Object.values(clocks)) clock.set(new Date(Date.now() + 10 * 60_000));
    const done = await workflows.waitForCompletion(executionId);
    const survivor = stepsOf(executionId, 'First')[0]!.runtime;
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { n: 0, first: survivor, second: survivor } });
    expect(stepsOf(executionId, 'Second')).toEqual([{ runtime: survivor, executionId, state: 'Second' }]);
  }, 180_000); // a child runtime compiled from source starts slowly on a busy machine
});
