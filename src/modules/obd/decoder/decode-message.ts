import { dtcList } from './dtc-bytes.ts';
import { decodeMonitorResults } from './mode-06.ts';
import { decodeVehicleInfo } from './mode-09.ts';
import { negativeResponse } from './negative-responses.ts';
import { PID_TABLE, pidHex } from './pid-table.ts';
import { decodeUdsDtcReport } from './uds-j1979-2.ts';
import type { DecodeErrorCode } from './error-codes.ts';
import type { DecodeOptions, DecodedMessage, DtcEntry, PidFrame } from './types.ts';

// OBD modes 01-0A and the UDS services J1979-2 uses, as requests (what an ELM echo shows).
const REQUESTS = new Set([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x10, 0x11, 0x14, 0x19, 0x22, 0x27, 0x2e, 0x31, 0x3e]);

const error = (code: DecodeErrorCode, detail: string): DecodedMessage => ({ error: { code, detail } });

function describer(options: DecodeOptions): (code: string) => DtcEntry {
  const locale = options.locale ?? 'fr';
  return (code) => {
    let found: ReturnType<NonNullable<DecodeOptions['describe']>>;
    try {
      found = options.describe?.(code, locale);
    } catch {
      found = undefined; // a faulty description table must not cost the decoded code
    }
    if (!found) return { code, description: null };
    return { code, description: found.description, system: found.system, manufacturerSpecific: found.manufacturerSpecific };
  };
}

/** A mode 01 / 02 PID (or J1979-2 DID F4xx) from its data bytes. */
function decodePid(mode: PidFrame['mode'], pid: number, data: Uint8Array, options: DecodeOptions, extra: Partial<PidFrame>): DecodedMessage {
  const def = PID_TABLE.get(pid);
  if (!def) return error('PID_UNKNOWN', `PID ${pidHex(pid)} is not defined by SAE J1979`);
  if (data.length < def.minBytes) {
    return error('FRAME_TOO_SHORT', `PID ${pidHex(pid)} needs ${def.minBytes} data bytes, got ${data.length}`);
  }
  const frame = pidFrame(mode, def.pid, data.subarray(0, def.bytes), options, extra);
  const also = mode === 2 ? undefined : followingPids(mode, data.subarray(def.bytes), options);
  if (also) frame.also = also;
  return frame;
}

function pidFrame(mode: PidFrame['mode'], pid: number, data: Uint8Array, options: DecodeOptions, extra: Partial<PidFrame>): PidFrame {
  const def = PID_TABLE.get(pid)!;
  const reading = def.decode(data);
  const frame: PidFrame = { mode, pid: pidHex(pid), name: def.name, ...reading, ...extra };
  if (mode === 0x22) frame.did = `F4${pidHex(pid)}`;
  if (pid === 0x02) frame.dtc = typeof reading.value === 'string' ? describer(options)(reading.value) : null;
  return frame;
}

/**
 * The PIDs after the first one of a multi-PID answer ("41 0C 1A F8 0D 32"; J1979-2 repeats the
 * DID: "62 F4 0C 1A F8 F4 0D 32"). Bytes that do not parse as whole known PIDs are padding.
 */
function followingPids(mode: 1 | 0x22, rest: Uint8Array, options: DecodeOptions): PidFrame[] | undefined {
  if (rest.every((b) => b === 0)) return undefined; // zero padding, not "PID 00: none supported"
  const prefix = mode === 0x22 ? 2 : 1;
  const out: PidFrame[] = [];
  let at = 0;
  while (at < rest.length) {
    if (mode === 0x22 && rest[at] !== 0xf4) return undefined;
    const def = PID_TABLE.get(rest[at + prefix - 1] ?? -1);
    if (!def || at + prefix + def.bytes > rest.length) return undefined;
    out.push(pidFrame(mode, def.pid, rest.subarray(at + prefix, at + prefix + def.bytes), options, {}));
    at += prefix + def.bytes;
  }
  return out.length ? out : undefined;
}

function decodeInfo(mode: 9 | 0x22, infoType: number, body: Uint8Array, did?: string): DecodedMessage {
  const info = decodeVehicleInfo(infoType, body);
  if ('error' in info) return info;
  return { mode, infoType: pidHex(infoType), name: info.name, value: info.value, ...(did ? { did } : {}) };
}

/** J1979-2 ReadDataByIdentifier: DID F4xx = mode 01 PID xx, DID F8xx = mode 09 info type xx. */
function decodeReadDataByIdentifier(bytes: Uint8Array, options: DecodeOptions): DecodedMessage {
  if (bytes.length < 3) return error('FRAME_TOO_SHORT', 'a ReadDataByIdentifier response is 62 <DID high> <DID low> <data>');
  const did = pidHex(bytes[1]!) + pidHex(bytes[2]!);
  const data = bytes.subarray(3);
  if (bytes[1] === 0xf4) return decodePid(0x22, bytes[2]!, data, options, {});
  if (bytes[1] === 0xf8) return decodeInfo(0x22, bytes[2]!, data, did);
  return error('DID_UNKNOWN', `DID ${did} is not an OBD (J1979-2) identifier`);
}

/** Decodes one complete response message (all its lines reassembled). */
export function decodeMessage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  const service = bytes[0];
  if (service === undefined) return error('FRAME_EMPTY', 'the frame holds no bytes');
  switch (service) {
    case 0x7f:
      return { error: negativeResponse(bytes) };
    case 0x41:
    case 0x42: {
      const mode = service === 0x41 ? 1 : 2;
      const headerBytes = mode === 1 ? 2 : 3;
      if (bytes.length < headerBytes)
        return error('FRAME_TOO_SHORT', mode === 1 ? 'a mode 01 response is 41 <PID> <data>' : 'a mode 02 response is 42 <PID> <frame> <data>');
      return decodePid(mode, bytes[1]!, bytes.subarray(headerBytes), options, mode === 2 ? { frame: bytes[2]! } : {});
    }
    case 0x43:
    case 0x47:
    case 0x4a: {
      const list = dtcList(bytes.subarray(1), options.protocol);
      if ('error' in list) return list;
      const describe = describer(options);
      return { mode: (service - 0x40) as 3 | 7 | 0x0a, dtcs: list.codes.map(describe) };
    }
    case 0x44:
    case 0x54: // J1979-2 ClearDiagnosticInformation
      return { mode: 4, cleared: true };
    case 0x49:
      if (bytes.length < 2) return error('FRAME_TOO_SHORT', 'a mode 09 response is 49 <info type> <data>');
      return decodeInfo(9, bytes[1]!, bytes.subarray(2));
    case 0x62:
      return decodeReadDataByIdentifier(bytes, options);
    case 0x59:
      return decodeUdsDtcReport(bytes, describer(options));
    case 0x46:
      // The legacy protocols lay mode 06 out differently (one TID per message, 1-byte values).
      if (options.protocol === 'legacy') return error('MODE_NOT_DECODED', 'legacy mode 06 responses are not decoded');
      return decodeMonitorResults(bytes.subarray(1));
    case 0x45:
    case 0x48:
      return error('MODE_NOT_DECODED', `mode ${pidHex(service - 0x40)} responses are not decoded`);
    default:
      if (REQUESTS.has(service)) return error('NOT_A_RESPONSE', `${pidHex(service)} is a request (echo on?), not a response`);
      return error('SERVICE_UNKNOWN', `no OBD or UDS response starts with ${pidHex(service)}`);
  }
}
