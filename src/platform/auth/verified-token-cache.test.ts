import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { unauthorized } from '../errors.ts';
import type { Principal } from './principal.ts';
import { cachingVerifier } from './verified-token-cache.ts';

describe('cachingVerifier', () => {
  const clock = new ManualClock('2026-05-01T10:00:00Z');
  const principal: Principal = {
    userId: 'u1',
    role: 'owner',
    orgId: undefined,
    email: undefined,
    issuer: 'local',
    expiresAt: new Date('2026-05-01T10:15:00Z'),
  };

  it('checks a token once, then reuses the result until the token expires or a minute passes', async () => {
    let checks = 0;
    const verifier = cachingVerifier(
      {
        verify: async (t) => {
          checks++;
          if (t !== 'good') throw unauthorized('TOKEN_INVALID', 'no');
          return { ...principal };
        },
      },
      clock,
    );
    expect((await verifier.verify('good')).userId).toBe('u1');
    expect((await verifier.verify('good')).userId).toBe('u1');
    expect(checks).toBe(1);
    clock.advance(61_000);
    await verifier.verify('good');
    expect(checks).toBe(2);
    await expect(verifier.verify('bad')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(verifier.verify('bad')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(checks).toBe(4); // failures are never remembered
  });

  it('never serves a token past its expiry, and hands out copies callers cannot alter', async () => {
    const verifier = cachingVerifier({ verify: async () => ({ ...principal, expiresAt: new Date(clock.now().getTime() + 10_000) }) }, clock);
    const first = await verifier.verify('t');
    first.verification = 'verified';
    expect((await verifier.verify('t')).verification).toBeUndefined();
  });
});
