import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PubackGate } from './broker-puback-gate.ts';

/** One MQTT packet as bytes: a type, a remaining length in 1 to 3 bytes, a body. */
function packet(type: number, body: Buffer): Buffer {
  const length: number[] = [];
  let left = body.length;
  do {
    let byte = left % 128;
    left = Math.floor(left / 128);
    if (left > 0) byte |= 0x80;
    length.push(byte);
  } while (left > 0);
  return Buffer.concat([Buffer.from([(type << 4) | (type === 6 ? 2 : 0), ...length]), body]);
}
const puback = (id: number) => packet(4, Buffer.from([id >> 8, id & 0xff]));

function connection() {
  const written: Buffer[] = [];
  const socket = {
    write: (chunk: string | Uint8Array, encoding?: unknown) => {
      written.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding as BufferEncoding) : Buffer.from(chunk));
      return true;
    },
  };
  return { socket, gate: new PubackGate(socket), out: () => Buffer.concat(written) };
}

const otherPacket = fc
  .tuple(fc.constantFrom(2, 3, 5, 6, 7, 9, 11, 13), fc.uint8Array({ maxLength: 300 }))
  .map(([type, body]) => ({ kind: 'other' as const, bytes: packet(type, Buffer.from(body)) }));
const pubackPacket = fc.integer({ min: 1, max: 65_535 }).map((id) => ({ kind: 'puback' as const, id, bytes: puback(id) }));

describe('PubackGate', () => {
  it('passes every other packet at once and holds each PUBACK until its message is routed, then sends them in order, however writes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(otherPacket, pubackPacket), { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 50 })), fc.boolean(), (packets, cuts, strings) => {
        const { socket, gate, out } = connection();
        const stream = Buffer.concat(packets.map((p) => p.bytes));
        for (let at = 0, c = 0; at < stream.length; c++) {
          const end = Math.min(stream.length, at + (cuts[c % Math.max(1, cuts.length)] ?? 7));
          const piece = stream.subarray(at, end);
          // mqtt-packet writes topics as strings: latin1 keeps bytes as they are.
          if (strings) socket.write(piece.toString('latin1'), 'latin1');
          else socket.write(piece);
          at = end;
        }
        const others = Buffer.concat(packets.flatMap((p) => (p.kind === 'other' ? [p.bytes] : [])));
        expect(out().equals(others)).toBe(true);
        const pubacks = packets.flatMap((p) => (p.kind === 'puback' ? [p] : []));
        expect(gate.held).toBe(pubacks.length);
        for (const p of [...pubacks].reverse()) gate.routed(p.id);
        expect(out().equals(Buffer.concat([others, ...pubacks.map((p) => p.bytes)]))).toBe(true);
        expect(gate.held).toBe(0);
      }),
    );
  });

  it('sends a PUBACK at once when its message was routed before aedes wrote it, and counts a resent duplicate twice', () => {
    const { socket, gate, out } = connection();
    gate.routed(9);
    socket.write(puback(9));
    expect(out().equals(puback(9))).toBe(true);
    socket.write(puback(5));
    socket.write(puback(5));
    gate.routed(5);
    expect(gate.held).toBe(1);
    gate.routed(5);
    expect(out().equals(Buffer.concat([puback(9), puback(5), puback(5)]))).toBe(true);
  });

  it('holds the PUBACKs behind one not yet routed (MQTT-4.6.0-2)', () => {
    const { socket, gate, out } = connection();
    socket.write(puback(1));
    socket.write(puback(2));
    gate.routed(2);
    expect(out().length).toBe(0);
    gate.routed(1);
    expect(out().equals(Buffer.concat([puback(1), puback(2)]))).toBe(true);
  });
});
