import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { ConfigError, type Config } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import { lockDataDir } from '../data-dir-lock.ts';
import type { ClusterRole, LocalServer } from './server.ts';

/**
 * `novaevo start --workers N`: the HTTP API in N processes (node:cluster) on one port. The
 * primary owns nothing but the workers (and the data folder's lock). Every worker runs the whole
 * platform, background work included: on PostgreSQL the scale-out rules make that safe (README
 * "Scaling out"). The first worker alone runs the embedded MQTT broker and the device
 * subscriptions; the others publish through it. It starts first and alone, so that a new data
 * folder's keys and the migrations are made once; the others then start together.
 */

/** Environment variable that tells a worker its role (a worker is `novaevo start` re-run by the primary). */
const ROLE_ENV = 'NOVAEVO_CLUSTER_ROLE';

/** What a worker tells the primary once it serves. */
interface ReadyMessage {
  type: 'ready';
  url: string;
  broker?: ClusterRole['broker'];
}

/** The primary's first message to a worker after the first: where the broker is. */
interface SetupMessage {
  type: 'setup';
  broker?: ClusterRole['broker'];
}

/** The default of `--workers`: every core on PostgreSQL; one process on PGlite, which is single-process. */
export function defaultWorkerCount(config: Config): number {
  return config.databaseUrl ? availableParallelism() : 1;
}

/** Whether this process is a worker of a cluster, which starts its server with {@link workerRole}. */
export const isClusterWorker = (): boolean => cluster.isWorker && process.env[ROLE_ENV] !== undefined;

/** A worker's role: the first is told by its environment, the others wait for the primary's setup message. */
export async function workerRole(): Promise<ClusterRole> {
  if (process.env[ROLE_ENV] === 'first') return { first: true };
  const [message] = (await once(process, 'message')) as [SetupMessage];
  return { first: false, ...(message.broker ? { broker: message.broker } : {}) };
}

/** Tells the primary that this worker serves (the first also names its broker). */
export function reportReady(server: LocalServer): void {
  const message: ReadyMessage = {
    type: 'ready',
    url: server.url,
    ...(server.brokerCredentials ? { broker: { url: server.mqttUrl, credentials: server.brokerCredentials } } : {}),
  };
  process.send!(message);
}

/** A worker ended before it served: it has printed why (main()'s one line) and exited with this code. */
class WorkerStartFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`a worker exited (code ${exitCode}) before it was ready`);
  }
}

function fork(role: 'first' | 'other', setup?: SetupMessage): Promise<{ worker: Worker; ready: ReadyMessage }> {
  const worker = cluster.fork({ [ROLE_ENV]: role });
  if (setup) worker.send(setup);
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new WorkerStartFailed(code ?? 1));
    worker.once('exit', onExit);
    worker.on('message', (message: ReadyMessage) => {
      if (message?.type !== 'ready') return;
      worker.off('exit', onExit);
      resolve({ worker, ready: message });
    });
  });
}

/**
 * Runs the primary of `novaevo start --workers N` until SIGINT/SIGTERM, which it passes to the
 * workers (each finishes its requests in flight and closes). A worker that dies ends the others
 * and the primary with exit code 1: the supervisor that restarts a lone process restarts this one.
 */
export async function runCluster(options: { config: Config; logger: Logger; workers: number }): Promise<void> {
  const { config, logger, workers } = options;
  if (!config.databaseUrl) throw new ConfigError('--workers above 1 needs DATABASE_URL: the embedded database (PGlite) serves one process');
  const lock = await lockDataDir(config.dataDir);
  const running = new Set<Worker>();
  let stopping = false;
  let serving = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exits = [...running].filter((w) => !w.isDead()).map((w) => once(w, 'exit'));
    for (const w of running) w.process.kill('SIGTERM');
    await Promise.all(exits);
    await lock.release();
    logger.info('NovaEvo stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    // Before every worker serves, a failure is the start's, reported by main() (exit code 2).
    if (stopping || !serving) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker died: stopping the others');
    void stopAll(1);
  });

  try {
    const first = await fork('first');
    running.add(first.worker);
    const setup: SetupMessage = { type: 'setup', ...(first.ready.broker ? { broker: first.ready.broker } : {}) };
    const others = await Promise.all(
      Array.from({ length: workers - 1 }, () =>
        fork('other', setup).then((w) => {
          running.add(w.worker);
          return w;
        }),
      ),
    );
    serving = true;
    const pids = [first, ...others].map((w) => w.worker.process.pid);
    logger.info({ url: first.ready.url, workers, pids, dataDir: config.dataDir }, 'NovaEvo is ready');
  } catch (err) {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map((w) => w && !w.isDead() && once(w, 'exit'));
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    await Promise.all(exits);
    await lock.release();
    // The worker's own line said why, as a lone process would have: nothing to add.
    if (err instanceof WorkerStartFailed) process.exit(err.exitCode);
    throw err;
  }
}
