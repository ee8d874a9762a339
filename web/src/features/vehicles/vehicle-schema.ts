import { z } from 'zod';
// The API's own rules (pure functions, no server code), so the form refuses exactly what the
// API would: VIN of 17 characters without I/O/Q (check digit for North American ones), French
// SIV or FNI plates.
import { parsePlate } from '../../../../src/modules/vehicles/plate.ts';
import { parseVin } from '../../../../src/modules/vehicles/vin.ts';

/** The latest model year the API accepts (next year's models are sold from the autumn). */
export const maxModelYear = () => new Date().getFullYear() + 1;

export const vehicleSchema = z.object({
  vin: z.string().refine((v) => parseVin(v) !== undefined, 'errors.vin'),
  plate: z.string().refine((v) => parsePlate(v) !== undefined, 'errors.plate'),
  make: z.string().trim().min(1, 'errors.make').max(100),
  model: z.string().trim().min(1, 'errors.model').max(100),
  year: z.coerce.number<string>().int('errors.year').min(1886, 'errors.year').refine((y) => y <= maxModelYear(), 'errors.year'),
});

export type VehicleFormInput = z.input<typeof vehicleSchema>;
export type VehicleFormOutput = z.output<typeof vehicleSchema>;
