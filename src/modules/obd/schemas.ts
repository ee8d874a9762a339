import { z } from '@hono/zod-openapi';
import { text } from '../../platform/validation/text.ts';
import { READING_KEY } from './payload.ts';

export const NewDeviceSchema = z
  .object({
    vin: z.string().max(32).openapi({ example: 'VF1RFB00X56123456' }),
    label: text({ max: 80 }).openapi({ example: 'Dongle de la Clio' }),
  })
  .openapi('ObdNewDevice');

export const DeviceSchema = z
  .object({ id: z.string(), vehicleId: z.string(), label: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('ObdDevice');

export const CreatedDeviceSchema = z
  .object({
    deviceId: z.string(),
    secret: z.string().openapi({ description: 'Shown once: only a salted hash is kept.' }),
    mqtt: z.object({ url: z.string(), username: z.string(), topic: z.string(), commandTopic: z.string() }),
    device: DeviceSchema,
  })
  .openapi('ObdCreatedDevice');

export const IngestResultSchema = z
  .object({
    accepted: z.number().int(),
    rejected: z.array(z.object({ index: z.number().int(), code: z.string(), detail: z.string() })),
  })
  .openapi('ObdIngestResult');

export const DecodeRequestSchema = z
  .object({
    frames: z.array(z.string().max(512)).min(1).max(500).openapi({ example: ['41 0C 1A F8', '43 02 01 33 02 20'] }),
    protocol: z.enum(['can', 'legacy']).optional(),
  })
  .openapi('ObdDecodeRequest');

export const LangQuerySchema = z.object({ lang: z.enum(['fr', 'en']).default('fr') });

export const TelemetryQuerySchema = z.object({
  pid: z.string().regex(READING_KEY, 'a PID such as 0C, or 14.voltage for a sub-value').openapi({ example: '0C' }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Included; default: 24 hours before `to`' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Excluded; default: now' }),
  bucket: z
    .string()
    .regex(/^\d{1,7}[smhd]?$/, 'a width such as 60s, 5m, 1h or 1d')
    .default('60s')
    .openapi({ example: '60s' }),
});

export const BucketSchema = z.object({ t: z.string(), min: z.number(), max: z.number(), avg: z.number(), count: z.number().int() }).openapi('ObdBucket');

export const VehicleDtcSchema = z
  .object({
    code: z.string(),
    description: z.string(),
    system: z.string(),
    status: z.enum(['active', 'pending', 'permanent', 'cleared']),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .openapi('ObdVehicleDtc');
