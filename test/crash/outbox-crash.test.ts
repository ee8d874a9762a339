import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';
import { copyPgliteTemplate } from '../support/databases.ts';
import type { BusEvent } from '../../src/platform/ports/event-bus.ts';
import { CRASH_TEST_LEASE_MS, CRASH_TEST_START, openPlatform } from './fixtures/platform.ts';

const CHILD = path.resolve('test/crash/fixtures/crash-child.ts');

/**
 * Runs the crash child in `mode` on `dataDir`, waits for its first stdout line (sent once its
 * work is committed, or its handler is running), then kills it with SIGKILL. Returns that line.
 */
async function runThenKill(mode: 'publish' | 'schedule' | 'handle', dataDir: string): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    exited.then(([code]) => Promise.reject(new Error(`crash child exited (${code}) before reporting:\n${stderr}`))),
  ])) as [string];
  child.kill('SIGKILL');
  const [, signal] = await exited;
  expect(signal).toBe('SIGKILL');
  return JSON.parse(line);
}

describe('event bus and scheduler after a kill -9', () => {
  let dataDir: string;
  let cleanups: (() => Promise<void>)[] = [];

  /** Opens the killed process's data, as the restarted process does. */
  const restart = async (clock: ManualClock) => {
    const platform = await openPlatform(dataDir, clock);
    cleanups.push(async () => {
      await platform.scheduler.stop();
      await platform.bus.stop();
      await platform.db.close();
    });
    return platform;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-crash-'));
    await copyPgliteTemplate(dataDir);
  });
  afterEach(async () => {
    for (const cleanup of cleanups) await cleanup();
    cleanups = [];
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers an event committed with its business data before the process was killed', async () => {
    const { committed } = await runThenKill('publish', dataDir);

    const { db, bus } = await restart(new ManualClock(CRASH_TEST_START));
    const seen: BusEvent[] = [];
    await bus.subscribe('crash.vehicle-audit', 'vehicle.*', async (e) => {
      seen.push(e);
    });
    await bus.drain();
    expect(seen.map((e) => e.id)).toEqual([committed]);
    expect(seen[0]).toMatchObject({ type: 'vehicle.created', subject: 'v-1', data: { id: 'v-1' } });
    expect((await db.query("SELECT plate FROM vehicles WHERE id = 'v-1'")).rows).toEqual([{ plate: 'AB-123-CD' }]);
  });

  it('fires a timer scheduled before the process was killed, once its time has passed', async () => {
    const { scheduled, at } = await runThenKill('schedule', dataDir);

    const clock = new ManualClock(new Date(new Date(at!).getTime() + 60_000));
    const { bus, scheduler } = await restart(clock);
    const seen: BusEvent[] = [];
    await bus.subscribe('crash.reminders', 'booking.*', async (e) => {
      seen.push(e);
    });
    await bus.start();
    await scheduler.start();
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(1);
    expect(seen[0]).toMatchObject({ type: 'booking.reminder-due', source: 'scheduler', subject: scheduled, data: { bookingId: 'b-1' } });
    expect(await scheduler.get(scheduled!)).toMatchObject({ status: 'fired', eventId: seen[0]!.id });
  });

  it('retries a delivery whose handler was running when the process was killed, once the lease expires', async () => {
    const { handling } = await runThenKill('handle', dataDir);

    const clock = new ManualClock(CRASH_TEST_START);
    const { bus } = await restart(clock);
    const seen: BusEvent[] = [];
    await bus.subscribe('crash.slow-handler', 'vehicle.*', async (e) => {
      seen.push(e);
    });
    // The dead process still holds the lease.
    expect(await bus.drain()).toBe(0);
    clock.advance(CRASH_TEST_LEASE_MS);
    expect(await bus.drain()).toBe(1);
    expect(seen.map((e) => e.id)).toEqual([handling]);
  });
});
