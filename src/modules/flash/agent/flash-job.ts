import type { FirmwareImage } from '../firmware/firmware-image.ts';
import { incompatibilities, incompatibleFirmware } from '../package/compatibility.ts';
import { checkImageAgainstManifest } from '../package/manifest.ts';
import { type Ed25519Key, verifyManifest } from '../package/signature.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { takeBackup } from './backup-ecu.ts';
import { planBlocks } from './block-plan.ts';
import { enterProgramming, firstInvalidBlock, type ProgrammingContext } from './ecu-programming.ts';
import type { BackupStore, FlashOutcome, FlashReporter } from './flash-events.ts';
import { FlashRun } from './flash-run.ts';
import { precheck, type PrecheckInput } from './precheck.ts';
import { programAndVerify } from './program-image.ts';

/** Everything a flash job needs; the ECU is reached through any UDS client (virtual or CAN). */
export interface FlashJobInput extends PrecheckInput {
  /** The manifest as received (unknown: it is verified here before use). */
  manifest: unknown;
  /** Base64 Ed25519 signature of the manifest. */
  signature: string;
  publicKey: Ed25519Key;
  image: FirmwareImage;
  keyAlgorithm: KeyAlgorithm;
  report: FlashReporter;
  backupStore: BackupStore;
  /** Continue an interrupted job from its first invalid block instead of erasing everything. */
  resume?: boolean;
  /** Security level unlocking programming (odd; default 0x01). */
  securityLevel?: number;
  /** Logical block size: the unit downloaded, checked and resumed from (default 4 KiB). */
  blockSize?: number;
  /** Extra attempts at a block that failed its check (default 1). */
  blockRetries?: number;
}

/**
 * Flashes a signed package onto an ECU. In order: the manifest signature and the image against
 * it, then the supply (battery at least 12.5 V, ignition on), the ECU's identification
 * against the job's VIN and the package's compatibility (nothing is erased unless all hold);
 * programming session, security access, communication and DTC setting off; a backup of the memory to be overwritten, saved before any erase (kept if
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

    // A saved backup holds the software version from before anything was touched: the check
    // uses it, as the ECU may now report a partial or the new version.
    const existing = await input.backupStore.load();
    const identity = await precheck(run, input, existing);
    const reasons = incompatibilities(manifest.compat, { ...identity, ecuSoftware: existing?.ecu.ecuSoftware ?? identity.ecuSoftware });
    if (reasons.length > 0) throw incompatibleFirmware(reasons);

    await run.enter('enter-programming');
    const client = input.ecu;
    const ctx: ProgrammingContext = {
      client, keyAlgorithm: input.keyAlgorithm, securityLevel: input.securityLevel ?? 0x01, blockRetries: input.blockRetries ?? 1,
    };
    await enterProgramming(ctx);
    await takeBackup(run, ctx, { backupStore: input.backupStore, ranges: manifest.segments }, identity, existing);

    const blocks = planBlocks(input.image.segments, input.blockSize ?? 0x1000);
    // Without a saved backup no previous run reached an erase, so there is nothing to resume.
    let from = 0;
    if (input.resume === true && existing !== undefined) {
      await run.enter('resume-scan');
      from = await firstInvalidBlock(client, blocks);
    }
    const sha256 = await programAndVerify(run, ctx, blocks, from, manifest.segments);
    await run.emit({ type: 'result', status: 'completed', sha256 });
    return { status: 'completed', sha256 };
  });
}
