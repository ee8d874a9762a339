import type { FirmwareImage } from '../firmware/firmware-image.ts';
import { incompatibilities, incompatibleFirmware } from '../package/compatibility.ts';
import { checkImageAgainstManifest } from '../package/manifest.ts';
import { type Ed25519Key, verifyManifest } from '../package/signature.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { Did } from '../uds/services.ts';
import type { UdsClient } from '../uds/uds-client.ts';
import { planBlocks } from './block-plan.ts';
import {
  checkDependencies, enterProgramming, eraseFrom, firstInvalidBlock, programBlock, type ProgrammingContext, uploadBackup, verifyReadBack,
} from './ecu-programming.ts';
import type { BackupStore, FlashOutcome, FlashReporter } from './flash-events.ts';
import { FlashFailure } from './flash-failure.ts';
import { FlashRun } from './flash-run.ts';
import { checkSupply, type VehicleSupply } from './vehicle-supply.ts';

/** Everything a flash job needs; the ECU is reached through any UDS client (virtual or CAN). */
export interface FlashJobInput {
  /** The manifest as received (unknown: it is verified here before use). */
  manifest: unknown;
  /** Base64 Ed25519 signature of the manifest. */
  signature: string;
  publicKey: Ed25519Key;
  image: FirmwareImage;
  ecu: UdsClient;
  keyAlgorithm: KeyAlgorithm;
  report: FlashReporter;
  backupStore: BackupStore;
  /** Continue an interrupted job from its first invalid block instead of erasing everything. */
  resume?: boolean;
  /** The job's VIN, which the ECU must report. */
  expectedVin?: string;
  /** The vehicle's supply: when given, a low battery or the ignition off stops the job at precheck. */
  supply?: VehicleSupply;
  /** Security level unlocking programming (odd; default 0x01). */
  securityLevel?: number;
  /** Logical block size: the unit downloaded, checked and resumed from (default 4 KiB). */
  blockSize?: number;
  /** Extra attempts at a block that failed its check (default 1). */
  blockRetries?: number;
}

/**
 * Flashes a signed package onto an ECU. In order: the manifest signature and the image against
 * it, then the supply (battery at least 12.5 V, ignition on), the ECU's identification against the job's VIN and the package's compatibility
 * (nothing is erased unless all hold); programming session, security access, communication and
 * DTC setting off; a backup of the memory to be overwritten, saved before any erase (kept if
 * one exists); erase (or, resuming, the scan for the first invalid block); download block by
 * block with the ECU's check of each; programming dependencies; read-back against the
 * package's hashes; ECU reset. Never throws: a failure is the returned outcome and a `failure`
 * event.
 */
export function runFlashJob(input: FlashJobInput): Promise<FlashOutcome> {
  const run = new FlashRun(input.report);
  return run.run(async () => {
    await run.enter('verify-package');
    const verified = verifyManifest(input.manifest, input.signature, input.publicKey);
    if (!verified.ok) throw verified.error;
    const manifest = verified.manifest;
    const mismatch = checkImageAgainstManifest(input.image, manifest);
    if (mismatch !== undefined) throw mismatch;

    await run.enter('precheck');
    // A saved backup proves an earlier run of this job passed the precheck and may have erased.
    const existing = await input.backupStore.load();
    const earlierRun = existing !== undefined;
    const supply = input.supply === undefined ? {} : await checkSupply(input.supply);
    const client = input.ecu;
    const identity = {
      vin: await client.readText(Did.vin),
      ecuHardware: await client.readText(Did.ecuHardwareNumber),
      ecuSoftware: await client.readText(Did.ecuSoftwareNumber),
    };
    await run.emit({ type: 'precheck', ...identity, ...supply });
    if (input.expectedVin !== undefined && identity.vin !== input.expectedVin.trim().toUpperCase()) {
      throw new FlashFailure('VIN_MISMATCH', `the ECU reports VIN ${identity.vin}, the job is for ${input.expectedVin}`);
    }
    // After an earlier run the ECU reports a partial or the new software: that run checked the version.
    const reasons = incompatibilities(manifest.compat, identity).filter((r) => !(earlierRun && r.code === 'SOFTWARE_NOT_ELIGIBLE'));
    if (reasons.length > 0) throw incompatibleFirmware(reasons);

    await run.enter('enter-programming');
    const ctx: ProgrammingContext = {
      client, keyAlgorithm: input.keyAlgorithm, securityLevel: input.securityLevel ?? 0x01, blockRetries: input.blockRetries ?? 1,
    };
    await enterProgramming(ctx);

    await run.enter('backup');
    const backup = existing ?? (await uploadBackup(client, manifest.segments));
    if (existing === undefined) await input.backupStore.save(backup);
    // A saved backup means an earlier run may have erased: memory counts as touched from here.
    else run.memoryTouched = true;
    await run.emit({ type: 'backup', sha256: backup.sha256, size: backup.segments.reduce((n, s) => n + s.data.length, 0), reused: existing !== undefined });

    const blocks = planBlocks(input.image.segments, input.blockSize ?? 0x1000);
    // Without a saved backup no previous run reached an erase, so there is nothing to resume.
    let from = 0;
    if (input.resume === true && earlierRun) {
      await run.enter('resume-scan');
      from = await firstInvalidBlock(client, blocks);
    }
    const bytesTotal = input.image.size;
    let bytesDone = blocks.slice(0, from).reduce((n, b) => n + b.data.length, 0);
    if (from < blocks.length) {
      await run.enter('erase');
      run.memoryTouched = true;
      await eraseFrom(client, blocks, from);
      await run.enter('download');
      for (const block of blocks.slice(from)) {
        await programBlock(ctx, block);
        bytesDone += block.data.length;
        await run.emit({ type: 'progress', blocksDone: block.index + 1, blocksTotal: blocks.length, bytesDone, bytesTotal });
      }
    }

    await run.enter('check-dependencies');
    await checkDependencies(client);
    await run.enter('verify');
    const sha256 = await verifyReadBack(client, manifest.segments);
    await run.emit({ type: 'verified', sha256 });
    await run.enter('reset');
    await client.ecuReset(0x01);
    await run.emit({ type: 'result', status: 'completed', sha256 });
    return { status: 'completed', sha256 };
  });
}
