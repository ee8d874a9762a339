import { describe, expect, it } from 'vitest';
import { parseIntelHex, writeIntelHex } from './intel-hex.ts';
import { sha256Hex } from './firmware-image.ts';

const line = (hex: string) => {
  const bytes = Buffer.from(hex, 'hex');
  let sum = 0;
  for (const b of bytes) sum += b;
  return ':' + hex.toUpperCase() + ((-sum & 0xff).toString(16).padStart(2, '0').toUpperCase());
};
const EOF_RECORD = ':00000001FF';

function errorOf(text: string) {
  const result = parseIntelHex(text);
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, line: result.error.line };
}

describe('parseIntelHex', () => {
  it('reads the classic example file into one merged segment', () => {
    const text = [
      ':10010000214601360121470136007EFE09D2190140',
      ':100110002146017E17C20001FF5F16002148011928',
      ':10012000194E79234623965778239EDA3F01B2CAA7',
      ':100130003F0156702B5E712B722B732146013421C7',
      EOF_RECORD,
    ].join('\r\n');
    const result = parseIntelHex(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.format).toBe('ihex');
    expect(result.image.segments).toHaveLength(1);
    expect(result.image.segments[0]!.address).toBe(0x100);
    expect(result.image.size).toBe(64);
    expect(result.image.sha256).toBe(sha256Hex(result.image.segments[0]!.data));
  });

  it('applies extended segment (02) and extended linear (04) addresses and reads start addresses', () => {
    const text = [
      line('020000021000'), // segment 0x1000 -> base 0x10000
      line('02000000AABB'),
      line('020000040800'), // linear 0x0800 -> base 0x08000000
      line('02100000CCDD'),
      line('0400000308000010'), // CS:IP 0800:0010
      EOF_RECORD,
    ].join('\n');
    const result = parseIntelHex(text);
    expect(result.ok && result.image.segments.map((s) => [s.address, [...s.data]])).toEqual([
      [0x10000, [0xaa, 0xbb]],
      [0x08001000, [0xcc, 0xdd]],
    ]);
    expect(result.ok && result.image.startAddress).toBe(0x8000 + 0x10);
    const linear = parseIntelHex([line('0100000001'), line('0400000508000123'), EOF_RECORD].join('\n'));
    expect(linear.ok && linear.image.startAddress).toBe(0x08000123);
  });

  it('keeps separate segments for gaps and merges contiguous records in any order', () => {
    const text = [line('02100000CCDD'), line('02000000AABB'), line('020002001122'), EOF_RECORD].join('\n');
    const result = parseIntelHex(text);
    expect(result.ok && result.image.segments.map((s) => [s.address, s.data.length])).toEqual([[0, 4], [0x1000, 2]]);
  });

  it('names the line of a bad checksum, type, length, start code or character', () => {
    const good = line('0400000001020304');
    const badChecksum = good.slice(0, -2) + '00';
    expect(errorOf([good, good.replace(':04000000', ':04000400'), badChecksum, EOF_RECORD].join('\n')).code).toBe('FIRMWARE_CHECKSUM_INVALID');
    expect(errorOf([good, badChecksum, EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_CHECKSUM_INVALID', line: 2 });
    expect(errorOf([line('00000006'), EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_RECORD_TYPE_INVALID', line: 1 });
    expect(errorOf([line('0500000001020304'), EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_LENGTH_INVALID', line: 1 });
    expect(errorOf([line('03000004080000'), EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_LENGTH_INVALID', line: 1 });
    expect(errorOf([good, 'S1070000010203046E', EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_RECORD_INVALID', line: 2 });
    expect(errorOf([good, ':04000000010G0304F2', EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_NON_HEX', line: 2 });
    expect(errorOf([good, good + '0', EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_LENGTH_INVALID', line: 2 });
  });

  it('counts blank lines in line numbers', () => {
    const good = line('0400000001020304');
    expect(errorOf([good, '', '', good.slice(0, -2) + '00', EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_CHECKSUM_INVALID', line: 4 });
  });

  it('refuses overlapping data, naming the later line', () => {
    const text = [line('0400000001020304'), line('0200100011AA'), line('0200020011AA'), EOF_RECORD].join('\n');
    expect(errorOf(text)).toEqual({ code: 'FIRMWARE_SEGMENTS_OVERLAP', line: 3 });
  });

  it('refuses a missing end-of-file record, data after it, a record crossing 64 KiB and an empty file', () => {
    expect(errorOf([line('0400000001020304'), line('0400040001020304')].join('\n'))).toEqual({ code: 'FIRMWARE_TRUNCATED', line: 3 });
    expect(errorOf([line('0400000001020304'), EOF_RECORD, line('0400040001020304')].join('\n'))).toEqual({ code: 'FIRMWARE_DATA_AFTER_EOF', line: 3 });
    expect(errorOf([line('04FFFE0001020304'), EOF_RECORD].join('\n'))).toEqual({ code: 'FIRMWARE_ADDRESS_OVERFLOW', line: 1 });
    expect(errorOf(EOF_RECORD).code).toBe('FIRMWARE_EMPTY');
    expect(errorOf('').code).toBe('FIRMWARE_TRUNCATED');
  });
});

describe('writeIntelHex', () => {
  it('writes extended linear address records, splits at 64 KiB windows and ends with EOF', () => {
    const data = Uint8Array.from({ length: 40 }, (_, i) => i);
    const text = writeIntelHex({ segments: [{ address: 0x0800ffe8, data }], startAddress: 0x08000000 }, 16);
    expect(text.split('\n').slice(0, 6)).toEqual([
      line('020000040800'),
      line('10FFE800' + Buffer.from(data.subarray(0, 16)).toString('hex')),
      line('08FFF800' + Buffer.from(data.subarray(16, 24)).toString('hex')),
      line('020000040801'),
      line('10000000' + Buffer.from(data.subarray(24, 40)).toString('hex')),
      line('0400000508000000'),
    ]);
    expect(text.trimEnd().split('\n').at(-1)).toBe(EOF_RECORD);
  });
});
