import { describe, expect, it } from 'vitest';
import { parseSrec, writeSrec } from './srec.ts';

const rec = (type: string, hex: string) => {
  const bytes = Buffer.from(hex, 'hex');
  const all = Buffer.concat([Buffer.of(bytes.length + 1), bytes]);
  let sum = 0;
  for (const b of all) sum += b;
  return 'S' + type + all.toString('hex').toUpperCase() + (~sum & 0xff).toString(16).padStart(2, '0').toUpperCase();
};

function errorOf(text: string) {
  const result = parseSrec(text);
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, line: result.error.line };
}

describe('parseSrec', () => {
  it('reads the classic S1/S5/S9 example', () => {
    const text = [
      'S00F000068656C6C6F202020202000003C',
      'S11F00007C0802A6900100049421FFF07C6C1B787C8C23783C6000003863000026',
      'S11F001C4BFFFFE5398000007D83637880010014382100107C0803A64E800020E9',
      'S111003848656C6C6F20776F726C642E0A0042',
      'S5030003F9',
      'S9030000FC',
    ].join('\n');
    const result = parseSrec(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.segments).toHaveLength(1);
    expect(result.image.segments[0]!.address).toBe(0);
    expect(result.image.size).toBe(28 + 28 + 14);
    expect(result.image.startAddress).toBe(0);
  });

  it('reads 24- and 32-bit data records and S6 counts, and keeps the start address', () => {
    const text = [rec('2', '123456AABB'), rec('3', '08000000CCDD'), rec('6', '000002'), rec('7', '08000004')].join('\n');
    const result = parseSrec(text);
    expect(result.ok && result.image.segments.map((s) => [s.address, [...s.data]])).toEqual([
      [0x123456, [0xaa, 0xbb]],
      [0x08000000, [0xcc, 0xdd]],
    ]);
    expect(result.ok && result.image.startAddress).toBe(0x08000004);
  });

  it('names the line of a bad checksum, type, count, character or record count', () => {
    const good = rec('1', '0000010203');
    const end = rec('9', '0000');
    expect(errorOf([good, good.slice(0, -2) + '00', end].join('\n'))).toEqual({ code: 'FIRMWARE_CHECKSUM_INVALID', line: 2 });
    expect(errorOf([good, 'S4030000FC', end].join('\n'))).toEqual({ code: 'FIRMWARE_RECORD_TYPE_INVALID', line: 2 });
    expect(errorOf([good, 'S1080000010203F3', end].join('\n'))).toEqual({ code: 'FIRMWARE_LENGTH_INVALID', line: 2 });
    expect(errorOf([good, 'S1060000Z10203F3', end].join('\n'))).toEqual({ code: 'FIRMWARE_NON_HEX', line: 2 });
    expect(errorOf([good, ':00000001FF', end].join('\n'))).toEqual({ code: 'FIRMWARE_RECORD_INVALID', line: 2 });
    expect(errorOf([good, rec('5', '0002'), end].join('\n'))).toEqual({ code: 'FIRMWARE_RECORD_COUNT_MISMATCH', line: 2 });
    expect(errorOf([good, rec('9', '000011'), end].join('\n'))).toEqual({ code: 'FIRMWARE_LENGTH_INVALID', line: 2 });
  });

  it('refuses overlaps, a missing termination record and records after it', () => {
    const end = rec('9', '0000');
    expect(errorOf([rec('1', '0000010203'), rec('1', '0002AABB'), end].join('\n'))).toEqual({ code: 'FIRMWARE_SEGMENTS_OVERLAP', line: 2 });
    expect(errorOf([rec('1', '0000010203'), rec('5', '0001')].join('\n'))).toEqual({ code: 'FIRMWARE_TRUNCATED', line: 3 });
    expect(errorOf([rec('1', '0000010203'), end, rec('1', '0010AA')].join('\n'))).toEqual({ code: 'FIRMWARE_DATA_AFTER_EOF', line: 3 });
    expect(errorOf([rec('3', 'FFFFFFFFAABB'), end].join('\n'))).toEqual({ code: 'FIRMWARE_ADDRESS_OVERFLOW', line: 1 });
  });
});

describe('writeSrec', () => {
  it('writes a header of any length as a valid S0 record', () => {
    const text = writeSrec({ segments: [{ address: 0, data: Uint8Array.of(1) }], startAddress: 0 }, { header: 'x'.repeat(400) });
    expect(parseSrec(text)).toMatchObject({ ok: true, image: { size: 1 } });
    expect(text.split('\n')[0]!.slice(2, 4)).toBe('FF');
  });

  it('picks the narrowest address width that holds the data and the start address', () => {
    const small = writeSrec({ segments: [{ address: 0x10, data: Uint8Array.of(1, 2) }], startAddress: 0x10 }).trimEnd().split('\n');
    expect(small.slice(1)).toEqual([rec('1', '00100102'), rec('5', '0001'), rec('9', '0010')]);
    const wide = writeSrec({ segments: [{ address: 0x10, data: Uint8Array.of(1) }], startAddress: 0x1000000 }).trimEnd().split('\n');
    expect(wide.slice(1)).toEqual([rec('3', '0000001001'), rec('5', '0001'), rec('7', '01000000')]);
    const mid = writeSrec({ segments: [{ address: 0xfffff0, data: Uint8Array.of(1) }] }).trimEnd().split('\n');
    expect(mid.slice(1)).toEqual([rec('2', 'FFFFF001'), rec('5', '0001'), rec('8', '000000')]);
  });
});
