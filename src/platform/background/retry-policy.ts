/** How a failed attempt (an event delivery, a notification) is retried: exponential backoff, then giving up. */
export interface RetryPolicy {
  /** Delay before the second attempt. */
  baseDelayMs: number;
  /** Each further delay is the previous one times this. */
  factor: number;
  /** Ceiling of any one delay. */
  maxDelayMs: number;
  /** Attempts (the first included) before giving up (a dead letter, a failed notification). */
  maxAttempts: number;
  /**
   * Share of each delay taken off at random (0 = exact delays, 0.2 = between 80% and 100%),
   * so that attempts failing together do not all come back at the same instant.
   */
  jitter: number;
}

/** 1 s, 2 s, 4 s ... up to 15 min between attempts; dead after 8 attempts (about 4 minutes of retries). */
const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 15 * 60_000,
  maxAttempts: 8,
  jitter: 0.2,
};

/** Fills in the defaults and rejects settings that would never retry sensibly. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...overrides };
  const { baseDelayMs, factor, maxDelayMs, maxAttempts, jitter } = policy;
  if (!(baseDelayMs >= 0 && factor >= 1 && maxDelayMs >= baseDelayMs && Number.isInteger(maxAttempts) && maxAttempts >= 1 && jitter >= 0 && jitter <= 1)) {
    throw new RangeError(`invalid retry policy ${JSON.stringify(policy)}`);
  }
  return policy;
}

/** Delay after the failure of attempt number `attempt` (1-based); `random` returns [0, 1). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exact = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** (attempt - 1));
  return Math.round(exact * (1 - policy.jitter * random()));
}
