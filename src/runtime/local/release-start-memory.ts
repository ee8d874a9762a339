import { collectAllGarbage } from '../../platform/memory/collect-all-garbage.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * Gives back what the start no longer uses, once the process has idled a moment after it:
 * loading and initialising ~400 modules grows V8's young generation to its maximum (32 MB, every
 * page resident until the process exits) and leaves garbage in the old one. One collection of
 * all garbage takes ~20-40 MB off the idle RSS, for one pause of the main thread of ~0.1 s
 * (more on a busy machine), once.
 */
export function releaseStartMemory(logger: Logger, afterMs = 1000): void {
  const timer = setTimeout(() => {
    const before = process.memoryUsage.rss();
    const { pauseMs } = collectAllGarbage();
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    logger.debug({ rssBeforeMb: mb(before), rssAfterMb: mb(process.memoryUsage.rss()), pauseMs }, 'start garbage released');
  }, afterMs);
  timer.unref();
}
