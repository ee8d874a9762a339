import type { VehicleSupply } from '../agent/vehicle-supply.ts';
import { IsoTpLink } from '../isotp/isotp-link.ts';
import { openSocketCan } from '../isotp/socketcan-transport.ts';
import { Did } from '../uds/services.ts';
import type { Timers } from '../timing/timers.ts';
import { UdsClient } from '../uds/uds-client.ts';
import type { UdsTiming } from '../uds/uds-requester.ts';
import { ECU_CAN_ID, TESTER_CAN_ID } from './virtual-bench.ts';
import { VirtualEcu, type VirtualEcuOptions, type VirtualVehicle } from './virtual-ecu.ts';

/** A tester's connection to an ECU: what the flash agent drives, on any bus. */
export interface EcuConnection {
  client: UdsClient;
  supply: VehicleSupply;
  close(): void;
}

/**
 * The supply as the ECU itself measures it (DID 0xF442, J1979-2's PID 0x42): a flash adapter
 * without a voltage probe still refuses a sagging battery. An ECU that does not answer is
 * taken as ignition off.
 */
function supplyReadFrom(client: UdsClient): VehicleSupply {
  const volts = async () => {
    const data = await client.readDataByIdentifier(Did.controlModuleVoltage);
    return ((data[0]! << 8) | data[1]!) / 1000;
  };
  return {
    batteryVolts: volts,
    ignitionOn: () => volts().then(() => true, () => false),
  };
}

/**
 * Connects to an ECU on a SocketCAN interface (`can0` on a real adapter, `vcan0` for a virtual
 * bus) with ISO 15765-4 normal addressing: the engine ECU (tester 0x7E0, ECU 0x7E8) unless
 * other identifiers are given (the gearbox's 0x7E1/0x7E9, a manufacturer's own).
 */
export async function connectSocketCanEcu(
  iface: string,
  timers: Timers,
  timing: Partial<UdsTiming> = {},
  ids: { txId?: number | undefined; rxId?: number | undefined } = {},
): Promise<EcuConnection> {
  const txId = ids.txId ?? TESTER_CAN_ID;
  const rxId = ids.rxId ?? ECU_CAN_ID;
  const bus = await openSocketCan(iface, [rxId]);
  const link = new IsoTpLink(bus, { txId, rxId, timers });
  const client = new UdsClient(link, timers, timing);
  return {
    client,
    supply: supplyReadFrom(client),
    close() {
      link.close();
      bus.close();
    },
  };
}

/** Serves a virtual ECU on a SocketCAN interface: a bench for the agent when no vehicle is at hand. */
export async function serveVirtualEcuOnSocketCan(iface: string, vehicle: VirtualVehicle, timers: Timers, options: VirtualEcuOptions = {}): Promise<{ ecu: VirtualEcu; close(): void }> {
  const bus = await openSocketCan(iface, [TESTER_CAN_ID]);
  const link = new IsoTpLink(bus, { txId: ECU_CAN_ID, rxId: TESTER_CAN_ID, timers });
  const ecu = new VirtualEcu(link, vehicle, timers, options);
  return {
    ecu,
    close() {
      link.close();
      bus.close();
    },
  };
}
