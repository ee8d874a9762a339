import type { Principal } from '../../platform/auth/principal.ts';

/** A vehicle as a registration certificate describes it. */
export interface VehicleFromCertificate {
  vin: string;
  plate: string;
  make: string;
  model: string;
  /** The year of first registration (the certificate has no model year). */
  year: number;
}

/**
 * What the OCR module needs from the vehicles module to honour `saveVehicle=true`: create the
 * caller's vehicle with this VIN, or update its plate, make and model when the caller already has
 * it. The vehicles module's face (`ctx.faceOf('vehicles')`, structurally this), so that OCR never reaches into
 * the vehicles module's tables. Errors are AppErrors (e.g. 400 `VIN_INVALID`).
 */
export interface VehicleRegistry {
  saveFromCertificate(principal: Principal, vehicle: VehicleFromCertificate): Promise<{ id: string; created: boolean }>;
}
