import { concat, sha256Hex } from '../firmware/firmware-image.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { planBlocks } from './block-plan.ts';
import { enterProgramming } from './ecu-programming.ts';
import type { BackupStore, FlashOutcome, FlashReporter } from './flash-events.ts';
import { FlashFailure } from './flash-failure.ts';
import { FlashRun } from './flash-run.ts';
import { precheck, type PrecheckInput } from './precheck.ts';
import { programAndVerify } from './program-image.ts';

/** What a rollback needs: the ECU, its key algorithm and the job's backup. */
export interface RollbackInput extends PrecheckInput {
  keyAlgorithm: KeyAlgorithm;
  report: FlashReporter;
  backupStore: BackupStore;
  securityLevel?: number;
  blockSize?: number;
  blockRetries?: number;
}

/**
 * Flashes a job's backup back: the backup's own hash is checked first, then the precheck
 * (supply, VIN, and that the backup was taken from this ECU), then the same programming
 * sequence as a flash (erase, blocks with their checks, dependencies, read-back against the
 * backup, reset). Fails with BACKUP_MISSING when the job never saved one, which
 * means no erase ever happened. Never throws.
 */
export function rollbackFlashJob(input: RollbackInput): Promise<FlashOutcome> {
  const run = new FlashRun(input.report);
  return run.run(async () => {
    await run.enter('verify-backup');
    const backup = await input.backupStore.load();
    if (backup === undefined) throw new FlashFailure('BACKUP_MISSING', 'this job has no backup: its flash never reached an erase');
    if (sha256Hex(concat(backup.segments.map((s) => s.data))) !== backup.sha256) {
      throw new FlashFailure('BACKUP_CORRUPT', 'the backup does not match its own hash');
    }
    await precheck(run, input, backup);
    const ctx = { client: input.ecu, keyAlgorithm: input.keyAlgorithm, securityLevel: input.securityLevel ?? 0x01, blockRetries: input.blockRetries ?? 1 };
    await run.enter('enter-programming');
    await enterProgramming(ctx);
    const blocks = planBlocks(backup.segments, input.blockSize ?? 0x1000);
    const expected = backup.segments.map((s) => ({ address: s.address, length: s.data.length, sha256: sha256Hex(s.data) }));
    const sha256 = await programAndVerify(run, ctx, blocks, 0, expected);
    await run.emit({ type: 'result', status: 'rolled_back', sha256 });
    return { status: 'rolled_back', sha256 };
  });
}
