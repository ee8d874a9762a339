/** ISO 15765-2 protocol control information of one CAN frame (classic CAN, normal addressing). */
export type IsoTpFrame =
  | { type: 'single'; data: Uint8Array }
  | { type: 'first'; length: number; data: Uint8Array }
  | { type: 'consecutive'; sequence: number; data: Uint8Array }
  | { type: 'flow'; status: FlowStatus; blockSize: number; stMin: number };

/** Flow control status: continue to send, wait, overflow (the receiver cannot take it). */
export type FlowStatus = 'continue' | 'wait' | 'overflow';

const FLOW_CODES: Record<FlowStatus, number> = { continue: 0, wait: 1, overflow: 2 };

/** The largest message a 12-bit first-frame length holds; longer ones use the 32-bit escape. */
export const SHORT_LENGTH_LIMIT = 4095;

/** Encodes a frame, padded to 8 bytes with `padding`. */
export function encodeFrame(frame: IsoTpFrame, padding: number): Uint8Array {
  const out = new Uint8Array(8).fill(padding);
  switch (frame.type) {
    case 'single':
      out[0] = frame.data.length;
      out.set(frame.data, 1);
      break;
    case 'first':
      if (frame.length <= SHORT_LENGTH_LIMIT) {
        out[0] = 0x10 | (frame.length >> 8);
        out[1] = frame.length & 0xff;
        out.set(frame.data, 2);
      } else {
        out[0] = 0x10;
        out[1] = 0;
        new DataView(out.buffer).setUint32(2, frame.length);
        out.set(frame.data, 6);
      }
      break;
    case 'consecutive':
      out[0] = 0x20 | (frame.sequence & 0x0f);
      out.set(frame.data, 1);
      break;
    default:
      out[0] = 0x30 | FLOW_CODES[frame.status];
      out[1] = frame.blockSize;
      out[2] = frame.stMin;
  }
  return out;
}

/** Decodes a received CAN frame's payload, or undefined for a frame ISO-TP says to ignore. */
export function decodeFrame(bytes: Uint8Array): IsoTpFrame | undefined {
  const pci = bytes[0];
  if (pci === undefined) return undefined;
  switch (pci >> 4) {
    case 0: {
      const length = pci & 0x0f;
      if (length === 0 || length > 7 || bytes.length < length + 1) return undefined;
      return { type: 'single', data: bytes.slice(1, 1 + length) };
    }
    case 1: {
      if (bytes.length < 8) return undefined;
      const short = ((pci & 0x0f) << 8) | bytes[1]!;
      if (short !== 0) return short < 8 ? undefined : { type: 'first', length: short, data: bytes.slice(2, 8) };
      const long = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(2);
      return long <= SHORT_LENGTH_LIMIT ? undefined : { type: 'first', length: long, data: bytes.slice(6, 8) };
    }
    case 2:
      return { type: 'consecutive', sequence: pci & 0x0f, data: bytes.slice(1) };
    case 3: {
      const status = (['continue', 'wait', 'overflow'] as const)[pci & 0x0f];
      if (status === undefined || bytes.length < 3) return undefined;
      return { type: 'flow', status, blockSize: bytes[1]!, stMin: bytes[2]! };
    }
    default:
      return undefined;
  }
}

/**
 * The separation time an STmin byte asks for, in milliseconds: 0x00-0x7F are milliseconds,
 * 0xF1-0xF9 are 100-900 microseconds, and reserved values mean the longest, 127 ms.
 */
export function stMinMs(value: number): number {
  if (value <= 0x7f) return value;
  if (value >= 0xf1 && value <= 0xf9) return (value - 0xf0) / 10;
  return 0x7f;
}
