import type { VehicleSupply } from '../agent/vehicle-supply.ts';
import { type CanTransport, createInProcessCanPair } from '../isotp/can-transport.ts';
import { IsoTpLink } from '../isotp/isotp-link.ts';
import type { Timers } from '../timing/timers.ts';
import { UdsClient } from '../uds/uds-client.ts';
import type { UdsTiming } from '../uds/uds-requester.ts';
import { VirtualEcu, type VirtualEcuOptions, type VirtualVehicle } from './virtual-ecu.ts';

/** CAN identifier the tester sends to the engine ECU on (ISO 15765-4 normal addressing). */
export const TESTER_CAN_ID = 0x7e0;
/** CAN identifier the engine ECU answers on. */
export const ECU_CAN_ID = 0x7e8;

/** A tester connected to a virtual ECU over an in-process CAN bus. */
export interface VirtualBench {
  ecu: VirtualEcu;
  client: UdsClient;
  /** The simulated supply, read from the ECU's `batteryVolts` and `ignitionOn`. */
  supply: VehicleSupply;
  close(): void;
}

/**
 * Wires a UDS client and a virtual ECU simulating `vehicle` through ISO-TP on an in-process CAN
 * pair: what `--ecu virtual` runs, and what the tests flash. While the ECU is off or hung its
 * side of the bus is dead too: no flow control, no answers.
 */
export function connectVirtualEcu(
  vehicle: VirtualVehicle,
  timers: Timers,
  options: { ecu?: VirtualEcuOptions; timing?: Partial<UdsTiming> } = {},
): VirtualBench {
  const bus = createInProcessCanPair();
  let ecu: VirtualEcu | undefined;
  const alive = () => ecu?.responsive !== false;
  const ecuSide: CanTransport = {
    send: (frame) => (alive() ? bus.b.send(frame) : undefined),
    onFrame: (listener) => bus.b.onFrame((frame) => alive() && listener(frame)),
  };
  const testerLink = new IsoTpLink(bus.a, { txId: TESTER_CAN_ID, rxId: ECU_CAN_ID, timers });
  const ecuLink = new IsoTpLink(ecuSide, { txId: ECU_CAN_ID, rxId: TESTER_CAN_ID, timers });
  const created = new VirtualEcu(ecuLink, vehicle, timers, options.ecu);
  ecu = created;
  return {
    ecu: created,
    client: new UdsClient(testerLink, timers, options.timing),
    supply: { batteryVolts: async () => created.batteryVolts, ignitionOn: async () => created.ignitionOn },
    close() {
      testerLink.close();
      ecuLink.close();
    },
  };
}
