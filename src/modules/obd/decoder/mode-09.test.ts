import { describe, expect, it } from 'vitest';
import { decodeFrames } from './index.ts';

const ascii = (text: string, size = text.length) => [...text.padEnd(size, '\0')].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
const value = (frame: string) => (decodeFrames([frame])[0] as { value: unknown }).value;

describe('mode 09 vehicle information', () => {
  it('lists the supported info types, with or without the legacy count byte', () => {
    expect(value('49 00 55 40 00 00')).toEqual(['02', '04', '06', '08', '0A']);
    expect(value('49 00 01 55 40 00 00')).toEqual(['02', '04', '06', '08', '0A']);
  });

  it('reads the message counts of info types 01, 03, 05, 07 and 09', () => {
    expect(decodeFrames(['49 01 05', '49 03 02'])).toEqual([
      { mode: 9, infoType: '01', name: 'VIN message count', value: 5 },
      { mode: 9, infoType: '03', name: 'Calibration ID message count', value: 2 },
    ]);
  });

  it('reads one or several calibration ids, NUL padding dropped', () => {
    expect(value(`49 04 02 ${ascii('JMB*36761500', 16)} ${ascii('JMB*47872611', 16)}`)).toEqual(['JMB*36761500', 'JMB*47872611']);
  });

  it('reads calibration verification numbers as hex', () => {
    expect(value('49 06 02 17 91 BC 82 16 E0 62 BE')).toEqual(['1791BC82', '16E062BE']);
  });

  it('splits the ECU name into its acronym and text', () => {
    expect(value(`49 0A 01 ${ascii('ECM\0-EngineControl', 20)}`)).toEqual({ text: 'ECM-EngineControl', acronym: 'ECM', name: 'EngineControl' });
  });

  it('names the in-use performance tracking counters of spark and compression engines', () => {
    const counters = Array.from({ length: 20 }, (_, i) => `00 ${(i + 1).toString(16).padStart(2, '0')}`).join(' ');
    expect(value(`49 08 14 ${counters}`)).toMatchObject({ OBDCOND: 1, IGNCNTR: 2, CATCOMP1: 3, SO2SCOND2: 20 });
    expect(value(`49 0B 10 ${counters.split(' ').slice(0, 32).join(' ')}`)).toMatchObject({ OBDCOND: 1, PMCOMP: 9, BPCOND: 16 });
  });

  it('reports info types it does not know and bodies of the wrong size', () => {
    expect(decodeFrames(['49 0D 01 00', '49 06 01 12 34'])).toEqual([
      { error: { code: 'INFO_TYPE_UNKNOWN', detail: 'mode 09 info type 0D is not decoded' } },
      { error: { code: 'FRAME_BAD_LENGTH', detail: '3 data bytes do not fit mode 09 info type 06' } },
    ]);
  });
});
