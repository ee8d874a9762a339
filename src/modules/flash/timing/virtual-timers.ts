import type { Timers } from './timers.ts';

interface Pending {
  due: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

const earlier = (a: Pending, b: Pending) => a.due < b.due || (a.due === b.due && a.order < b.order);

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
  /** A binary min-heap by (due, order); cancelled timers are dropped when they reach the top. */
  #heap: Pending[] = [];
  #live = 0;
  #scheduled = false;

  now(): number {
    return this.#now;
  }

  after(ms: number, callback: () => void): () => void {
    const entry: Pending = { due: this.#now + Math.max(0, ms), order: this.#order++, callback, cancelled: false };
    this.#push(entry);
    this.#live++;
    this.#schedule();
    return () => {
      if (entry.cancelled) return;
      entry.cancelled = true;
      // With no live timer left, whatever the heap holds is cancelled: drop it at once.
      if (--this.#live === 0) this.#heap = [];
    };
  }

  /** Timers still waiting (cancelled and fired ones excluded). */
  get pendingCount(): number {
    return this.#live;
  }

  #schedule(): void {
    if (this.#scheduled || this.#live === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#fireNext());
  }

  #fireNext(): void {
    this.#scheduled = false;
    let next = this.#pop();
    while (next?.cancelled) next = this.#pop();
    if (next === undefined) return;
    next.cancelled = true;
    this.#live--;
    this.#now = Math.max(this.#now, next.due);
    this.#schedule();
    next.callback();
  }

  #push(entry: Pending): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): Pending | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && earlier(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && earlier(heap[right]!, heap[least]!)) least = right;
      if (least === i) return top;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
