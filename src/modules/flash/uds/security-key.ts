import { createHmac } from 'node:crypto';

/** Computes the key an ECU expects for a seed at a security level. */
export type KeyAlgorithm = (seed: Uint8Array, level: number) => Uint8Array;

/**
 * The seed/key algorithm shared by the agent and the virtual ECU: the key is the first four
 * bytes of HMAC-SHA256(secret, level byte ‖ seed). Real ECUs each have their maker's
 * algorithm; the agent takes any `KeyAlgorithm`, this one is what the simulator implements.
 *
 * @example
 * const key = hmacKeyAlgorithm(Buffer.from('novaevo-virtual-ecu'))(Uint8Array.of(1, 2, 3, 4), 0x01);
 */
export function hmacKeyAlgorithm(secret: Uint8Array): KeyAlgorithm {
  return (seed, level) => {
    const mac = createHmac('sha256', secret).update(Uint8Array.of(level)).update(seed).digest();
    return new Uint8Array(mac.subarray(0, 4));
  };
}

/** The secret of the virtual ECU's security access (a simulator, not a real maker's key). */
export const VIRTUAL_ECU_SECRET = new TextEncoder().encode('novaevo-virtual-ecu-security-access-v1');
