import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getPostbackToken, REPLAY_WINDOW_SECONDS, signPostback, verifyPostback } from './postback-signature.ts';

const NOW = 1_780_000_000_000;
const ts = (offsetSeconds = 0) => String(Math.floor(NOW / 1000) + offsetSeconds);

describe('postback signatures', () => {
  it('accepts what the partner signed with any of its valid secrets, within the window', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: -REPLAY_WINDOW_SECONDS, max: REPLAY_WINDOW_SECONDS }), fc.boolean(), (secret, body, offset, asPrevious) => {
        const secrets = asPrevious ? ['current-secret', secret] : [secret];
        const timestamp = ts(offset);
        expect(verifyPostback({ secrets, timestamp, signature: signPostback(secret, timestamp, body), rawBody: body, nowMs: NOW })).toEqual({ ok: true });
      }),
    );
  });

  it('refuses any change to the body, the timestamp or the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string(), fc.integer({ min: 1, max: 100 }), (secret, body, other, shift) => {
        fc.pre(other !== body);
        const timestamp = ts();
        const signature = signPostback(secret, timestamp, body);
        expect(verifyPostback({ secrets: [secret], timestamp, signature, rawBody: other, nowMs: NOW })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
        expect(verifyPostback({ secrets: [secret], timestamp: ts(shift), signature, rawBody: body, nowMs: NOW })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
        expect(verifyPostback({ secrets: [`${secret}x`], timestamp, signature, rawBody: body, nowMs: NOW })).toEqual({ ok: false, code: 'SIGNATURE_INVALID' });
        expect(verifyPostback({ secrets: [], timestamp, signature, rawBody: body, nowMs: NOW }).ok).toBe(false);
      }),
    );
  });

  it('refuses timestamps more than five minutes off, either way, even correctly signed (replays)', () => {
    fc.assert(
      fc.property(fc.integer({ min: REPLAY_WINDOW_SECONDS + 1, max: 10 ** 8 }), fc.boolean(), (off, past) => {
        const timestamp = ts(past ? -off : off);
        expect(verifyPostback({ secrets: ['s'], timestamp, signature: signPostback('s', timestamp, '{}'), rawBody: '{}', nowMs: NOW })).toEqual({ ok: false, code: 'TIMESTAMP_OUT_OF_WINDOW' });
      }),
    );
  });

  it('never throws on arbitrary headers, and says what is wrong', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), fc.string(), (timestamp, signature, body) => {
        const r = verifyPostback({ secrets: ['s'], timestamp: timestamp ?? undefined, signature: signature ?? undefined, rawBody: body, nowMs: NOW });
        if (!r.ok) expect(['SIGNATURE_MISSING', 'TIMESTAMP_INVALID', 'TIMESTAMP_OUT_OF_WINDOW', 'SIGNATURE_INVALID']).toContain(r.code);
      }),
    );
    expect(verifyPostback({ secrets: ['s'], timestamp: '1e9', signature: 'sha256=00', rawBody: '', nowMs: NOW }).ok).toBe(false);
  });

  it('accepts the hex in upper case, as some partners send it', () => {
    const timestamp = ts();
    expect(verifyPostback({ secrets: ['s'], timestamp, signature: signPostback('s', timestamp, '{}').toUpperCase().replace('SHA256', 'sha256'), rawBody: '{}', nowMs: NOW }).ok).toBe(true);
  });

  it('derives a different GET token for each secret', () => {
    expect(getPostbackToken('a')).toMatch(/^[0-9a-f]{32}$/);
    expect(getPostbackToken('a')).not.toBe(getPostbackToken('b'));
  });
});
