import { AppError } from '../../../platform/errors.ts';
import type { FirmwareCompat } from './manifest.ts';
import { makesOfVin, normaliseMake } from './wmi-makes.ts';

/** What the vehicle's ECU says it is (read from the ECU, or declared by the job). */
export interface EcuIdentity {
  vin: string;
  ecuHardware: string;
  ecuSoftware: string;
}

/** One reason a firmware may not be flashed onto a vehicle. */
export interface IncompatibilityReason {
  code: 'VIN_INVALID' | 'VIN_MAKE_UNKNOWN' | 'MAKE_MISMATCH' | 'HARDWARE_NOT_LISTED' | 'SOFTWARE_NOT_ELIGIBLE';
  message: string;
}

const VIN_SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;

/**
 * Every reason the firmware does not fit the vehicle (empty when it fits): the VIN's
 * manufacturer code must stand for the firmware's make, the ECU part number must be listed,
 * and the current software must be one the firmware upgrades from.
 */
export function incompatibilities(compat: FirmwareCompat, ecu: EcuIdentity): IncompatibilityReason[] {
  const reasons: IncompatibilityReason[] = [];
  const vin = ecu.vin.trim().toUpperCase();
  if (!VIN_SHAPE.test(vin)) reasons.push({ code: 'VIN_INVALID', message: `"${ecu.vin}" is not a 17-character VIN` });
  else {
    const makes = makesOfVin(vin);
    const make = normaliseMake(compat.make);
    if (makes === undefined) reasons.push({ code: 'VIN_MAKE_UNKNOWN', message: `manufacturer code ${vin.slice(0, 3)} is not a known make` });
    else if (!makes.includes(make)) {
      reasons.push({ code: 'MAKE_MISMATCH', message: `the VIN is a ${makes.join('/')} (${vin.slice(0, 3)}), the firmware is for ${compat.make}` });
    }
  }
  if (!compat.ecuHardware.includes(ecu.ecuHardware.trim())) {
    reasons.push({ code: 'HARDWARE_NOT_LISTED', message: `ECU hardware ${ecu.ecuHardware} is not among ${compat.ecuHardware.join(', ')}` });
  }
  const software = ecu.ecuSoftware.trim();
  if (!compat.fromSoftware.includes(software)) {
    reasons.push({ code: 'SOFTWARE_NOT_ELIGIBLE', message: `software ${ecu.ecuSoftware} is not one this firmware upgrades from (${compat.fromSoftware.join(', ')})` });
  }
  return reasons;
}

/** The 422 INCOMPATIBLE_FIRMWARE error carrying the reasons in `details.reasons`. */
export function incompatibleFirmware(reasons: IncompatibilityReason[]): AppError {
  return new AppError(422, 'INCOMPATIBLE_FIRMWARE', `the firmware does not fit this vehicle: ${reasons.map((r) => r.message).join('; ')}`, {
    details: { reasons },
  });
}
