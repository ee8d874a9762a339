// Starts ingest-crash.fixture.ts (the whole local runtime) in a child process, for the crash test
// and the OBD benchmark's restart phase, and kills it the hard way.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const FIXTURE = new URL('./ingest-crash.fixture.ts', import.meta.url).pathname;

export interface RuntimeChild {
  child: ChildProcess;
  url: string;
  mqttUrl: string;
  /** Epoch milliseconds of the points stored in `series` between `from` and `to` (both included), oldest first. */
  times(series: string, from: number, to: number): Promise<number[]>;
}

/** Starts the runtime on `dataDir` (MQTT on `mqttPort`); resolves once it serves. `env` adds DATABASE_URL, OBD_* settings. */
export async function launchRuntime(dataDir: string, mqttPort: number, env: Record<string, string> = {}): Promise<RuntimeChild> {
  const child = fork(FIXTURE, [dataDir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, MQTT_PORT: String(mqttPort) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => Promise.reject(new Error(`the runtime exited (${code ?? signal}) before it was ready`)));
  exited.catch(() => {});
  const [message] = (await Promise.race([once(child, 'message'), exited])) as [{ ready: { url: string; mqttUrl: string } }];
  // Answers come back in the order asked.
  const answers: ((times: number[]) => void)[] = [];
  child.on('message', (m: { times?: number[] }) => {
    if (m.times) answers.shift()?.(m.times);
  });
  return {
    child,
    ...message.ready,
    times(series, from, to) {
      return new Promise((resolve) => {
        answers.push(resolve);
        child.send({ times: { series, from, to } });
      });
    },
  };
}

/** SIGKILL: no shutdown hook runs, nothing is flushed. Resolves with the signal the child died of. */
export async function killHard(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  return signal;
}
