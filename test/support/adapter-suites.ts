import { describe } from 'vitest';

/** An adapter a contract suite runs against; real-server adapters are unavailable when their env var is unset. */
export interface AdapterAvailability {
  name: string;
  /** false: the suite is reported as skipped, with `skipReason` in its name. */
  available?: boolean;
  skipReason?: string;
}

/**
 * Declares one contract suite per adapter. An unavailable adapter's suite is still declared, as
 * skipped, so the run reports those tests as skipped instead of silently testing less.
 */
export function describeEachAdapter<T extends AdapterAvailability>(title: string, adapters: readonly T[], suite: (adapter: T) => void): void {
  for (const adapter of adapters) {
    const label = `${title}: ${adapter.name}`;
    if (adapter.available === false) describe.skip(`${label} (skipped: ${adapter.skipReason ?? 'unavailable here'})`, () => suite(adapter));
    else describe(label, () => suite(adapter));
  }
}
