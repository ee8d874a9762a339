import type { ElmLine } from './elm-lines.ts';
import type { DecodeError } from './types.ts';

/** A message made of one or more lines: `head` is its first line, `members` all of them. */
export interface AssembledMessage {
  head: number;
  members: number[];
  result: { bytes: Uint8Array } | { error: DecodeError };
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
      return { head, members: [...members, i], result: { error: { code: 'ISO_TP_SEQUENCE', detail: `segment ${line.index} came where ${parts.length % 16} was expected` } } };
    }
    parts.push(line.bytes);
    members.push(i);
    received += line.bytes.length;
    i++;
  }
  if (members.length === 1 && length > 0) {
    // Three hex digits and no segment: more likely a frame missing a digit than a lost message.
    return { head, members, result: { error: { code: 'FRAME_ODD_LENGTH', detail: '3 hex digits do not make whole bytes (nor an ISO-TP length line followed by its segments)' } } };
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

/** Groups classified lines into messages, reassembling ISO-TP and legacy multi-line responses. */
export function assembleMessages(lines: ElmLine[], protocol: 'can' | 'legacy' | undefined): AssembledMessage[] {
  const out: AssembledMessage[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    let message: AssembledMessage;
    if (line.kind === 'isotpLength') message = isoTp(lines, i, line.length);
    else if (line.kind === 'isotpSegment') {
      message = { head: i, members: [i], result: { error: { code: 'ISO_TP_NO_LENGTH', detail: 'a multi-frame segment came without its length line' } } };
    } else if (line.kind === 'error') message = { head: i, members: [i], result: { error: line.error } };
    else {
      const legacy = protocol !== 'can' && isLegacyInfo(line, line.bytes[1]!, 1) ? legacyInfo(lines, i, line.bytes) : undefined;
      message = legacy ?? { head: i, members: [i], result: { bytes: line.bytes } };
    }
    out.push(message);
    i = message.members[message.members.length - 1]! + 1;
  }
  return out;
}
