import type { EcuIdentity } from '../package/compatibility.ts';
import { Did } from '../uds/services.ts';
import type { UdsClient } from '../uds/uds-client.ts';
import type { BackupImage } from './flash-events.ts';
import { FlashFailure } from './flash-failure.ts';
import type { FlashRun } from './flash-run.ts';
import { checkSupply, type VehicleSupply } from './vehicle-supply.ts';

/** What the precheck looks at. */
export interface PrecheckInput {
  ecu: UdsClient;
  /** The job's VIN, which the ECU must report. */
  expectedVin?: string;
  /** The vehicle's supply: a low battery or the ignition off stops the job here. */
  supply?: VehicleSupply;
}

/** Reads the VIN (F190), ECU hardware (F191) and software (F195) numbers. */
export async function readEcuIdentity(client: UdsClient): Promise<EcuIdentity> {
  return {
    vin: await client.readText(Did.vin),
    ecuHardware: await client.readText(Did.ecuHardwareNumber),
    ecuSoftware: await client.readText(Did.ecuSoftwareNumber),
  };
}

/**
 * The precheck step: supply (battery at least 12.5 V, ignition on), the ECU's identification,
 * the job's VIN, and, when a backup was already taken, that it is this vehicle's. Reports the
 * `precheck` event and returns what the ECU reported.
 */
export async function precheck(run: FlashRun, input: PrecheckInput, backup: BackupImage | undefined): Promise<EcuIdentity> {
  await run.enter('precheck');
  const supply = input.supply === undefined ? {} : await checkSupply(input.supply);
  const identity = await readEcuIdentity(input.ecu);
  await run.emit({ type: 'precheck', ...identity, ...supply });
  if (input.expectedVin !== undefined && identity.vin !== input.expectedVin.trim().toUpperCase()) {
    throw new FlashFailure('VIN_MISMATCH', `the ECU reports VIN ${identity.vin}, the job is for ${input.expectedVin}`);
  }
  if (backup !== undefined && (backup.ecu.vin !== identity.vin || backup.ecu.ecuHardware !== identity.ecuHardware)) {
    throw new FlashFailure('BACKUP_VEHICLE_MISMATCH', `the backup was taken from ${backup.ecu.vin} (${backup.ecu.ecuHardware}), not this ECU`);
  }
  return identity;
}
