import { NEGATIVE_RESPONSE } from '../uds/services.ts';

/** What the simulated ECU's server does with a request. */
export type Reply =
  | { kind: 'answer'; bytes: Uint8Array }
  | { kind: 'none' }
  | { kind: 'pending'; ms: number; finish: () => Uint8Array }
  | { kind: 'reset'; bytes: Uint8Array };

/** A positive (or any literal) answer. */
export const ok = (...bytes: number[]): Reply => ({ kind: 'answer', bytes: Uint8Array.from(bytes) });

/** A positive answer: header bytes then a block of data (memory reads, uploads, identifiers). */
export function okWith(header: readonly number[], data: Uint8Array): Reply {
  const bytes = new Uint8Array(header.length + data.length);
  bytes.set(header);
  bytes.set(data, header.length);
  return { kind: 'answer', bytes };
}

/** A negative response: 0x7F, the service, the reason. */
export const no = (sid: number, nrc: number): Reply => ok(NEGATIVE_RESPONSE, sid, nrc);
