import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.ts';
import type { Principal } from './principal.ts';
import type { TokenVerifier } from './token-verifier.ts';

export interface VerifiedTokenCacheOptions {
  /** Tokens remembered at once (least recently used forgotten first). */
  max?: number;
  /** Longest a verification is reused, whatever the token's expiry. */
  ttlMs?: number;
}

/**
 * Remembers tokens already verified, so that a client's repeated requests with one access token
 * pay for the ES256 signature check once (it was the largest CPU share of an authorised read).
 * Keyed by the token's SHA-256, never the token itself; an entry lives until the token's own
 * expiry (by the platform clock) or `ttlMs`, whichever comes first. Revocation is not decided
 * here: the route kit checks the session at every request, cached or not.
 */
export function cachingVerifier(inner: TokenVerifier, clock: Clock, options: VerifiedTokenCacheOptions = {}): TokenVerifier {
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new LRUCache<string, { principal: Principal; until: number }>({ max: options.max ?? 10_000 });
  return {
    async verify(token) {
      const key = createHash('sha256').update(token).digest('base64url');
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit && hit.until > now) return { ...hit.principal };
      const principal = await inner.verify(token);
      const exp = principal.expiresAt?.getTime() ?? now;
      cache.set(key, { principal: { ...principal }, until: Math.min(exp, now + ttlMs) });
      return principal;
    },
  };
}
