import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a postback's timestamp may be from our clock: older ones are replays, newer ones are refused too. */
export const REPLAY_WINDOW_SECONDS = 300;

/** `sha256=<hex>` of HMAC-SHA256 over `"{timestamp}.{raw body}"` with `secret`: what a partner sends. */
export function signPostback(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Constant-time equality of two strings (false when their lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'SIGNATURE_MISSING' | 'TIMESTAMP_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW' | 'SIGNATURE_INVALID' };

/**
 * Verifies a signed postback against every secret currently valid for the partner (the current
 * one and, during a rotation's grace period, the previous one). The timestamp must be Unix
 * seconds within {@link REPLAY_WINDOW_SECONDS} of `nowMs`; the comparison is constant-time.
 */
export function verifyPostback(input: { secrets: readonly string[]; timestamp: string | undefined; signature: string | undefined; rawBody: string; nowMs: number }): SignatureCheck {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined) return { ok: false, code: 'SIGNATURE_MISSING' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, code: 'TIMESTAMP_INVALID' };
  if (Math.abs(Number(timestamp) - input.nowMs / 1000) > REPLAY_WINDOW_SECONDS) return { ok: false, code: 'TIMESTAMP_OUT_OF_WINDOW' };
  const given = signature.trim().toLowerCase();
  // Every secret is tried (no early exit), so the time taken says nothing about which matched.
  let matched = false;
  for (const secret of input.secrets) matched = safeEqual(signPostback(secret, timestamp, input.rawBody), given) || matched;
  return matched ? { ok: true } : { ok: false, code: 'SIGNATURE_INVALID' };
}

/**
 * The token of a partner's GET postback URL, derived from its postback secret (so it rotates
 * with it, under the same grace period, and nothing more is stored): 32 hex characters.
 */
export function getPostbackToken(secret: string): string {
  return createHmac('sha256', secret).update('novaevo-affiliation-get-postback-token').digest('hex').slice(0, 32);
}
