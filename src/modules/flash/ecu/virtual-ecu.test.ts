import { describe, expect, it } from 'vitest';
import { crc32Of } from '../firmware/firmware-image.ts';
import { VirtualTimers } from '../timing/virtual-timers.ts';
import { hmacKeyAlgorithm, VIRTUAL_ECU_SECRET } from '../uds/security-key.ts';
import { Did, Nrc, Session, Sid } from '../uds/services.ts';
import { connectVirtualEcu } from './virtual-bench.ts';

const key = hmacKeyAlgorithm(VIRTUAL_ECU_SECRET);
const vehicle = {
  vin: 'VF1RFB00X56123456',
  ecuHardware: '237100123R',
  ecuSoftware: '1.1',
  flash: [{ address: 0x8000, size: 256 }],
  content: [{ address: 0x8000, data: new Uint8Array(256).fill(0x5a) }],
};

function bench(options: Parameters<typeof connectVirtualEcu>[2] = {}) {
  const timers = new VirtualTimers();
  return { timers, ...connectVirtualEcu(vehicle, timers, { ecu: { seed: () => Uint8Array.of(1, 2, 3, 4), ...options.ecu }, ...options }) };
}

async function programmingUnlocked(client: ReturnType<typeof bench>['client']) {
  await client.diagnosticSessionControl(Session.programming);
  await client.unlock(0x01, key);
}

describe('virtual ECU', () => {
  it('reports the supply voltage it measures on DID 0xF442 (J1979-2), in millivolts', async () => {
    const { client, ecu } = bench();
    ecu.batteryVolts = 12.345;
    expect(Array.from(await client.readDataByIdentifier(Did.controlModuleVoltage))).toEqual([12345 >> 8, 12345 & 0xff]);
  });

  it('answers its identification in the default session and adopts the announced P2*', async () => {
    const { client } = bench();
    expect(await client.readText(Did.vin)).toBe(vehicle.vin);
    expect(await client.readText(Did.ecuHardwareNumber)).toBe('237100123R');
    expect(await client.readText(Did.ecuSoftwareNumber)).toBe('1.1');
    expect(await client.diagnosticSessionControl(Session.extended)).toEqual({ p2Ms: 50, p2StarMs: 5000 });
  });

  it('refuses programming services outside the programming session and without security', async () => {
    const { client } = bench();
    await expect(client.requestDownload(0x8000, 16)).rejects.toMatchObject({ nrc: Nrc.serviceNotSupportedInActiveSession });
    await client.diagnosticSessionControl(Session.programming);
    await expect(client.eraseMemory(0x8000, 16)).rejects.toMatchObject({ nrc: Nrc.securityAccessDenied });
    await expect(client.readMemoryByAddress(0x8000, 4)).rejects.toMatchObject({ nrc: Nrc.securityAccessDenied });
  });

  it('unlocks with the documented key, and reports an already unlocked level with a zero seed', async () => {
    const { client, ecu } = bench();
    await programmingUnlocked(client);
    expect(ecu.state.unlocked).toBe(true);
    expect([...(await client.request(Uint8Array.of(Sid.securityAccess, 0x01)))]).toEqual([0x67, 0x01, 0, 0, 0, 0]);
  });

  it('locks security access after three wrong keys until the delay has passed', async () => {
    const { client, timers } = bench();
    await client.diagnosticSessionControl(Session.programming);
    const wrong = () => Uint8Array.of(0, 0, 0, 0);
    await expect(client.unlock(0x01, wrong, 2)).rejects.toMatchObject({ nrc: Nrc.invalidKey });
    await expect(client.unlock(0x01, wrong, 1)).rejects.toMatchObject({ code: 'UDS_SECURITY_LOCKED', nrc: Nrc.exceededNumberOfAttempts });
    await expect(client.unlock(0x01, key)).rejects.toMatchObject({ code: 'UDS_SECURITY_LOCKED', nrc: Nrc.requiredTimeDelayNotExpired });
    await new Promise<void>((resolve) => timers.after(10_000, resolve));
    await client.unlock(0x01, key);
  });

  it('erases with a response pending, downloads with a wrapping counter and validates only on a matching CRC', async () => {
    const { client, ecu } = bench({ ecu: { maxBlockLength: 3 } });
    await programmingUnlocked(client);
    expect((await client.eraseMemory(0x8000, 256)).correct).toBe(true);
    expect(ecu.applicationRunning).toBe(false);
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(await client.requestDownload(0x8000, 256)).toEqual({ maxBlockLength: 3 });
    for (let i = 0; i < 256; i++) await client.transferData((i + 1) & 0xff, data.subarray(i, i + 1));
    await client.requestTransferExit();
    expect((await client.checkMemory(0x8000, 256, crc32Of(data) ^ 1)).correct).toBe(false);
    expect((await client.checkProgrammingDependencies()).correct).toBe(false);
    expect((await client.checkMemory(0x8000, 256, crc32Of(data))).correct).toBe(true);
    expect((await client.checkProgrammingDependencies()).correct).toBe(true);
    expect(await client.readMemoryByAddress(0x8000, 256)).toEqual(data);
  });

  it('refuses a wrong block counter, writes to unerased flash and an early exit', async () => {
    const { client } = bench();
    await programmingUnlocked(client);
    await client.requestDownload(0x8000, 4);
    await expect(client.transferData(2, Uint8Array.of(1))).rejects.toMatchObject({ nrc: Nrc.wrongBlockSequenceCounter });
    await expect(client.transferData(1, Uint8Array.of(1))).rejects.toMatchObject({ nrc: Nrc.generalProgrammingFailure });
    await expect(client.requestTransferExit()).rejects.toMatchObject({ nrc: Nrc.requestSequenceError });
  });

  it('keeps an interrupted block invalid after a power cycle, holding the application in the bootloader', async () => {
    const { client, ecu } = bench();
    await programmingUnlocked(client);
    await client.eraseMemory(0x8000, 256);
    await client.requestDownload(0x8000, 256);
    ecu.injectFault({ kind: 'powerLoss', service: Sid.transferData });
    await expect(client.transferData(1, new Uint8Array(200).fill(7))).rejects.toMatchObject({ code: 'UDS_NO_RESPONSE' });
    ecu.powerCycle();
    expect(ecu.applicationRunning).toBe(false);
    expect(ecu.memory.read(0x8000, 101)[99]).toBe(7);
    expect(ecu.memory.read(0x8000, 101)[100]).toBe(0xff);
    await programmingUnlocked(client);
    expect((await client.checkProgrammingDependencies()).correct).toBe(false);
  });

  it('answers a repeated block counter again without writing twice when an answer is lost', async () => {
    const { client, ecu } = bench();
    await programmingUnlocked(client);
    await client.eraseMemory(0x8000, 256);
    await client.requestDownload(0x8000, 8);
    ecu.injectFault({ kind: 'busError', service: Sid.transferData });
    await client.transferData(1, Uint8Array.of(1, 2, 3, 4));
    await client.transferData(2, Uint8Array.of(5, 6, 7, 8));
    await client.requestTransferExit();
    expect(ecu.requestCount(Sid.transferData)).toBe(3);
    expect([...ecu.memory.read(0x8000, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('restarts in the default session on reset with communication and DTC setting back on', async () => {
    const { client, ecu } = bench();
    await programmingUnlocked(client);
    await client.communicationControl(0x03);
    await client.controlDtcSetting(0x02);
    expect(ecu.state).toMatchObject({ communicationDisabled: true, dtcSettingOff: true });
    await client.ecuReset();
    expect(ecu.state).toEqual({ session: Session.default, unlocked: false, communicationDisabled: false, dtcSettingOff: false });
    expect(ecu.applicationRunning).toBe(true);
  });

  it('uploads memory for a backup, block by block', async () => {
    const { client } = bench({ ecu: { maxBlockLength: 66 } });
    await programmingUnlocked(client);
    expect(await client.requestUpload(0x8000, 100)).toEqual({ maxBlockLength: 66 });
    const first = await client.transferData(1);
    const second = await client.transferData(2);
    await client.requestTransferExit();
    expect([first.length, second.length]).toEqual([64, 36]);
    expect(second.every((b) => b === 0x5a)).toBe(true);
  });

  it('stays silent after a silence fault until power cycled', async () => {
    const { client, ecu } = bench();
    ecu.injectFault({ kind: 'silence' });
    await expect(client.readText(Did.vin)).rejects.toMatchObject({ code: 'UDS_NO_RESPONSE' });
    ecu.powerCycle();
    expect(await client.readText(Did.vin)).toBe(vehicle.vin);
  });
});
