import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/novaevo.js');

export interface NovaevoProcess {
  child: ChildProcess;
  /** Every line written so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the first log line matching `re` (JSON-parsed when it is JSON). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<any>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** Runs `novaevo <args>` as a real child process, as a user would. */
export function runNovaevo(args: string[], env: Record<string, string | undefined>): NovaevoProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (v: any) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
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
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    lines,
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
