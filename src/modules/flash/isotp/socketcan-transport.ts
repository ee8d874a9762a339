import { AppError } from '../../../platform/errors.ts';
import type { CanFrame, CanTransport } from './can-transport.ts';

/** What this transport uses of the `socketcan` package's raw channel (its own types need its build folder). */
interface RawChannel {
  addListener(event: 'onMessage', callback: (message: { id: number; ext: boolean; data: Buffer }) => void): void;
  start(): void;
  stop(): void;
  send(message: { id: number; ext: boolean; rtr: boolean; data: Buffer }): void;
  setRxFilters(filters: { id: number; mask: number }[]): void;
}

/** A CAN transport on a Linux SocketCAN interface; `close()` releases the socket. */
export interface SocketCanTransport extends CanTransport {
  close(): void;
}

// 29-bit identifiers are above the 11-bit range (ISO 15765-4 allows both; the stack uses 11-bit).
const STANDARD_ID_MAX = 0x7ff;

/**
 * Opens a raw CAN socket on `iface` (e.g. `can0`, or `vcan0` for a virtual bus) through the
 * `socketcan` package — an optional dependency, built from source at install, so a machine
 * without a C++ toolchain still installs NovaEvo and only this transport is unavailable.
 * `receiveIds`, when given, filters in the kernel: only frames with these identifiers wake the
 * process (a busy vehicle bus carries thousands of frames a second).
 */
export async function openSocketCan(iface: string, receiveIds?: readonly number[]): Promise<SocketCanTransport> {
  let createRawChannel: (name: string, timestamps?: boolean) => RawChannel;
  try {
    ({ createRawChannel } = (await import('socketcan')) as unknown as { createRawChannel: typeof createRawChannel });
  } catch (error) {
    throw new AppError(503, 'SOCKETCAN_UNAVAILABLE', `SocketCAN support is not installed (the optional "socketcan" package did not build here): ${(error as Error).message}`);
  }
  let channel: RawChannel;
  try {
    channel = createRawChannel(iface, false);
  } catch (error) {
    throw new AppError(400, 'CAN_INTERFACE_UNAVAILABLE', `cannot open the CAN interface "${iface}" (does it exist, and is it up?): ${(error as Error).message}`);
  }
  if (receiveIds?.length) channel.setRxFilters(receiveIds.map((id) => ({ id, mask: id > STANDARD_ID_MAX ? 0x1fffffff : STANDARD_ID_MAX })));
  const listeners = new Set<(frame: CanFrame) => void>();
  channel.addListener('onMessage', (message) => {
    const frame = { id: message.id, data: new Uint8Array(message.data) };
    for (const listener of listeners) listener(frame);
  });
  channel.start();
  let open = true;
  return {
    send(frame) {
      if (!open) throw new AppError(503, 'CAN_INTERFACE_CLOSED', `the CAN interface "${iface}" is closed`);
      if (frame.data.length > 8) throw new RangeError('a classic CAN frame carries at most 8 bytes');
      channel.send({ id: frame.id, ext: frame.id > STANDARD_ID_MAX, rtr: false, data: Buffer.from(frame.data) });
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (!open) return;
      open = false;
      listeners.clear();
      channel.stop();
    },
  };
}
