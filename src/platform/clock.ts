/** The platform's notion of "now". Domain code takes a Clock instead of calling Date.now(). */
export interface Clock {
  /** Current instant. */
  now(): Date;
}

/** Wall-clock time. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and then runs on in real time.
 * Used for NOVAEVO_NOW: demos and tests of date rules without faking the OS clock.
 */
export function offsetClock(start: Date, base: Clock = systemClock): Clock {
  const offsetMs = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

/** A clock that only moves when told to (tests). */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(instant: Date | string): void {
    this.#ms = new Date(instant).getTime();
  }
}
