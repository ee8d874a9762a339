import { z } from '@hono/zod-openapi';
import { text } from '../../platform/validation/text.ts';

export const NewVehicleSchema = z
  .object({
    vin: z.string().max(40).openapi({ example: 'VF1RFB00X56123456', description: '17 characters, no I/O/Q' }),
    plate: z.string().max(20).openapi({ example: 'AB-123-CD', description: 'French plate, SIV (AB-123-CD) or FNI (1234 AB 56)' }),
    make: text({ max: 100 }).openapi({ example: 'Renault' }),
    model: text({ max: 100 }).openapi({ example: 'Clio' }),
    year: z.number().int().min(1886).openapi({ example: 2019 }),
  })
  .openapi('NewVehicle');

/** What PUT /v1/vehicles/by-vin/{vin} sets: a vehicle less its VIN, which the path names. */
export const VehicleDetailsSchema = NewVehicleSchema.omit({ vin: true }).openapi('VehicleDetails');

export const VehicleSchema = z
  .object({
    id: z.string(),
    vin: z.string(),
    plate: z.string(),
    make: z.string(),
    model: z.string(),
    year: z.number().int(),
    owner_user_id: z.string().nullable(),
    org_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Vehicle');

export type NewVehicle = z.infer<typeof NewVehicleSchema>;
export type Vehicle = z.infer<typeof VehicleSchema>;
