import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ClickRecorder } from './click-recorder.ts';
import type { IpSalts } from './ip-salts.ts';
import type { LinkCache } from './link-cache.ts';

/**
 * The redirect's background: the link cache, the day's salts and the click recorder, started at
 * the first use (a module's init does no I/O): the journal of a crashed process is replayed then,
 * and the link cache and salts are refreshed on a timer from then on.
 */
export class ClickTracker {
  #started: Promise<void> | undefined;
  #ready = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(readonly deps: { links: LinkCache; salts: IpSalts; recorder: ClickRecorder; clock: Clock; logger: Logger; refreshMs: number }) {}

  /** True once started: the redirect then never awaits anything but its journal line. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Starts once (later calls share the first); a failed start is retried by the next call. */
  start(): Promise<void> {
    this.#started ??= this.#start().catch((err) => {
      this.#started = undefined;
      throw err;
    });
    return this.#started;
  }

  async #start(): Promise<void> {
    const { links, salts, recorder, clock, logger } = this.deps;
    await salts.load(clock.now());
    await links.refresh();
    const replayed = await recorder.recover();
    if (replayed > 0) logger.info({ clicks: replayed }, 'affiliation clicks replayed from the journal');
    if (this.#closed) return;
    this.#ready = true;
    this.#timer = setInterval(() => {
      Promise.all([links.refresh(), salts.load(clock.now())]).catch((err) => logger.warn({ err }, 'affiliation link cache refresh failed'));
    }, this.deps.refreshMs);
    this.#timer.unref();
  }

  /** Stops the refresh and writes every buffered click (graceful stop). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#started?.catch(() => {});
    await this.deps.recorder.close();
  }
}
