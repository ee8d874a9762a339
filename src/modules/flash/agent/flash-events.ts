import type { FirmwareSegment } from '../firmware/firmware-image.ts';
import type { EcuIdentity } from '../package/compatibility.ts';

/** The steps of a flash job, in order (a rollback starts with `verify-backup`, then `enter-programming` on). */
export type FlashStep =
  | 'verify-package'
  | 'verify-backup'
  | 'precheck'
  | 'enter-programming'
  | 'backup'
  | 'erase'
  | 'resume-scan'
  | 'download'
  | 'check-dependencies'
  | 'verify'
  | 'reset';

/** What the agent reports while it works (the CLI forwards these to the job's events route). */
export type FlashEvent =
  | { type: 'step'; step: FlashStep }
  | { type: 'precheck'; vin: string; ecuHardware: string; ecuSoftware: string; batteryVolts?: number; ignitionOn?: boolean }
  | { type: 'backup'; sha256: string; size: number; reused: boolean }
  | { type: 'progress'; blocksDone: number; blocksTotal: number; bytesDone: number; bytesTotal: number }
  | { type: 'verified'; sha256: string }
  | { type: 'result'; status: 'backed_up' | 'completed' | 'rolled_back'; sha256: string }
  | { type: 'failure'; step: FlashStep; code: string; message: string; memoryTouched: boolean };

/** Receives the agent's events; awaited, so a slow reporter slows the flash rather than losing events. */
export type FlashReporter = (event: FlashEvent) => void | Promise<void>;

/** How a flash or rollback ended. */
export type FlashOutcome =
  | { status: 'backed_up' | 'completed' | 'rolled_back'; sha256: string }
  | { status: 'failed'; step: FlashStep; code: string; message: string; memoryTouched: boolean };

/** The ECU memory a package will overwrite, read before any erase. */
export interface BackupImage {
  segments: FirmwareSegment[];
  /** SHA-256 of the segments' bytes concatenated in address order. */
  sha256: string;
  /** What the ECU reported when the backup was taken, before anything was touched. */
  ecu: EcuIdentity;
}

/**
 * Where a job's backup lives (the blob store through the API for the CLI, memory in tests).
 * A backup, once saved, is never replaced: a retried job keeps the original memory.
 */
export interface BackupStore {
  load(): Promise<BackupImage | undefined>;
  save(backup: BackupImage): Promise<void>;
}

/** A backup store holding one job's backup in memory. */
export function memoryBackupStore(initial?: BackupImage): BackupStore & { readonly current: BackupImage | undefined } {
  let current = initial;
  return {
    get current() {
      return current;
    },
    load: async () => current,
    async save(backup) {
      current ??= backup;
    },
  };
}
