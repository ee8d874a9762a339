import { describe, expect, it } from 'vitest';
import { retryDelayMs, retryPolicy } from './retry-policy.ts';

describe('retry policy', () => {
  it('grows the delay by the factor after each attempt, up to the ceiling', () => {
    const policy = retryPolicy({ baseDelayMs: 100, factor: 3, maxDelayMs: 1_000, jitter: 0 });
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt))).toEqual([100, 300, 900, 1_000, 1_000]);
  });

  it('takes at most the jitter share off a delay', () => {
    const policy = retryPolicy({ baseDelayMs: 1_000, jitter: 0.2 });
    expect(retryDelayMs(policy, 1, () => 0)).toBe(1_000);
    expect(retryDelayMs(policy, 1, () => 0.999_999)).toBe(800);
  });

  it('refuses settings that cannot work', () => {
    for (const bad of [{ factor: 0.5 }, { maxAttempts: 0 }, { jitter: 2 }, { baseDelayMs: -1 }, { maxDelayMs: 10 }]) {
      expect(() => retryPolicy(bad)).toThrow(RangeError);
    }
  });
});
