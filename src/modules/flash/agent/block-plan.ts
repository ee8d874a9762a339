import type { FirmwareSegment } from '../firmware/firmware-image.ts';

/** One logical block: the unit downloaded, checked and resumed from. */
export interface FlashBlock {
  index: number;
  segment: number;
  address: number;
  data: Uint8Array;
}

/** Cuts segments into logical blocks of at most `blockSize` bytes, in address order. */
export function planBlocks(segments: readonly FirmwareSegment[], blockSize: number): FlashBlock[] {
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new RangeError('the block size is a positive integer');
  const blocks: FlashBlock[] = [];
  segments.forEach((segment, s) => {
    for (let offset = 0; offset < segment.data.length; offset += blockSize) {
      blocks.push({ index: blocks.length, segment: s, address: segment.address + offset, data: segment.data.subarray(offset, offset + blockSize) });
    }
  });
  return blocks;
}

/**
 * The ranges to erase before programming from block `from` on: the rest of that block's
 * segment and every later segment, one range per segment.
 */
export function rangesFrom(blocks: readonly FlashBlock[], from: number): Array<{ address: number; size: number }> {
  const ranges: Array<{ address: number; size: number }> = [];
  for (const block of blocks.slice(from)) {
    const last = ranges.at(-1);
    if (last !== undefined && last.address + last.size === block.address) last.size += block.data.length;
    else ranges.push({ address: block.address, size: block.data.length });
  }
  return ranges;
}
