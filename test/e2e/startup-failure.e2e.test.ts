import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/runtime/data-dir-lock.ts';
import { runNovaevo, type NovaevoProcess } from '../support/process.ts';
import { freshDataDir, startTestServer } from '../support/server.ts';

/** Exit code 2 and exactly one line on stderr, `novaevo: ...`, without a stack frame anywhere. */
async function failsWithOneLine(p: NovaevoProcess): Promise<string> {
  expect(await p.exited, p.lines.join('\n')).toBe(2);
  expect(p.stderr, p.lines.join('\n')).toHaveLength(1);
  expect(p.lines.join('\n')).not.toMatch(/^\s+at /m);
  expect(p.stderr[0]).toMatch(/^novaevo: /);
  return p.stderr[0]!;
}

function holdPort(): Promise<{ port: number; close(): void }> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() });
    });
  });
}

describe('a start that fails', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await freshDataDir();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const start = (env: Record<string, string> = {}) => runNovaevo(['start'], { NOVAEVO_DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', ...env });

  it('says why, and leaves the data folder usable by the next start', async () => {
    // Nothing listens on port 1: the broker named by MQTT_URL is unreachable.
    await expect(startTestServer({ dataDir, env: { MQTT_URL: 'mqtt://127.0.0.1:1' } })).rejects.toThrow(/127\.0\.0\.1:1|ECONNREFUSED|connect/i);
    const s = await startTestServer({ dataDir });
    expect((await s.call('GET', '/health')).status).toBe(200);
    await s.close();
  });

  it('is refused while another NovaEvo process holds the data folder, naming it', async () => {
    const lock = await lockDataDir(dataDir);
    try {
      const line = await failsWithOneLine(start());
      expect(line).toBe(`novaevo: another NovaEvo process (pid ${process.pid}) is using ${dataDir}; stop it first, or set NOVAEVO_DATA_DIR to another folder`);
    } finally {
      await lock.release();
    }
  });

  it('is not blocked by the lock files of a dead process whose pid now names a live one', async () => {
    const held = await lockDataDir(dataDir);
    await held.release();
    const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(dataDir, 'novaevo.pid'), `${unrelated.pid}\n`);
      const p = start();
      await p.waitFor(/NovaEvo is ready/);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });

  it('names the HTTP port that is taken and how to choose another', async () => {
    const taken = await holdPort();
    try {
      const line = await failsWithOneLine(start({ PORT: String(taken.port) }));
      expect(line).toContain(`the HTTP port 127.0.0.1:${taken.port} is already in use`);
      expect(line).toContain('set PORT to a free port');
    } finally {
      taken.close();
    }
  });

  it('names the MQTT port that is taken when MQTT_PORT chose it', async () => {
    const taken = await holdPort();
    try {
      const line = await failsWithOneLine(start({ MQTT_PORT: String(taken.port) }));
      expect(line).toContain(`the MQTT port 127.0.0.1:${taken.port} is already in use`);
      expect(line).toContain('set MQTT_PORT');
    } finally {
      taken.close();
    }
  });

  it('names the bad variable of a bad configuration', async () => {
    const line = await failsWithOneLine(start({ PORT: 'eighty' }));
    expect(line).toMatch(/^novaevo: invalid configuration: PORT: .* \(see Configuration in the README\)$/);
  });

  it('says that the PostgreSQL server of DATABASE_URL cannot be reached, without its password', async () => {
    // Nothing listens on port 1.
    const line = await failsWithOneLine(start({ DATABASE_URL: 'postgres://novaevo:s3cret-pw@127.0.0.1:1/novaevo' }));
    expect(line).toBe(
      'novaevo: cannot reach PostgreSQL at 127.0.0.1:1/novaevo (ECONNREFUSED); start it, or fix DATABASE_URL (unset it to use the embedded database)',
    );
  });

  it('names a data folder that cannot be written and how to fix it', async () => {
    const file = path.join(dataDir, 'a-file');
    await writeFile(file, '');
    const line = await failsWithOneLine(start({ NOVAEVO_DATA_DIR: path.join(file, 'data') }));
    expect(line).toBe(
      `novaevo: cannot write to the data folder ${path.join(file, 'data')} (ENOTDIR); make it writable by this user or set NOVAEVO_DATA_DIR to another folder`,
    );
  });
});
