/**
 * Time as the protocol stacks see it: a millisecond reading and one-shot timers. Bus timeouts
 * (ISO-TP N_Bs/N_Cr, UDS P2/P2*), STmin gaps and the virtual ECU's delays all go through it, so
 * tests run on virtual time and a real bus on the wall clock.
 */
export interface Timers {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds; the returned function cancels it. */
  after(ms: number, callback: () => void): () => void;
}

/** Resolves after `ms` milliseconds of the given time. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.after(ms, resolve));
}

/** Wall-clock timers, for a real bus. */
export const realTimers: Timers = {
  now: () => performance.now(),
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};
