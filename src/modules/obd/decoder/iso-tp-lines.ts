import type { ElmLine } from './elm-lines.ts';
import type { DecodeError } from './types.ts';

/** A message made of one or more lines: `head` is its first line, `members` all of them. */
export interface AssembledMessage {
  head: number;
  members: number[];
  result: { bytes: Uint8Array } | { error: DecodeError };
  /** Headers on: the ECU that sent it. */
  ecu?: string;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** ISO-TP: a length line followed by segments 0, 1, ... F, 0, ... until `length` bytes arrived. */
function isoTp(lines: ElmLine[], head: number, length: number): AssembledMessage {
  const parts: Uint8Array[] = [];
  const members = [head];
  let received = 0;
  let i = head + 1;
  while (received < length && i < lines.length) {
    const line = lines[i]!;
    if (line.kind !== 'isotpSegment') break;
    if (line.index !== parts.length % 16) {
      return {
        head,
        members: [...members, i],
        result: { error: { code: 'ISO_TP_SEQUENCE', detail: `segment ${line.index} came where ${parts.length % 16} was expected` } },
      };
    }
    parts.push(line.bytes);
    members.push(i);
    received += line.bytes.length;
    i++;
  }
  if (members.length === 1 && length > 0) {
    // Three hex digits and no segment: more likely a frame missing a digit than a lost message.
    return {
      head,
      members,
      result: { error: { code: 'FRAME_ODD_LENGTH', detail: '3 hex digits do not make whole bytes (nor an ISO-TP length line followed by its segments)' } },
    };
  }
  if (received < length) {
    return { head, members, result: { error: { code: 'ISO_TP_INCOMPLETE', detail: `${received} of ${length} bytes arrived` } } };
  }
  return { head, members, result: { bytes: concat(parts).subarray(0, length) } };
}

// Legacy (ISO 9141 / KWP2000) mode 09: one 7-byte message per 4 data bytes, "49 <type> <seq> a b c d".
const isLegacyInfo = (l: ElmLine | undefined, type: number, seq: number): l is { kind: 'bytes'; bytes: Uint8Array } =>
  l?.kind === 'bytes' && l.bytes.length === 7 && l.bytes[0] === 0x49 && l.bytes[1] === type && l.bytes[2] === seq;

function legacyInfo(lines: ElmLine[], head: number, bytes: Uint8Array): AssembledMessage | undefined {
  const type = bytes[1]!;
  const members = [head];
  while (isLegacyInfo(lines[head + members.length], type, members.length + 1)) members.push(head + members.length);
  if (members.length === 1) return undefined;
  const parts = members.map((m) => (lines[m] as { bytes: Uint8Array }).bytes.subarray(3));
  return { head, members, result: { bytes: concat([Uint8Array.of(0x49, type), ...parts]) } };
}

/**
 * Headers on: a first frame and the consecutive frames of the same ECU, which may interleave
 * with the lines of other ECUs answering the same request.
 */
function canMultiFrame(lines: ElmLine[], head: number, consumed: boolean[]): AssembledMessage {
  const first = lines[head] as { kind: 'canFirst'; ecu: string; length: number; bytes: Uint8Array };
  const { ecu, length } = first;
  const parts = [first.bytes];
  const members = [head];
  let received = first.bytes.length;
  for (let j = head + 1; j < lines.length && received < length; j++) {
    const line = lines[j]!;
    if (consumed[j] || !('ecu' in line) || line.ecu !== ecu) continue;
    if (line.kind !== 'canConsecutive') break;
    members.push(j);
    if (line.index !== parts.length % 16) {
      return { head, members, ecu, result: { error: { code: 'ISO_TP_SEQUENCE', detail: `frame ${line.index} came where ${parts.length % 16} was expected` } } };
    }
    parts.push(line.bytes);
    received += line.bytes.length;
  }
  if (received < length) return { head, members, ecu, result: { error: { code: 'ISO_TP_INCOMPLETE', detail: `${received} of ${length} bytes arrived` } } };
  return { head, members, ecu, result: { bytes: concat(parts).subarray(0, length) } };
}

function single(i: number, result: AssembledMessage['result'], ecu?: string): AssembledMessage {
  return { head: i, members: [i], result, ...(ecu ? { ecu } : {}) };
}

/** Groups classified lines into messages, reassembling ISO-TP and legacy multi-line responses. */
export function assembleMessages(lines: ElmLine[], protocol: 'can' | 'legacy' | undefined): AssembledMessage[] {
  const out: AssembledMessage[] = [];
  const consumed = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const line = lines[i]!;
    let message: AssembledMessage;
    switch (line.kind) {
      case 'isotpLength':
        message = isoTp(lines, i, line.length);
        break;
      case 'isotpSegment':
        message = single(i, { error: { code: 'ISO_TP_NO_LENGTH', detail: 'a multi-frame segment came without its length line' } });
        break;
      case 'canFirst':
        message = canMultiFrame(lines, i, consumed);
        break;
      case 'canConsecutive':
        message = single(i, { error: { code: 'ISO_TP_NO_FIRST_FRAME', detail: 'a consecutive frame came without its first frame' } }, line.ecu);
        break;
      case 'canSingle':
        message = single(i, { bytes: line.bytes }, line.ecu);
        break;
      case 'error':
        message = single(i, { error: line.error });
        break;
      default: {
        const legacy = protocol !== 'can' && isLegacyInfo(line, line.bytes[1]!, 1) ? legacyInfo(lines, i, line.bytes) : undefined;
        message = legacy ?? single(i, { bytes: line.bytes });
      }
    }
    for (const m of message.members) consumed[m] = true;
    out.push(message);
  }
  return out;
}
