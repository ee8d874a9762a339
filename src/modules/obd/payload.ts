import { z } from '@hono/zod-openapi';
import type { Clock } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';

/** Most frames (or readings) one message may carry: a dongle sends a few dozen per second. */
export const MAX_ITEMS = 500;
const MAX_FRAME_CHARS = 512;
/** A reading key as `numericReadings` makes them: '0C', or '14.voltage' for a sub-value. */
export const READING_KEY = /^[0-9A-Fa-f]{2}(\.[A-Za-z][A-Za-z0-9]{0,39})?$/;
// Device clocks drift, and buffered readings arrive late: accept a day ahead, years behind.
const MAX_AHEAD_MS = 24 * 3600_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

const Timestamp = z
  .union([z.string().max(40), z.number()])
  .openapi({ description: 'When the frames were read: ISO 8601, or milliseconds since the Unix epoch', example: '2026-03-01T08:30:00.000Z' });

const FramesPayload = z.object({
  ts: Timestamp,
  frames: z.array(z.string().max(MAX_FRAME_CHARS)).min(1).max(MAX_ITEMS).openapi({ example: ['41 0C 1A F8', '410d32'] }),
  protocol: z.enum(['can', 'legacy']).optional().openapi({ description: 'legacy = ISO 9141 / KWP2000 layout (mode 03 without count byte)' }),
});

const ReadingsPayload = z.object({
  ts: Timestamp,
  readings: z
    .array(z.object({ pid: z.string().regex(READING_KEY).openapi({ example: '0C' }), value: z.number().refine(Number.isFinite, 'must be finite') }))
    .min(1)
    .max(MAX_ITEMS),
});

/** What a device sends, over MQTT or HTTP: ELM327 lines, or readings it decoded itself. */
export const DevicePayloadSchema = z.union([FramesPayload, ReadingsPayload]).openapi('ObdDevicePayload');

export type DevicePayload =
  | { ts: Date; frames: string[]; protocol?: 'can' | 'legacy' | undefined }
  | { ts: Date; readings: { pid: string; value: number }[] };

/** The instant of a payload, or a reason why it is none. */
export function payloadTime(ts: string | number, clock: Clock): Date | string {
  const time = typeof ts === 'number' ? new Date(ts) : /^\d{4}-\d{2}-\d{2}T/.test(ts) ? new Date(ts) : new Date(Number.NaN);
  const ms = time.getTime();
  if (Number.isNaN(ms)) return 'ts must be an ISO 8601 instant or epoch milliseconds';
  if (ms < EARLIEST || ms > clock.now().getTime() + MAX_AHEAD_MS) return 'ts is outside the accepted range (2000 to one day ahead)';
  return time;
}

/**
 * Validates a device message (already JSON-parsed). Throws AppError 400 `OBD_PAYLOAD_INVALID`
 * naming what is wrong; the MQTT path logs that and drops the message.
 */
export function parseDevicePayload(input: unknown, clock: Clock): DevicePayload {
  const parsed = DevicePayloadSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest('OBD_PAYLOAD_INVALID', `The payload must be {ts, frames: [...]} or {ts, readings: [{pid, value}]}${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}.`);
  }
  const time = payloadTime(parsed.data.ts, clock);
  if (typeof time === 'string') throw badRequest('OBD_PAYLOAD_INVALID', time);
  return 'frames' in parsed.data ? { ...parsed.data, ts: time } : { ...parsed.data, ts: time };
}

/** Parses an MQTT message body (UTF-8 JSON) into a payload; same errors as `parseDevicePayload`. */
export function parseDeviceMessage(body: Buffer, clock: Clock): DevicePayload {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('OBD_PAYLOAD_INVALID', 'The message is not JSON.');
  }
  return parseDevicePayload(json, clock);
}
