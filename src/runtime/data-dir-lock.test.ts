import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, DataDirUnusableError, lockDataDir } from './data-dir-lock.ts';

const LOCK_MODULE = new URL('./data-dir-lock.ts', import.meta.url).href;

/** A script that takes the lock on `dir`, says "locked", then waits to be killed. */
function holderScript(dir: string): string {
  return `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)};
await lockDataDir(${JSON.stringify(dir)});
process.stdout.write('locked\\n');
setInterval(() => {}, 60_000);`;
}

function untilLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before "${text}": ${out}`)));
  });
}

/** Another Node process holding the lock on `dir`, as a running NovaEvo does. */
async function spawnHolder(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holderScript(dir)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await untilLine(child, 'locked');
  return child;
}

function processState(pid: number): Promise<string> {
  // /proc/<pid>/stat: "pid (comm) S ..."; the state letter follows the closing parenthesis.
  return readFile(`/proc/${pid}/stat`, 'utf8').then((s) => s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3));
}

describe('the data folder lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-lock-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second holder while the first one lives, naming its pid', async () => {
    const holder = await spawnHolder(dir);
    children.push(holder);
    const attempt = lockDataDir(dir);
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(`another NovaEvo process (pid ${holder.pid}) is using ${dir}; stop it first, or set NOVAEVO_DATA_DIR`);
  });

  it('refuses a second lock taken in the same process, and gives it once released', async () => {
    const first = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const second = await lockDataDir(dir);
    await second.release();
  });

  it('is free again once its holder is killed, though the holder left its pid file behind', async () => {
    const holder = await spawnHolder(dir);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(Number(await readFile(path.join(dir, 'novaevo.pid'), 'utf8'))).toBe(holder.pid);
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('is not fooled when the dead holder pid now belongs to another live process', async () => {
    const holder = await spawnHolder(dir);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    // The pid was reused: the pid file now names a live process that is not NovaEvo.
    const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(unrelated);
    await writeFile(path.join(dir, 'novaevo.pid'), `${unrelated.pid}\n`);
    expect(process.kill(unrelated.pid!, 0)).toBe(true);
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it.skipIf(process.platform !== 'linux')('is free again when its killed holder is a zombie its parent has not reaped', async () => {
    // sh starts the holder in the background, prints its pid, then becomes `sleep`, which never
    // waits for children: the killed holder stays a zombie until sleep ends.
    const script = `${JSON.stringify(process.execPath)} --import tsx --input-type=module -e "$HOLDER" & echo "pid $!"; exec sleep 60`;
    const parent = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HOLDER: holderScript(dir) } });
    children.push(parent);
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await untilLine(parent, 'locked');
    const pid = Number(/pid (\d+)/.exec(out)![1]);
    process.kill(pid, 'SIGKILL');
    while ((await processState(pid)) !== 'Z') await new Promise((r) => setTimeout(r, 20));
    // The pid shows Z once its main thread has exited; node's other threads close the process's
    // files a moment later, and that is when the kernel drops the lock: it is free within moments,
    // long before anyone reaps the zombie.
    let lock: Awaited<ReturnType<typeof lockDataDir>> | undefined;
    for (let i = 0; i < 250 && !lock; i++) {
      lock = await lockDataDir(dir).catch((err: unknown) => {
        if (!(err instanceof DataDirLockedError)) throw err;
        return undefined;
      });
      if (!lock) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await processState(pid)).toBe('Z');
    await lock!.release();
  });

  it('says which folder cannot be written and how to fix it', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, '');
    const attempt = lockDataDir(path.join(file, 'data'));
    await expect(attempt).rejects.toBeInstanceOf(DataDirUnusableError);
    await expect(attempt).rejects.toThrow(/cannot write to the data folder .*a-file\/data \(ENOTDIR\); make it writable by this user or set NOVAEVO_DATA_DIR/);
  });
});
