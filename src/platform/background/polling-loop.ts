/**
 * Runs `pass` every `intervalMs` while started, one pass at a time, and right away when nudged.
 * A nudge during a pass asks for one more pass as soon as it ends, so no nudge is lost.
 * Its timers are unref'd: a started loop alone does not keep the process alive.
 */
export class PollingLoop {
  readonly #pass: () => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #onError: (err: unknown) => void;
  #started = false;
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<void> | undefined;
  #again = false;

  constructor(pass: () => Promise<unknown>, intervalMs: number, onError: (err: unknown) => void) {
    if (!(intervalMs > 0)) throw new RangeError(`poll interval must be positive, got ${intervalMs}`);
    this.#pass = pass;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  /** True between start() and stop(): passes should keep going. */
  get started(): boolean {
    return this.#started;
  }

  /** Runs a first pass now, then polls. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /** Asks for a pass as soon as possible; ignored while stopped. */
  nudge(): void {
    if (!this.#started) return;
    if (this.#current) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops polling and resolves once the pass in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#tick(), delayMs);
    this.#timer.unref();
  }

  #tick(): void {
    this.#timer = undefined;
    this.#current = this.#pass()
      .then(
        () => undefined,
        (err: unknown) => this.#onError(err),
      )
      .finally(() => {
        this.#current = undefined;
        if (!this.#started) return;
        this.#schedule(this.#again ? 0 : this.#intervalMs);
        this.#again = false;
      });
  }
}
