import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInProcessCanPair } from '../isotp/can-transport.ts';
import { IsoTpLink } from '../isotp/isotp-link.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm } from './security-key.ts';
import { decodeAddressAndSize, encodeAddressAndSize, Nrc } from './services.ts';
import { UdsClient } from './uds-client.ts';

/** A client facing a scripted ECU that answers each request with the next list of messages. */
function scripted(script: (request: Uint8Array, n: number) => number[][]) {
  const timers = new VirtualTimers();
  const bus = createInProcessCanPair();
  const ecu = new IsoTpLink(bus.b, { txId: 0x7e8, rxId: 0x7e0, timers });
  let n = 0;
  const requests: Uint8Array[] = [];
  ecu.onMessage((request) => {
    requests.push(request);
    for (const [i, answer] of script(request, n++).entries()) timers.after(i * 10, () => void ecu.send(Uint8Array.from(answer)));
  });
  const client = new UdsClient(new IsoTpLink(bus.a, { txId: 0x7e0, rxId: 0x7e8, timers }), timers, { retries: 2, maxPending: 3 });
  return { client, requests, timers };
}

describe('UdsClient', () => {
  it('waits through response-pending answers up to its bound', async () => {
    const { client } = scripted(() => [[0x7f, 0x31, 0x78], [0x7f, 0x31, 0x78], [0x71, 0x01, 0xff, 0x00, 0x00]]);
    expect(await client.eraseMemory(0, 16)).toMatchObject({ correct: true });
    const endless = scripted(() => Array.from({ length: 10 }, () => [0x7f, 0x31, 0x78]));
    await expect(endless.client.eraseMemory(0, 16)).rejects.toMatchObject({ code: 'UDS_NEGATIVE_RESPONSE', nrc: Nrc.responsePending });
  });

  it('repeats a request the ECU was too busy for, and resends one that got no answer, within bounds', async () => {
    const busy = scripted((_, n) => (n === 0 ? [[0x7f, 0x3e, 0x21]] : [[0x7e, 0x00]]));
    await busy.client.testerPresent();
    expect(busy.requests).toHaveLength(2);
    const lossy = scripted((_, n) => (n < 2 ? [] : [[0x7e, 0x00]]));
    await lossy.client.testerPresent();
    expect(lossy.requests).toHaveLength(3);
    const dead = scripted(() => []);
    await expect(dead.client.testerPresent()).rejects.toMatchObject({ code: 'UDS_NO_RESPONSE' });
    expect(dead.requests).toHaveLength(3);
  });

  it('turns a programming failure into a coded error with its NRC', async () => {
    const { client } = scripted(() => [[0x7f, 0x36, 0x72]]);
    await expect(client.transferData(1, Uint8Array.of(1))).rejects.toMatchObject({
      code: 'UDS_NEGATIVE_RESPONSE', nrc: Nrc.generalProgrammingFailure, details: { nrcName: 'generalProgrammingFailure' },
    });
  });

  it('sends a fresh seed request after an invalid key and never resends a key as is', async () => {
    const { client, requests } = scripted((request, n) => {
      if (request[1] === 0x01) return [[0x67, 0x01, 9, 9, 9, n]];
      return n === 1 ? [[0x7f, 0x27, 0x35]] : [[0x67, 0x02]];
    });
    await client.unlock(0x01, hmacKeyAlgorithm(Uint8Array.of(1)));
    expect(requests.map((r) => r[1])).toEqual([0x01, 0x02, 0x01, 0x02]);
  });

  it('wraps the transfer counter and reads the maximum block length of any width', async () => {
    const { client, requests } = scripted((request) => (request[0] === 0x34 ? [[0x74, 0x40, 0, 0, 0x01, 0x02]] : [[0x76, request[1]!]]));
    expect(await client.requestDownload(0x1000, 4)).toEqual({ maxBlockLength: 0x102 });
    await client.transferData(0x100, Uint8Array.of(1));
    expect(requests[1]![1]).toBe(0x00);
  });

  it('encodes addresses and sizes as the 0x44 format and decodes any 1-4 byte widths', () => {
    expect([...encodeAddressAndSize(0x08001000, 0x200)]).toEqual([0x44, 0x08, 0x00, 0x10, 0x00, 0, 0, 0x02, 0]);
    expect(decodeAddressAndSize(Uint8Array.of(0x12, 0x80, 0x00, 0x10))).toMatchObject({ address: 0x8000, size: 0x10 });
    expect(decodeAddressAndSize(Uint8Array.of(0x05, 0))).toBeUndefined();
  });

  it('decodes what it encodes and never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 0, max: 0xffff_ffff }), (address, size) => {
      expect(decodeAddressAndSize(encodeAddressAndSize(address, size))).toMatchObject({ address, size });
    }));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      const decoded = decodeAddressAndSize(bytes);
      return decoded === undefined || (decoded.address >= 0 && decoded.size >= 0);
    }));
  });
});
