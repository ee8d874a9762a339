import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { type CanFrame, createInProcessCanPair } from './can-transport.ts';
import { decodeFrame, encodeFrame, stMinMs } from './frames.ts';
import { IsoTpLink, type IsoTpOptions } from './isotp-link.ts';

function pair(receiver: Partial<IsoTpOptions> = {}) {
  const timers = new VirtualTimers();
  const bus = createInProcessCanPair();
  const frames: CanFrame[] = [];
  bus.setFilter((frame) => {
    frames.push(frame);
    return true;
  });
  const tester = new IsoTpLink(bus.a, { txId: 0x7e0, rxId: 0x7e8, timers });
  const ecu = new IsoTpLink(bus.b, { txId: 0x7e8, rxId: 0x7e0, timers, ...receiver });
  const received: Uint8Array[] = [];
  ecu.onMessage((m) => received.push(m));
  return { timers, bus, frames, tester, ecu, received };
}

describe('ISO-TP frames', () => {
  it('encode single, first (short and 32-bit escape), consecutive and flow control frames', () => {
    expect([...encodeFrame({ type: 'single', data: Uint8Array.of(0x10, 0x02) }, 0xaa)]).toEqual([2, 0x10, 2, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa]);
    expect([...encodeFrame({ type: 'first', length: 0x123, data: Uint8Array.of(1, 2, 3, 4, 5, 6) }, 0)]).toEqual([0x11, 0x23, 1, 2, 3, 4, 5, 6]);
    expect([...encodeFrame({ type: 'first', length: 5000, data: Uint8Array.of(1, 2) }, 0)]).toEqual([0x10, 0, 0, 0, 0x13, 0x88, 1, 2]);
    expect([...encodeFrame({ type: 'consecutive', sequence: 17, data: Uint8Array.of(9) }, 0)]).toEqual([0x21, 9, 0, 0, 0, 0, 0, 0]);
    expect([...encodeFrame({ type: 'flow', status: 'wait', blockSize: 8, stMin: 0xf3 }, 0)]).toEqual([0x31, 8, 0xf3, 0, 0, 0, 0, 0]);
  });

  it('read STmin as milliseconds, tenths of milliseconds, or 127 ms when reserved', () => {
    expect([0, 0x7f, 0xf1, 0xf9, 0x80, 0xfa].map(stMinMs)).toEqual([0, 127, 0.1, 0.9, 127, 127]);
  });

  it('decode what they encode and ignore malformed frames without throwing', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 8 }), (bytes) => {
      const frame = decodeFrame(bytes);
      return frame === undefined || typeof frame.type === 'string';
    }));
    expect(decodeFrame(Uint8Array.of(0x10, 0x05, 1, 2, 3, 4, 5, 6))).toBeUndefined();
    expect(decodeFrame(Uint8Array.of(0x08, 1))).toBeUndefined();
    expect(decodeFrame(Uint8Array.of(0x33, 0, 0))).toBeUndefined();
  });
});

describe('IsoTpLink', () => {
  it('carries messages of every length intact in both directions', async () => {
    const { tester, ecu, received } = pair({ blockSize: 3, stMin: 2 });
    const back: Uint8Array[] = [];
    tester.onMessage((m) => back.push(m));
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (message) => {
      received.length = 0;
      back.length = 0;
      await tester.send(message);
      await ecu.send(message.toReversed());
      expect(received).toEqual([message]);
      expect(back).toEqual([message.toReversed()]);
    }), { numRuns: 60 });
  });

  it('respects the receiver block size and STmin, with a flow control before each block', async () => {
    const { tester, frames, received, timers } = pair({ blockSize: 2, stMin: 5 });
    const message = Uint8Array.from({ length: 40 }, (_, i) => i);
    const started = timers.now();
    await tester.send(message);
    expect(received).toEqual([message]);
    const kinds = frames.map((f) => decodeFrame(f.data)!.type);
    expect(kinds).toEqual(['first', 'flow', 'consecutive', 'consecutive', 'flow', 'consecutive', 'consecutive', 'flow', 'consecutive']);
    // 5 consecutive frames in blocks of 2: one 5 ms gap between each two of them.
    expect(timers.now() - started).toBe(4 * 5);
    expect(frames.filter((f) => f.id === 0x7e0 && (f.data[0]! >> 4) === 2).map((f) => f.data[0]! & 0x0f)).toEqual([1, 2, 3, 4, 5]);
  });

  it('wraps the sequence number after 15 and carries messages beyond 4095 bytes', async () => {
    const { tester, received } = pair();
    const message = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);
    await tester.send(message);
    expect(received).toEqual([message]);
  });

  it('fails a send when no flow control comes, and stays usable', async () => {
    const { tester, bus, received, timers } = pair();
    bus.setFilter((frame) => frame.id !== 0x7e8);
    await expect(tester.send(new Uint8Array(20))).rejects.toMatchObject({ code: 'ISOTP_TIMEOUT' });
    expect(timers.now()).toBe(1000);
    bus.setFilter(undefined);
    await tester.send(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(received).toHaveLength(1);
  });

  it('waits while the receiver sends WAIT flow controls, up to N_WFTmax', async () => {
    const timers = new VirtualTimers();
    const bus = createInProcessCanPair();
    const received: Uint8Array[] = [];
    const sender = (maxWaitFrames: number) => new IsoTpLink(bus.a, { txId: 0x7e0, rxId: 0x7e8, timers, maxWaitFrames });
    // A hand-driven receiver: answers each first frame with `waits` WAIT frames, then clear to send.
    let waits = 0;
    bus.b.onFrame((frame) => {
      const decoded = decodeFrame(frame.data);
      if (decoded?.type === 'first') {
        for (let i = 0; i < waits; i++) timers.after(100 * (i + 1), () => void bus.b.send({ id: 0x7e8, data: encodeFrame({ type: 'flow', status: 'wait', blockSize: 0, stMin: 0 }, 0) }));
        timers.after(100 * (waits + 1), () => void bus.b.send({ id: 0x7e8, data: encodeFrame({ type: 'flow', status: 'continue', blockSize: 0, stMin: 0 }, 0) }));
      }
      if (decoded?.type === 'consecutive') received.push(decoded.data);
    });
    waits = 3;
    await sender(3).send(new Uint8Array(20));
    expect(received).toHaveLength(2);
    waits = 4;
    await expect(sender(3).send(new Uint8Array(20))).rejects.toMatchObject({ code: 'ISOTP_WAIT_LIMIT' });
  });

  it('fails a send the receiver refuses as too long', async () => {
    const { tester } = pair({ maxMessageLength: 100 });
    await expect(tester.send(new Uint8Array(101))).rejects.toMatchObject({ code: 'ISOTP_OVERFLOW' });
  });

  it('drops a reception when no consecutive frame comes within N_Cr, however long it had been going', async () => {
    const { bus, received, timers } = pair();
    const frame = (bytes: number[]) => bus.a.send({ id: 0x7e0, data: Uint8Array.from([...bytes, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8)) });
    frame([0x10, 20, 1, 2, 3, 4, 5, 6]);
    await new Promise<void>((resolve) => timers.after(900, resolve));
    frame([0x21, 7, 8, 9, 10, 11, 12, 13]);
    // 900 ms after the first frame and 900 after the second: each frame restarted N_Cr.
    await new Promise<void>((resolve) => timers.after(900, resolve));
    frame([0x22, 14, 15, 16, 17, 18, 19, 20]);
    await new Promise<void>((resolve) => timers.after(10, resolve));
    expect(received).toEqual([Uint8Array.from({ length: 20 }, (_, i) => i + 1)]);
    frame([0x10, 20, 1, 2, 3, 4, 5, 6]);
    await new Promise<void>((resolve) => timers.after(1001, resolve));
    frame([0x21, 7, 8, 9, 10, 11, 12, 13]);
    frame([0x22, 14, 15, 16, 17, 18, 19, 20]);
    await new Promise<void>((resolve) => timers.after(10, resolve));
    expect(received).toHaveLength(1);
  });

  it('drops a message whose consecutive frame was lost, then takes the next one', async () => {
    const { tester, bus, received } = pair();
    let dropped = false;
    bus.setFilter((frame) => {
      if (!dropped && frame.data[0] === 0x22) {
        dropped = true;
        return false;
      }
      return true;
    });
    await tester.send(new Uint8Array(30).fill(1));
    expect(received).toEqual([]);
    await tester.send(new Uint8Array(30).fill(2));
    expect(received).toEqual([new Uint8Array(30).fill(2)]);
  });
});
