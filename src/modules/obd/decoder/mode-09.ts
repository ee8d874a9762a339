import { pidHex } from './pid-table.ts';
import type { DecodeError, PidValue } from './types.ts';

// Mode 09 (vehicle information). On CAN the data starts with a "number of data items" byte
// (NODI); the legacy protocols send none (their messages are reassembled beforehand), and
// neither does J1979-2 (DID F8xx). Each info type's item size tells which layout a body has.

const IPT_SPARK = [
  'OBDCOND',
  'IGNCNTR',
  'CATCOMP1',
  'CATCOND1',
  'CATCOMP2',
  'CATCOND2',
  'O2SCOMP1',
  'O2SCOND1',
  'O2SCOMP2',
  'O2SCOND2',
  'EGRCOMP',
  'EGRCOND',
  'AIRCOMP',
  'AIRCOND',
  'EVAPCOMP',
  'EVAPCOND',
  'SO2SCOMP1',
  'SO2SCOND1',
  'SO2SCOMP2',
  'SO2SCOND2',
];
const IPT_COMPRESSION = [
  'OBDCOND',
  'IGNCNTR',
  'HCCATCOMP',
  'HCCATCOND',
  'NCATCOMP',
  'NCATCOND',
  'NADSCOMP',
  'NADSCOND',
  'PMCOMP',
  'PMCOND',
  'EGSCOMP',
  'EGSCOND',
  'EGRCOMP',
  'EGRCOND',
  'BPCOMP',
  'BPCOND',
  'FUELCOMP',
  'FUELCOND',
];

const NAMES: Record<number, string> = {
  0x00: 'Service 9 supported PIDs [01 - 20]',
  0x01: 'VIN message count',
  0x02: 'Vehicle identification number (VIN)',
  0x03: 'Calibration ID message count',
  0x04: 'Calibration IDs',
  0x05: 'Calibration verification numbers (CVN) message count',
  0x06: 'Calibration verification numbers (CVN)',
  0x07: 'In-use performance tracking message count',
  0x08: 'In-use performance tracking for spark ignition vehicles',
  0x09: 'ECU name message count',
  0x0a: 'ECU name',
  0x0b: 'In-use performance tracking for compression ignition vehicles',
};

export interface VehicleInfo {
  name: string;
  value: PidValue;
}

/** Printable ASCII of some bytes, NUL padding dropped. */
function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.filter((b) => b >= 0x20 && b < 0x7f)).trim();
}

/** Splits a body into items of `size` bytes, dropping a leading NODI byte when there is one. */
function items(body: Uint8Array, size: number): Uint8Array[] | undefined {
  let data = body;
  if ((body.length - 1) % size === 0 && body[0] === (body.length - 1) / size) data = body.subarray(1);
  else if (body.length % size !== 0) return undefined;
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

function supportedInfoTypes(body: Uint8Array): string[] | undefined {
  const map = body.length === 5 ? body.subarray(1) : body;
  if (map.length !== 4) return undefined;
  const list: string[] = [];
  for (let i = 0; i < 32; i++) if ((map[i >> 3]! >> (7 - (i % 8))) % 2 === 1) list.push(pidHex(i + 1));
  return list;
}

function performanceTracking(body: Uint8Array, names: string[]): PidValue | undefined {
  const counters = items(body, 2);
  if (!counters) return undefined;
  const out: Record<string, number> = {};
  counters.forEach((c, i) => {
    out[names[i] ?? `COUNTER${i + 1}`] = c[0]! * 256 + c[1]!;
  });
  return out;
}

function decodeValue(infoType: number, body: Uint8Array): PidValue | undefined {
  switch (infoType) {
    case 0x00:
      return supportedInfoTypes(body);
    case 0x01:
    case 0x03:
    case 0x05:
    case 0x07:
    case 0x09:
      return body.length === 1 ? body[0]! : undefined;
    case 0x02: {
      // CAN: NODI 01 + 17 characters; legacy: 20 bytes with leading NUL padding.
      const vin = body.length === 18 && body[0] === 1 ? body.subarray(1) : body;
      return ascii(vin);
    }
    case 0x04:
      return items(body, 16)?.map(ascii);
    case 0x06:
      return items(body, 4)?.map((c) => [...c].map(pidHex).join(''));
    case 0x08:
      return performanceTracking(body, IPT_SPARK);
    case 0x0b:
      return performanceTracking(body, IPT_COMPRESSION);
    case 0x0a: {
      const item = items(body, 20)?.[0];
      if (!item) return undefined;
      // Four characters of acronym (NUL padded), '-', fifteen characters of name.
      const raw = ascii(item.map((b) => (b === 0 ? 0x20 : b)));
      const dash = raw.indexOf('-');
      const acronym = (dash >= 0 ? raw.slice(0, dash) : raw).trim();
      const name = dash >= 0 ? raw.slice(dash + 1).trim() : '';
      return { text: name ? `${acronym}-${name}` : acronym, acronym, name };
    }
    default:
      return undefined;
  }
}

/** Decodes the data of one mode 09 info type (the bytes after the info type byte). */
export function decodeVehicleInfo(infoType: number, body: Uint8Array): VehicleInfo | { error: DecodeError } {
  const name = NAMES[infoType];
  if (!name) return { error: { code: 'INFO_TYPE_UNKNOWN', detail: `mode 09 info type ${pidHex(infoType)} is not decoded` } };
  const value = decodeValue(infoType, body);
  if (value === undefined) return { error: { code: 'FRAME_BAD_LENGTH', detail: `${body.length} data bytes do not fit mode 09 info type ${pidHex(infoType)}` } };
  return { name, value };
}
