import type { Timers } from './timers.ts';

interface Pending {
  due: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * Timers on virtual time that jumps ahead whenever the process has nothing else to do. The
 * in-process bus delivers frames as microtasks, and `setImmediate` runs only once microtasks
 * are drained, so when it fires every frame in flight has been handled: the earliest timer is
 * then truly the next thing to happen, and time jumps to it. A timeout thus fires exactly when
 * no answer can come, without waiting on the wall clock. One timer fires per turn so that the
 * work it starts runs before the next one is considered.
 */
export class VirtualTimers implements Timers {
  #now = 0;
  #order = 0;
  #pending: Pending[] = [];
  #scheduled = false;

  now(): number {
    return this.#now;
  }

  after(ms: number, callback: () => void): () => void {
    const entry: Pending = { due: this.#now + Math.max(0, ms), order: this.#order++, callback, cancelled: false };
    this.#insert(entry);
    this.#schedule();
    return () => {
      entry.cancelled = true;
    };
  }

  /** Timers still waiting (cancelled ones excluded). */
  get pendingCount(): number {
    return this.#pending.filter((p) => !p.cancelled).length;
  }

  #insert(entry: Pending): void {
    // Sorted by due time then creation; most timers are appended near the end.
    let i = this.#pending.length;
    while (i > 0) {
      const before = this.#pending[i - 1]!;
      if (before.due < entry.due || (before.due === entry.due && before.order < entry.order)) break;
      i--;
    }
    this.#pending.splice(i, 0, entry);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#fireNext());
  }

  #fireNext(): void {
    this.#scheduled = false;
    while (this.#pending.length > 0 && this.#pending[0]!.cancelled) this.#pending.shift();
    const next = this.#pending.shift();
    if (next === undefined) return;
    this.#now = Math.max(this.#now, next.due);
    if (this.#pending.length > 0) this.#schedule();
    next.callback();
  }
}
