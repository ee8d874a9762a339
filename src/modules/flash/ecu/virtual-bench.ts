import { createInProcessCanPair, type FrameFilter } from '../isotp/can-transport.ts';
import { IsoTpLink } from '../isotp/isotp-link.ts';
import type { Timers } from '../timing/timers.ts';
import { UdsClient } from '../uds/uds-client.ts';
import type { UdsTiming } from '../uds/uds-requester.ts';
import { VirtualEcu, type VirtualEcuOptions, type VirtualVehicle } from './virtual-ecu.ts';

/** Engine ECU diagnostic identifiers (ISO 15765-4 normal addressing). */
export const TESTER_CAN_ID = 0x7e0;
export const ECU_CAN_ID = 0x7e8;

/** A tester connected to a virtual ECU over an in-process CAN bus. */
export interface VirtualBench {
  ecu: VirtualEcu;
  client: UdsClient;
  /** Drops chosen frames on the bus (or none with undefined). */
  setFrameFilter(filter: FrameFilter | undefined): void;
  close(): void;
}

/**
 * Wires a UDS client and a virtual ECU simulating `vehicle` through ISO-TP on an in-process CAN
 * pair: what `--ecu virtual` runs, and what the tests flash.
 */
export function connectVirtualEcu(
  vehicle: VirtualVehicle,
  timers: Timers,
  options: { ecu?: VirtualEcuOptions; timing?: Partial<UdsTiming> } = {},
): VirtualBench {
  const bus = createInProcessCanPair();
  const testerLink = new IsoTpLink(bus.a, { txId: TESTER_CAN_ID, rxId: ECU_CAN_ID, timers });
  const ecuLink = new IsoTpLink(bus.b, { txId: ECU_CAN_ID, rxId: TESTER_CAN_ID, timers });
  const ecu = new VirtualEcu(ecuLink, vehicle, timers, options.ecu);
  const client = new UdsClient(testerLink, timers, options.timing);
  return {
    ecu,
    client,
    setFrameFilter: (filter) => bus.setFilter(filter),
    close() {
      testerLink.close();
      ecuLink.close();
    },
  };
}
