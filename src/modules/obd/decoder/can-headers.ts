import type { DecodeErrorCode } from './error-codes.ts';
import type { DecodeError } from './types.ts';

/** A CAN frame printed with ELM327 headers on: the ECU's identifier, then the ISO-TP PCI byte. */
export type CanHeaderLine =
  | { kind: 'canSingle'; ecu: string; bytes: Uint8Array }
  | { kind: 'canFirst'; ecu: string; length: number; bytes: Uint8Array }
  | { kind: 'canConsecutive'; ecu: string; index: number; bytes: Uint8Array }
  | { kind: 'error'; error: DecodeError };

// 11-bit responses come from 7E8-7EF, 29-bit ones from 18 DA F1 xx. Headers off, no frame
// starts like this: 7E is only ever "7E 00" and 18 is not a response service.
const ELEVEN_BIT = /^(7E[89A-F])\s*((?:[0-9A-F]{2}\s*)+)$/;
const TWENTY_NINE_BIT = /^(18\s*DA\s*F1\s*[0-9A-F]{2})\s+((?:[0-9A-F]{2}\s*)+)$|^(18DAF1[0-9A-F]{2})((?:[0-9A-F]{2})+)$/;

function bytesOf(hex: string): Uint8Array {
  const digits = hex.replace(/\s+/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

/** Parses a headers-on line (upper case, trimmed), or returns undefined when it has no CAN header. */
export function canHeaderLine(line: string): CanHeaderLine | undefined {
  const m = ELEVEN_BIT.exec(line) ?? TWENTY_NINE_BIT.exec(line);
  if (!m) return undefined;
  const ecu = (m[1] ?? m[3]!).replace(/\s+/g, '');
  const bytes = bytesOf(m[2] ?? m[4]!);
  const pci = bytes[0]!;
  const error = (code: DecodeErrorCode, detail: string): CanHeaderLine => ({ kind: 'error', error: { code, detail } });
  switch (pci >> 4) {
    case 0: {
      const length = pci & 0x0f;
      if (length === 0 || bytes.length < 1 + length) return error('FRAME_TOO_SHORT', `CAN single frame announces ${length} bytes, ${bytes.length - 1} present`);
      return { kind: 'canSingle', ecu, bytes: bytes.subarray(1, 1 + length) };
    }
    case 1:
      if (bytes.length < 2) return error('FRAME_TOO_SHORT', 'a CAN first frame holds a 12-bit length');
      return { kind: 'canFirst', ecu, length: (pci & 0x0f) * 256 + bytes[1]!, bytes: bytes.subarray(2) };
    case 2:
      return { kind: 'canConsecutive', ecu, index: pci & 0x0f, bytes: bytes.subarray(1) };
    default:
      return error('ISO_TP_UNEXPECTED_FRAME', `PCI byte ${pci.toString(16).toUpperCase()} is not a single, first or consecutive frame`);
  }
}
