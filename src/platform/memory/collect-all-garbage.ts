import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Runs V8's memory-reducing collection on this thread's heap (the "last resort" one: full
 * collections until nothing more is freed, then the young generation shrunk to its minimum),
 * and returns how long it paused the thread. For a thread that has just finished a start which
 * grew its heap and will now mostly idle: its young generation, grown to 16-32 MB and resident
 * in full, otherwise stays so until the thread ends.
 */
export function collectAllGarbage(): { pauseMs: number } {
  const t0 = performance.now();
  // The collector is reachable from JavaScript only behind --expose-gc, which a new context picks up.
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as Collect)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return { pauseMs: Math.round(performance.now() - t0) };
}
