import type { EcuIdentity } from '../package/compatibility.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { enterProgramming, type ProgrammingContext, uploadMemory } from './ecu-programming.ts';
import type { BackupImage, BackupStore, FlashOutcome, FlashReporter } from './flash-events.ts';
import { FlashFailure } from './flash-failure.ts';
import { FlashRun } from './flash-run.ts';
import { precheck, type PrecheckInput } from './precheck.ts';

/** What taking a backup ahead of the package needs. */
export interface BackupJobInput extends PrecheckInput {
  keyAlgorithm: KeyAlgorithm;
  report: FlashReporter;
  backupStore: BackupStore;
  /** The memory the package will overwrite: the firmware's segments. */
  ranges: ReadonlyArray<{ address: number; length: number }>;
  securityLevel?: number;
}

/**
 * The backup step, inside an open programming session: the backup already saved for the job
 * (kept, never replaced) or a fresh upload of `ranges` saved before anything else happens.
 * Reports the `backup` event.
 */
export async function takeBackup(
  run: FlashRun,
  ctx: ProgrammingContext,
  input: { backupStore: BackupStore; ranges: BackupJobInput['ranges'] },
  identity: EcuIdentity,
  existing: BackupImage | undefined,
): Promise<BackupImage> {
  await run.enter('backup');
  if (existing !== undefined && !sameRanges(existing, input.ranges)) {
    throw new FlashFailure('BACKUP_RANGES_MISMATCH', 'the saved backup does not cover exactly the memory this package overwrites');
  }
  const backup = existing ?? { ...(await uploadMemory(ctx.client, input.ranges)), ecu: identity };
  if (existing === undefined) await input.backupStore.save(backup);
  // A saved backup means an earlier run may have erased: memory counts as touched from here.
  else run.memoryTouched = true;
  const size = backup.segments.reduce((n, s) => n + s.data.length, 0);
  await run.emit({ type: 'backup', sha256: backup.sha256, size, reused: existing !== undefined });
  return backup;
}

/**
 * Prechecks the vehicle and backs up the memory a package will overwrite, without the package:
 * the job's `awaiting_backup` phase, before the platform releases the package. A later
 * `runFlashJob` with the same store reuses this backup and checks the package against the
 * software version recorded in it. Never throws.
 */
export function backupEcu(input: BackupJobInput): Promise<FlashOutcome> {
  const run = new FlashRun(input.report);
  return run.run(async () => {
    const existing = await input.backupStore.load();
    const identity = await precheck(run, input, existing);
    await run.enter('enter-programming');
    const ctx = { client: input.ecu, keyAlgorithm: input.keyAlgorithm, securityLevel: input.securityLevel ?? 0x01, blockRetries: 0 };
    await enterProgramming(ctx);
    const backup = await takeBackup(run, ctx, input, identity, existing);
    await run.emit({ type: 'result', status: 'backed_up', sha256: backup.sha256 });
    return { status: 'backed_up', sha256: backup.sha256 };
  });
}

function sameRanges(backup: BackupImage, ranges: BackupJobInput['ranges']): boolean {
  return backup.segments.length === ranges.length && backup.segments.every((s, i) => s.address === ranges[i]!.address && s.data.length === ranges[i]!.length);
}
