import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affectedRows, FrontendWriter, readBackend } from './pglite-wire.ts';

/** A backend message as the server frames it: code, int32 length (itself included), body. */
function message(code: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head[0] = code.charCodeAt(0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (s: string) => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);

const rowDescription = (columns: { name: string; typeOid: number }[]) =>
  message('T', int16(columns.length), ...columns.flatMap((c) => [cstring(c.name), int32(16384), int16(1), int32(c.typeOid), int16(-1), int32(-1), int16(0)]));
const dataRow = (fields: (string | null)[]) =>
  message('D', int16(fields.length), ...fields.flatMap((f) => (f === null ? [int32(-1)] : [int32(Buffer.byteLength(f)), Buffer.from(f, 'utf8')])));

// Text without NUL: PostgreSQL text cannot hold it, and C strings end at it.
const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replaceAll('\0', ''));
// Past the writer's first buffer.
const longText = fc.string({ unit: 'grapheme', minLength: 400, maxLength: 1500 }).map((s) => s.replaceAll('\0', ''));

describe('the PGlite wire protocol', () => {
  it('reads back the columns, rows, tag and status of any result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text, typeOid: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }), { maxLength: 8 }),
        fc.array(fc.array(fc.option(text, { nil: null }), { maxLength: 8 }), { maxLength: 5 }),
        text,
        fc.constantFrom<'I' | 'T' | 'E'>('I', 'T', 'E'),
        (columns, rows, tag, status) => {
          const bytes = Buffer.concat([
            message('2'),
            rowDescription(columns),
            ...rows.map(dataRow),
            message('N', Buffer.from('SNOTICE\0Mignored\0\0')),
            message('C', cstring(tag)),
            message('Z', Buffer.from(status)),
          ]);
          expect(readBackend(bytes)).toEqual({ columns, rows, commandTag: tag, status });
        },
      ),
    );
  });

  it('reads the parameter types, NoData, and the first error with its fields', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 10 }), fc.dictionary(fc.constantFrom('S', 'C', 'M', 'D', 'n', 't'), text), (types, fields) => {
        const error = (f: Record<string, string>) => message('E', ...Object.entries(f).map(([k, v]) => Buffer.concat([Buffer.from(k), cstring(v)])), Buffer.from([0]));
        const bytes = Buffer.concat([message('1'), message('t', int16(types.length), ...types.map(int32)), message('n'), error(fields), error({ M: 'second' }), message('Z', Buffer.from('E'))]);
        expect(readBackend(bytes)).toEqual({ paramTypes: types, columns: [], rows: [], error: fields, status: 'E' });
      }),
    );
  });

  it('refuses a truncated or mis-sized message instead of reading past it', () => {
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null }), { minLength: 1, maxLength: 4 }), fc.nat(), (fields, cut) => {
        const whole = dataRow(fields);
        const at = cut % whole.length;
        expect(() => readBackend(whole.subarray(0, at === 0 ? 1 : at))).toThrow(/malformed/);
      }),
    );
    const badLength = message('Z', Buffer.from('I'));
    badLength.writeInt32BE(2, 1);
    expect(() => readBackend(badLength)).toThrow(/bad length/);
  });

  it('frames Bind with each value as its UTF-8 bytes and null as length -1', () => {
    fc.assert(
      fc.property(text, fc.array(fc.option(fc.oneof(text, longText), { nil: null }), { maxLength: 6 }), (statement, values) => {
        const bytes = Buffer.from(new FrontendWriter().bind(statement, values).take());
        expect(String.fromCharCode(bytes[0]!)).toBe('B');
        expect(bytes.readInt32BE(1)).toBe(bytes.length - 1);
        let p = 5 + 1; // the unnamed portal: one NUL
        expect(bytes.toString('utf8', p, p + Buffer.byteLength(statement))).toBe(statement);
        p += Buffer.byteLength(statement) + 1;
        expect(bytes.readInt16BE(p)).toBe(0);
        expect(bytes.readInt16BE(p + 2)).toBe(values.length);
        p += 4;
        const read: (string | null)[] = [];
        for (let i = 0; i < values.length; i++) {
          const len = bytes.readInt32BE(p);
          p += 4;
          read.push(len < 0 ? null : bytes.toString('utf8', p, p + len));
          if (len > 0) p += len;
        }
        expect(read).toEqual(values);
        expect(bytes.readInt16BE(p)).toBe(0);
        expect(p + 2).toBe(bytes.length);
      }),
    );
  });

  it('writes a batch of messages back to back, each with its own length, and starts anew after take()', () => {
    const w = new FrontendWriter();
    w.parse('s1', 'SELECT $1::text').describeStatement('s1').sync();
    const first = Buffer.from(w.take());
    const codes: string[] = [];
    for (let p = 0; p < first.length; p += 1 + first.readInt32BE(p + 1)) codes.push(String.fromCharCode(first[p]!));
    expect(codes).toEqual(['P', 'D', 'S']);
    expect(Buffer.from(w.closeStatement('s1').take())).toEqual(Buffer.from('C\0\0\0\x08Ss1\0', 'latin1'));
  });

  it('counts affected rows from the command tag of writes only', () => {
    expect(affectedRows('INSERT 0 5')).toBe(5);
    expect(affectedRows('UPDATE 3')).toBe(3);
    expect(affectedRows('DELETE 0')).toBe(0);
    expect(affectedRows('SELECT 7')).toBe(0);
    expect(affectedRows('CREATE TABLE')).toBe(0);
    expect(affectedRows(undefined)).toBe(0);
  });
});
