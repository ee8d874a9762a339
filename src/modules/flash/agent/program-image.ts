import type { FlashBlock } from './block-plan.ts';
import { checkDependencies, eraseFrom, programBlock, type ProgrammingContext, verifyReadBack } from './ecu-programming.ts';
import type { FlashRun } from './flash-run.ts';

/**
 * Erases and programs blocks `from` on, reporting progress after each block, then has the ECU
 * check its dependencies, reads every segment back against `expected` and resets the ECU.
 * Returns the hash of the memory read back. Shared by a flash, its resume and a rollback.
 */
export async function programAndVerify(
  run: FlashRun,
  ctx: ProgrammingContext,
  blocks: readonly FlashBlock[],
  from: number,
  expected: ReadonlyArray<{ address: number; length: number; sha256: string }>,
): Promise<string> {
  const { client } = ctx;
  const bytesTotal = blocks.reduce((n, b) => n + b.data.length, 0);
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
  const sha256 = await verifyReadBack(client, expected);
  await run.emit({ type: 'verified', sha256 });
  await run.enter('reset');
  await client.ecuReset(0x01);
  return sha256;
}
