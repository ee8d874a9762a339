import { NEGATIVE_RESPONSE } from '../uds/services.ts';

/** What the simulated ECU's server does with a request. */
export type Reply =
  | { kind: 'answer'; bytes: Uint8Array }
  | { kind: 'none' }
  | { kind: 'pending'; ms: number; finish: () => Uint8Array }
  | { kind: 'reset'; bytes: Uint8Array };

/** A positive (or any literal) answer. */
export const ok = (...bytes: number[]): Reply => ({ kind: 'answer', bytes: Uint8Array.from(bytes) });

/** A negative response: 0x7F, the service, the reason. */
export const no = (sid: number, nrc: number): Reply => ok(NEGATIVE_RESPONSE, sid, nrc);
