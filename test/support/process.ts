import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/novaevo.js');

export interface NovaevoProcess {
  child: ChildProcess;
  /** Every line written so far (stdout and stderr). */
  lines: string[];
  /** The lines written to stderr alone. */
  stderr: string[];
  /** Resolves with the first log line matching `re` (JSON-parsed when it is JSON). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<any>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/**
 * Runs `novaevo <args>` as a real child process, as a user would: bin/novaevo.js, so the built
 * command line (dist/, kept fresh by the global set-up) rather than the sources through tsx.
 */
export function runNovaevo(args: string[], env: Record<string, string | undefined>): NovaevoProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { re: RegExp; resolve: (v: any) => void }[] = [];
  // A chunk may end mid-line: the rest of each stream's last line waits for the next chunk.
  const partial = { out: '', err: '' };
  const onData = (chunk: Buffer, fromStderr: boolean) => {
    const key = fromStderr ? 'err' : 'out';
    const parts = (partial[key] + chunk.toString('utf8')).split('\n');
    partial[key] = parts.pop()!;
    for (const line of parts) {
      if (!line.trim()) continue;
      lines.push(line);
      if (fromStderr) stderr.push(line);
      for (const w of [...waiters]) {
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          let value: unknown = line;
          try {
            value = JSON.parse(line);
          } catch {
            /* plain text line */
          }
          w.resolve(value);
        }
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => onData(chunk, false));
  child.stderr!.on('data', (chunk: Buffer) => onData(chunk, true));
  child.stdout!.on('end', () => onData(Buffer.from('\n'), false));
  child.stderr!.on('end', () => onData(Buffer.from('\n'), true));
  // 'close' comes after both streams ended: every line is in `lines` once `exited` resolves.
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor(re, timeoutMs = 60_000) {
      const seen = lines.find((l) => re.test(l));
      if (seen) {
        try {
          return Promise.resolve(JSON.parse(seen));
        } catch {
          return Promise.resolve(seen);
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({
          re,
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
        });
        void exited.then(() => setTimeout(() => reject(new Error(`process exited before ${re}:\n${lines.join('\n')}`)), 50));
      });
    },
  };
}
