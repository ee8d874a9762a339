import { concat, crc32Of, type FirmwareSegment, sha256Hex } from '../firmware/firmware-image.ts';
import type { KeyAlgorithm } from '../uds/security-key.ts';
import { Nrc, Session } from '../uds/services.ts';
import type { UdsClient } from '../uds/uds-client.ts';
import { UdsError } from '../uds/uds-error.ts';
import { type FlashBlock, rangesFrom } from './block-plan.ts';
import type { BackupImage } from './flash-events.ts';
import { FlashFailure } from './flash-failure.ts';

/** Largest memory read asked at once (fits a 4095-byte ISO-TP message with its SID). */
const READ_CHUNK = 0x800;

/** How the agent reaches and programs the ECU. */
export interface ProgrammingContext {
  client: UdsClient;
  keyAlgorithm: KeyAlgorithm;
  securityLevel: number;
  /** Extra attempts at a block whose check failed or whose write was refused. */
  blockRetries: number;
}

/**
 * 0x10 programming session, 0x27 security access, 0x28 communication off (Rx and Tx of normal
 * messages), 0x85 DTC setting off: the ECU is ready to be erased and written.
 */
export async function enterProgramming(ctx: ProgrammingContext): Promise<void> {
  await ctx.client.diagnosticSessionControl(Session.programming);
  await ctx.client.unlock(ctx.securityLevel, ctx.keyAlgorithm);
  await ctx.client.communicationControl(0x03, 0x01);
  await ctx.client.controlDtcSetting(0x02);
}

/** Reads the ECU memory of `ranges` with a 0x35 upload per range (the backup, before any erase). */
export async function uploadMemory(client: UdsClient, ranges: ReadonlyArray<{ address: number; length: number }>): Promise<Omit<BackupImage, 'ecu'>> {
  const segments: FirmwareSegment[] = [];
  for (const { address, length } of ranges) {
    const { maxBlockLength } = await client.requestUpload(address, length);
    const parts: Uint8Array[] = [];
    let received = 0;
    for (let counter = 1; received < length; counter = (counter + 1) & 0xff) {
      const chunk = await client.transferData(counter);
      if (chunk.length === 0 || chunk.length > maxBlockLength - 2 || received + chunk.length > length) {
        throw new UdsError('UDS_RESPONSE_INVALID', 0x36, `upload block of ${chunk.length} bytes does not fit`);
      }
      parts.push(chunk.slice());
      received += chunk.length;
    }
    await client.requestTransferExit();
    segments.push({ address, data: concat(parts) });
  }
  return { segments, sha256: sha256Hex(concat(segments.map((s) => s.data))) };
}

/** Reads memory back with 0x23 in chunks. */
export async function readMemory(client: UdsClient, address: number, size: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < size; offset += READ_CHUNK) {
    parts.push((await client.readMemoryByAddress(address + offset, Math.min(READ_CHUNK, size - offset))).slice());
  }
  return concat(parts);
}

/** Erases the ranges that programming from block `from` will write (routine 0xFF00). */
export async function eraseFrom(client: UdsClient, blocks: readonly FlashBlock[], from: number): Promise<void> {
  for (const { address, size } of rangesFrom(blocks, from)) {
    const result = await client.eraseMemory(address, size);
    if (!result.correct) throw new FlashFailure('ERASE_FAILED', `the ECU could not erase 0x${address.toString(16)} (+${size})`);
  }
}

/**
 * The first block that is not already in place and valid: each block is read back and, when it
 * equals the image, the ECU is asked to check it (0x0202), which also marks a block whose
 * transfer was complete but unconfirmed as valid. Returns blocks.length when all are.
 */
export async function firstInvalidBlock(client: UdsClient, blocks: readonly FlashBlock[]): Promise<number> {
  for (const block of blocks) {
    const memory = await readMemory(client, block.address, block.data.length);
    if (sha256Hex(memory) !== sha256Hex(block.data)) return block.index;
    if (!(await client.checkMemory(block.address, block.data.length, crc32Of(block.data))).correct) return block.index;
  }
  return blocks.length;
}

/**
 * Downloads one block (0x34, 0x36 in pieces of the ECU's maximum length with the counter from
 * 1 wrapping past 0xFF to 0x00, 0x37) and has the ECU check it (0x0202). A failed check or a
 * refused write (0x72) erases the block and tries again, `blockRetries` times.
 */
export async function programBlock(ctx: ProgrammingContext, block: FlashBlock): Promise<void> {
  const { client } = ctx;
  for (let attempt = 0; ; attempt++) {
    let refused: UdsError | undefined;
    try {
      const { maxBlockLength } = await client.requestDownload(block.address, block.data.length);
      const piece = maxBlockLength - 2;
      let counter = 1;
      for (let offset = 0; offset < block.data.length; offset += piece) {
        await client.transferData(counter, block.data.subarray(offset, offset + piece));
        counter = (counter + 1) & 0xff;
      }
      await client.requestTransferExit();
    } catch (error) {
      if (!(error instanceof UdsError && error.nrc === Nrc.generalProgrammingFailure)) throw error;
      refused = error;
    }
    if (refused === undefined && (await client.checkMemory(block.address, block.data.length, crc32Of(block.data))).correct) return;
    if (attempt >= ctx.blockRetries) {
      throw refused ?? new FlashFailure('BLOCK_CHECK_FAILED', `block ${block.index} at 0x${block.address.toString(16)} failed its check`, { block: block.index });
    }
    const erased = await client.eraseMemory(block.address, block.data.length);
    if (!erased.correct) throw new FlashFailure('ERASE_FAILED', `the ECU could not erase block ${block.index}`);
  }
}

/** Routine 0xFF01: the ECU confirms the application is complete. */
export async function checkDependencies(client: UdsClient): Promise<void> {
  if (!(await client.checkProgrammingDependencies()).correct) {
    throw new FlashFailure('PROGRAMMING_DEPENDENCIES_FAILED', 'the ECU reports the application incomplete or inconsistent');
  }
}

/**
 * Reads every segment back and compares it with the expected SHA-256; returns the hash of all
 * bytes read, in address order.
 */
export async function verifyReadBack(client: UdsClient, expected: ReadonlyArray<{ address: number; length: number; sha256: string }>): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const [i, segment] of expected.entries()) {
    const memory = await readMemory(client, segment.address, segment.length);
    if (sha256Hex(memory) !== segment.sha256) {
      throw new FlashFailure('READBACK_MISMATCH', `segment ${i} at 0x${segment.address.toString(16)} reads back different`, { segment: i });
    }
    parts.push(memory);
  }
  return sha256Hex(concat(parts));
}
