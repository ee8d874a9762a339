import { FlashFailure } from './flash-failure.ts';

/**
 * The vehicle's supply as the diagnostic interface sees it (an adapter measures the battery on
 * the OBD socket's pin 16 and the ignition line); the virtual bench simulates it.
 */
export interface VehicleSupply {
  batteryVolts(): Promise<number>;
  ignitionOn(): Promise<boolean>;
}

/** The lowest battery voltage a flash may start at: a sagging supply is the classic brick. */
export const MIN_BATTERY_VOLTS = 12.5;

/** Reads the supply and refuses a low battery or the ignition off (BATTERY_LOW, IGNITION_OFF). */
export async function checkSupply(supply: VehicleSupply): Promise<{ batteryVolts: number; ignitionOn: boolean }> {
  const batteryVolts = await supply.batteryVolts();
  const ignitionOn = await supply.ignitionOn();
  if (!ignitionOn) throw new FlashFailure('IGNITION_OFF', 'the ignition is off');
  if (!(batteryVolts >= MIN_BATTERY_VOLTS)) {
    throw new FlashFailure('BATTERY_LOW', `the battery reads ${batteryVolts.toFixed(2)} V, at least ${MIN_BATTERY_VOLTS} V is needed`, { batteryVolts });
  }
  return { batteryVolts, ignitionOn };
}
