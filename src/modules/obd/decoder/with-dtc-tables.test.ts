import { describe, expect, it } from 'vitest';
import { describeDtc } from '../dtc/index.ts';
import { decodeFrames, type DescribeDtc } from './index.ts';

// The decoder takes descriptions as an option; the module wires in the tables of ../dtc.
const describeWithTables: DescribeDtc = describeDtc;

describe('decoder with the DTC description tables', () => {
  it('describes stored, UDS and freeze-frame codes in the chosen language', () => {
    const [stored, uds, freeze] = decodeFrames(['43 02 03 01 12 34', '59 02 FF 03 01 00 08', '42 02 00 03 01'], { describe: describeWithTables });
    expect(stored).toMatchObject({
      dtcs: [
        { code: 'P0301', system: 'powertrain', manufacturerSpecific: false },
        { code: 'P1234', manufacturerSpecific: true },
      ],
    });
    const french = (stored as { dtcs: { description: string }[] }).dtcs[0]!.description;
    expect(french).toMatch(/cylindre 1/i);
    expect(uds).toMatchObject({ dtcs: [{ code: 'P0301', description: french }] });
    expect(freeze).toMatchObject({ dtc: { code: 'P0301', description: french } });
    const [english] = decodeFrames(['43 01 03 01'], { describe: describeWithTables, locale: 'en' });
    expect((english as { dtcs: { description: string }[] }).dtcs[0]!.description).toMatch(/misfire/i);
  });
});
