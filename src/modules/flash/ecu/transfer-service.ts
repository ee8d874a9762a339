import { Nrc, Sid } from '../uds/services.ts';
import type { FlashMemory } from './flash-memory.ts';
import { no, ok, okWith, type Reply } from './replies.ts';

interface Transfer {
  direction: 'download' | 'upload';
  request: string;
  address: number;
  size: number;
  done: number;
  expected: number;
  lastChunk: { counter: number; offset: number; length: number } | undefined;
}

/** Faults that change how a transferred block is written. */
export interface WriteFaults {
  /** Store one byte of the block corrupted (the later check fails). */
  corruptWrite?: boolean;
  /** Refuse the write as a flash programming failure (0x72). */
  failWrite?: boolean;
}

/**
 * The simulated ECU's 0x34/0x35 request download/upload, 0x36 transfer data and 0x37 request
 * transfer exit. The block sequence counter starts at 1 and wraps 0xFF → 0x00; a repeated
 * counter (its answer was lost) is answered again without writing twice, as are a repeated
 * identical request download before any data and a repeated exit.
 */
export class TransferService {
  #transfer: Transfer | undefined;
  #exited = false;
  readonly #memory: FlashMemory;
  readonly #maxBlockLength: number;

  constructor(memory: FlashMemory, maxBlockLength: number) {
    this.#memory = memory;
    this.#maxBlockLength = maxBlockLength;
  }

  /** Drops any transfer in progress (session change, reset, power loss). */
  abort(): void {
    this.#transfer = undefined;
    this.#exited = false;
  }

  /** 0x34 or 0x35, once the range has been decoded and found inside the flash. */
  start(req: Uint8Array, range: { address: number; size: number }): Reply {
    const sid = req[0]!;
    const key = req.join(',');
    if (this.#transfer !== undefined) {
      // The same request again with nothing moved yet: its answer was lost, answer it again.
      if (this.#transfer.request !== key || this.#transfer.done > 0) return no(sid, Nrc.uploadDownloadNotAccepted);
    } else {
      const direction = sid === Sid.requestDownload ? 'download' : 'upload';
      this.#transfer = { direction, request: key, address: range.address, size: range.size, done: 0, expected: 1, lastChunk: undefined };
      this.#exited = false;
    }
    const max = this.#maxBlockLength;
    return ok(sid + 0x40, 0x20, max >> 8, max & 0xff);
  }

  /** 0x36. */
  data(req: Uint8Array, faults: WriteFaults): Reply {
    const t = this.#transfer;
    if (t === undefined) return no(Sid.transferData, Nrc.requestSequenceError);
    if (req.length < 2) return no(Sid.transferData, Nrc.incorrectMessageLength);
    const counter = req[1]!;
    const last = t.lastChunk;
    if (last !== undefined && counter === last.counter && counter !== t.expected) {
      return t.direction === 'upload' ? okWith([0x76, counter], this.#memory.read(t.address + last.offset, last.length)) : ok(0x76, counter);
    }
    if (counter !== t.expected) return no(Sid.transferData, Nrc.wrongBlockSequenceCounter);
    const room = Math.min(this.#maxBlockLength - 2, t.size - t.done);
    if (t.direction === 'upload') {
      if (req.length !== 2) return no(Sid.transferData, Nrc.incorrectMessageLength);
      if (room === 0) return no(Sid.transferData, Nrc.requestSequenceError);
      t.lastChunk = { counter, offset: t.done, length: room };
      t.done += room;
      t.expected = (counter + 1) & 0xff;
      return okWith([0x76, counter], this.#memory.read(t.address + t.lastChunk.offset, room));
    }
    const data = req.subarray(2);
    if (data.length === 0 || data.length > room) return no(Sid.transferData, Nrc.incorrectMessageLength);
    if (faults.failWrite === true || !this.#memory.program(t.address + t.done, data)) {
      // A failed write ends the download; the tester erases and starts the block again.
      this.#transfer = undefined;
      return no(Sid.transferData, Nrc.generalProgrammingFailure);
    }
    if (faults.corruptWrite === true) this.#memory.corrupt(t.address + t.done);
    t.lastChunk = { counter, offset: t.done, length: data.length };
    t.done += data.length;
    t.expected = (counter + 1) & 0xff;
    return ok(0x76, counter);
  }

  /** Writes the first half of a 0x36 block, as when power is cut mid-write. */
  cut(req: Uint8Array): void {
    const t = this.#transfer;
    if (t?.direction !== 'download' || req[1] !== t.expected) return;
    const data = req.subarray(2, 2 + Math.floor((req.length - 2) / 2));
    if (data.length > 0 && t.done + data.length <= t.size) this.#memory.program(t.address + t.done, data);
  }

  /** 0x37: only once every announced byte has moved. */
  exit(): Reply {
    const t = this.#transfer;
    if (t === undefined) return this.#exited ? ok(0x77) : no(Sid.requestTransferExit, Nrc.requestSequenceError);
    if (t.done !== t.size) return no(Sid.requestTransferExit, Nrc.requestSequenceError);
    this.#transfer = undefined;
    this.#exited = true;
    return ok(0x77);
  }
}
