import { z } from 'zod';
import type { FlashEvent } from '../agent/flash-events.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256');

/**
 * The events an agent reports on a job (`POST /v1/flash/jobs/{id}/events {type, data}`): the
 * route validates them with this schema and the job state applies them.
 */
export const jobEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('precheck'),
    data: z.strictObject({
      vin: z.string(),
      ecuHardware: z.string(),
      ecuSoftware: z.string(),
      batteryVolts: z.number().optional(),
      ignitionOn: z.boolean().optional(),
    }),
  }),
  z.strictObject({ type: z.literal('backup'), data: z.strictObject({ sha256, size: z.number().int().min(1), reused: z.boolean() }) }),
  z.strictObject({
    type: z.literal('progress'),
    data: z.strictObject({
      step: z.string().min(1),
      blocksDone: z.number().int().min(0).optional(),
      blocksTotal: z.number().int().min(0).optional(),
      bytesDone: z.number().int().min(0).optional(),
      bytesTotal: z.number().int().min(0).optional(),
      readBackSha256: sha256.optional(),
    }),
  }),
  z.strictObject({ type: z.literal('result'), data: z.strictObject({ status: z.enum(['completed', 'rolled_back']), sha256 }) }),
  z.strictObject({
    type: z.literal('failure'),
    data: z.strictObject({ step: z.string(), code: z.string().min(1), message: z.string(), memoryTouched: z.boolean() }),
  }),
]);

/** An agent event as the platform receives it. */
export type JobEvent = z.infer<typeof jobEventSchema>;

/**
 * The event the agent sends the platform for one of its own events: steps, progress and the
 * read-back become `progress`; a backup taken ahead of the package (`backed_up`) is already
 * reported by its `backup` event, so it sends nothing more.
 */
export function toJobEvent(event: FlashEvent): JobEvent | undefined {
  switch (event.type) {
    case 'step':
      return { type: 'progress', data: { step: event.step } };
    case 'precheck': {
      const { type: _type, ...data } = event;
      return { type: 'precheck', data };
    }
    case 'backup':
      return { type: 'backup', data: { sha256: event.sha256, size: event.size, reused: event.reused } };
    case 'progress': {
      const { type: _type, ...data } = event;
      return { type: 'progress', data: { step: 'download', ...data } };
    }
    case 'verified':
      return { type: 'progress', data: { step: 'verify', readBackSha256: event.sha256 } };
    case 'result':
      return event.status === 'backed_up' ? undefined : { type: 'result', data: { status: event.status, sha256: event.sha256 } };
    default: {
      const { type: _type, ...data } = event;
      return { type: 'failure', data };
    }
  }
}
