import { describe, expect, it } from 'vitest';
import { crc32Of, sha256Hex } from './firmware-image.ts';
import { parseFirmware } from './parse-firmware.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseFirmware', () => {
  it('recognises Intel HEX and S-record files by their first character', () => {
    expect(parseFirmware(bytes('\n:0400000001020304F2\n:00000001FF\n'))).toMatchObject({ ok: true, image: { format: 'ihex', size: 4 } });
    expect(parseFirmware(bytes('S107000001020304EE\nS9030000FC\n'))).toMatchObject({ ok: true, image: { format: 'srec', size: 4 } });
    expect(parseFirmware(bytes('\uFEFF:0400000001020304F2\r\n:00000001FF\r\n'))).toMatchObject({ ok: true, image: { format: 'ihex', size: 4 } });
  });

  it('reads a raw binary at its base address with the digests of its bytes', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const result = parseFirmware(data, { format: 'bin', baseAddress: 0x8000 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.segments).toEqual([{ address: 0x8000, data }]);
    expect(result.image).toMatchObject({ format: 'bin', size: 300, sha256: sha256Hex(data), crc32: crc32Of(data) });
  });

  it('gives CRC-32 the standard check value', () => {
    expect(crc32Of(bytes('123456789'))).toBe(0xcbf43926);
  });

  it('refuses a binary without base address, an empty one, one past 4 GiB and an unknown text', () => {
    expect(parseFirmware(Uint8Array.of(1, 2), { format: 'bin' })).toMatchObject({ ok: false, error: { code: 'FIRMWARE_FORMAT_UNKNOWN' } });
    expect(parseFirmware(new Uint8Array(0), { baseAddress: 0 })).toMatchObject({ ok: false, error: { code: 'FIRMWARE_EMPTY' } });
    expect(parseFirmware(Uint8Array.of(1, 2), { baseAddress: 0xffffffff })).toMatchObject({ ok: false, error: { code: 'FIRMWARE_ADDRESS_OVERFLOW' } });
    expect(parseFirmware(bytes('hello'))).toMatchObject({ ok: false, error: { code: 'FIRMWARE_FORMAT_UNKNOWN', status: 422 } });
  });
});
