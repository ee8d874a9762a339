import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openSocketCan } from '../isotp/socketcan-transport.ts';
import { realTimers } from '../timing/timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Did, Session } from '../uds/services.ts';
import { connectSocketCanEcu, serveVirtualEcuOnSocketCan } from './socketcan-ecu.ts';

// A virtual CAN interface needs the kernel's vcan module and CAP_NET_ADMIN: try, else say why not.
const IFACE = `nvcan${process.pid % 1000}`;
function createVcan(): string | undefined {
  try {
    execFileSync('ip', ['link', 'add', 'dev', IFACE, 'type', 'vcan'], { stdio: 'pipe' });
    execFileSync('ip', ['link', 'set', 'up', IFACE], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim() || 'ip link failed';
  }
}
const vcanUnavailable = process.platform === 'linux' ? createVcan() : 'not Linux';
const socketcanMissing = await import('socketcan').then(() => undefined, (e: Error) => e.message);

const vehicle = {
  vin: 'VF1RFB00X56123456',
  ecuHardware: '237100123R',
  ecuSoftware: '237100456R',
  flash: [{ address: 0x8000, size: 0x400 }],
  content: [{ address: 0x8000, data: Uint8Array.from({ length: 0x400 }, (_, i) => (i * 7) & 0xff) }],
};

describe.skipIf(socketcanMissing !== undefined)(`SocketCAN transport${socketcanMissing ? ` (skipped: the socketcan package is not built here: ${socketcanMissing})` : ''}`, () => {
  it('refuses an interface that does not exist with a stable code', async () => {
    await expect(openSocketCan('nosuchcan0')).rejects.toMatchObject({ status: 400, code: 'CAN_INTERFACE_UNAVAILABLE' });
  });
});

describe.skipIf(socketcanMissing !== undefined || vcanUnavailable !== undefined)(
  `a virtual ECU on a vcan interface${vcanUnavailable ? ` (skipped: cannot create a vcan interface here: ${vcanUnavailable})` : ''}`,
  () => {
    afterAll(() => {
      execFileSync('ip', ['link', 'delete', IFACE], { stdio: 'pipe' });
    });

    it('answers the tester over real CAN frames: identification, supply voltage, memory', async () => {
      const served = await serveVirtualEcuOnSocketCan(IFACE, vehicle, realTimers);
      const tester = await connectSocketCanEcu(IFACE, realTimers);
      try {
        expect(await tester.client.readText(Did.vin)).toBe(vehicle.vin);
        expect(await tester.supply.batteryVolts()).toBeCloseTo(served.ecu.batteryVolts, 3);
        expect(await tester.supply.ignitionOn()).toBe(true);
        await tester.client.diagnosticSessionControl(Session.extended);
        await tester.client.unlock(0x01, hmacKeyAlgorithm(VIRTUAL_ECU_SECRET));
        expect(await tester.client.readMemoryByAddress(0x8000, 0x100)).toEqual(vehicle.content[0]!.data.slice(0, 0x100));
      } finally {
        tester.close();
        served.close();
      }
    });
  },
);
