import { describe, expect, it } from 'vitest';
import { dtcSystem, isManufacturerSpecific, isValidDtcCode } from './dtc-code.ts';

describe('fault code format', () => {
  it('accepts a letter P, C, B or U, a digit 0 to 3 and three hexadecimal digits', () => {
    for (const code of ['P0301', 'C0031', 'B0001', 'U0100', 'P0A80', 'U3FFF']) expect(isValidDtcCode(code)).toBe(true);
  });

  it('rejects other letters, a second digit above 3, lower case, and other lengths', () => {
    for (const code of ['X0301', 'P4000', 'p0301', 'P030', 'P03011', 'P0G00', ' P0301']) expect(isValidDtcCode(code)).toBe(false);
  });

  it('names the system from the first letter, and none for an invalid code', () => {
    expect([dtcSystem('P0420'), dtcSystem('C0034'), dtcSystem('B0020'), dtcSystem('U0401')]).toEqual([
      'powertrain', 'chassis', 'body', 'network',
    ]);
    expect(dtcSystem('Z0000')).toBeUndefined();
  });
});

describe("J2012's split between generic and manufacturer-specific ranges", () => {
  it('leaves P1xxx, P3000–P33FF and the 1 and 2 ranges of B, C and U to the manufacturer', () => {
    for (const code of ['P1000', 'P1FFF', 'P3000', 'P33FF', 'B1000', 'B2FFF', 'C1234', 'C2000', 'U1000', 'U2FFF']) {
      expect(isManufacturerSpecific(code), code).toBe(true);
    }
  });

  it('keeps P0, P2, P3400–P3FFF, B0/B3, C0/C3 and U0/U3 generic', () => {
    for (const code of ['P0000', 'P0FFF', 'P2000', 'P2FFF', 'P3400', 'P3FFF', 'B0001', 'B3000', 'C0031', 'C3000', 'U0100', 'U3000']) {
      expect(isManufacturerSpecific(code), code).toBe(false);
    }
  });
});
