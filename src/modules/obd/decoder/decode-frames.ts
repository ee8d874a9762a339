import { decodeMessage } from './decode-message.ts';
import { classifyLine, splitElmOutput } from './elm-lines.ts';
import { assembleMessages } from './iso-tp-lines.ts';
import type { DecodeOptions, DecodedFrame, DecodedMessage } from './types.ts';

function decodeAll(frames: readonly unknown[], options: DecodeOptions): { entries: DecodedFrame[]; heads: number[] } {
  const messages = assembleMessages(frames.map(classifyLine), options.protocol);
  const entries: DecodedFrame[] = new Array(frames.length);
  const heads: number[] = [];
  for (const m of messages) {
    let decoded: DecodedMessage;
    try {
      decoded = 'error' in m.result ? { error: m.result.error } : decodeMessage(m.result.bytes, options);
    } catch (cause) {
      // Defence in depth: the decoder is total by construction, a bug must not cost the batch.
      decoded = { error: { code: 'DECODER_FAILURE', detail: String(cause).slice(0, 200) } };
    }
    entries[m.head] = m.ecu ? { ...decoded, ecu: m.ecu } : decoded;
    heads.push(m.head);
    for (const member of m.members) if (member !== m.head) entries[member] = { continuation: { of: m.head } };
  }
  return { entries, heads };
}

/**
 * Decodes ELM327 response lines (CAN ISO 15765-4 or legacy, headers off): one entry per input
 * frame, in order. A multi-line response (ISO-TP "014" / "0: ..." lines, legacy mode 09
 * messages) is decoded on its first line; its other lines get `{continuation: {of}}`.
 * Never throws: a frame that cannot be decoded gets `{error: {code, detail}}`.
 *
 * @example decodeFrames(['41 0C 1A F8']) // [{mode: 1, pid: '0C', name: 'Engine speed', value: 1726, unit: 'rpm'}]
 */
export function decodeFrames(frames: readonly unknown[], options: DecodeOptions = {}): DecodedFrame[] {
  if (!Array.isArray(frames)) return [];
  return decodeAll(frames, options ?? {}).entries;
}

/**
 * Decodes raw ELM327 output (several lines, CR or LF separated, prompts and command echoes
 * included): one entry per response message, multi-line responses reassembled, echoed
 * requests left out.
 */
export function decodeElmOutput(text: string, options: DecodeOptions = {}): DecodedMessage[] {
  if (typeof text !== 'string') return [];
  const { entries, heads } = decodeAll(splitElmOutput(text), options ?? {});
  return heads.map((h) => entries[h] as DecodedMessage).filter((e) => !('error' in e && e.error.code === 'NOT_A_RESPONSE'));
}
