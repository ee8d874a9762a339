import fc from 'fast-check';
import type { Invocation, InvocationKind } from './measured-invocations.ts';
import { INVOCATION_SOURCES } from './measured-invocations.ts';
import type { ProfileInput } from './usage-profile.ts';

// Generators shared by the cost model's property tests.
const volume = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });

export const moduleVolumes = fc.record(
  {
    kbis: fc.record({ requests_per_day: volume, pages_per_document: fc.integer({ min: 0, max: 10 }), scan_share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    ocr: fc.record({ requests_per_day: volume, pages_per_document: fc.integer({ min: 0, max: 10 }) }),
    nlp: fc.record({ requests_per_day: volume }),
    flash: fc.record({ requests_per_day: volume, firmware_mb: fc.integer({ min: 0, max: 64 }) }),
    planning: fc.record({ requests_per_day: volume, bookings_per_day: volume, optimiser_runs_per_day: fc.integer({ min: 0, max: 96 }) }),
    affiliation: fc.record({ requests_per_day: volume }),
    obd: fc.record({ requests_per_day: volume, devices: fc.integer({ min: 0, max: 100_000 }), messages_per_device_per_day: fc.integer({ min: 0, max: 86_400 }), connected_hours_per_device_per_day: fc.integer({ min: 0, max: 24 }) }),
  },
  { requiredKeys: [] },
);

export const profiles: fc.Arbitrary<ProfileInput> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }),
  days_per_month: fc.integer({ min: 28, max: 31 }),
  modules: moduleVolumes,
  storage: fc.record({ database_gb: fc.integer({ min: 0, max: 1000 }), key_value_gb: fc.integer({ min: 0, max: 1000 }) }),
  platform: fc.record({ aurora_average_acu: fc.double({ min: 0, max: 16, noNaN: true }), kms_keys: fc.integer({ min: 0, max: 10 }) }),
});

const invocation: fc.Arbitrary<Invocation> = fc.record({
  duration_ms: fc.double({ min: 0.01, max: 60_000, noNaN: true }),
  memory_mb: fc.integer({ min: 128, max: 10_240 }),
  duration_from: fc.constant('test'),
  memory_from: fc.constant('test'),
  measured: fc.boolean(),
});

export const invocationSets = fc.record(Object.fromEntries(Object.keys(INVOCATION_SOURCES).map((k) => [k, invocation])) as Record<InvocationKind, fc.Arbitrary<Invocation>>);
