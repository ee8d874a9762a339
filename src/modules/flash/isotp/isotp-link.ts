import { AppError } from '../../../platform/errors.ts';
import { sleep, type Timers } from '../timing/timers.ts';
import type { CanFrame, CanTransport } from './can-transport.ts';
import { decodeFrame, encodeFrame, type IsoTpFrame, SHORT_LENGTH_LIMIT, stMinMs } from './frames.ts';

/** Settings of one ISO-TP channel (one pair of CAN identifiers). */
export interface IsoTpOptions {
  /** Identifier this end sends on (tester 0x7E0, ECU 0x7E8 for the engine ECU). */
  txId: number;
  /** Identifier this end listens to. */
  rxId: number;
  timers: Timers;
  /** Consecutive frames the peer may send before waiting for our next flow control (0: all). */
  blockSize?: number;
  /** STmin byte we ask the peer to leave between consecutive frames. */
  stMin?: number;
  /** How long to wait for a flow control frame (N_Bs). */
  nBsMs?: number;
  /** How long to wait for the next consecutive frame (N_Cr). */
  nCrMs?: number;
  /** How many "wait" flow controls in a row are tolerated (N_WFTmax). */
  maxWaitFrames?: number;
  /** Longest message we accept; longer first frames are answered with "overflow". */
  maxMessageLength?: number;
  padding?: number;
}

/** A failure of the ISO-TP layer, with a stable code. */
export class IsoTpError extends AppError {
  constructor(code: 'ISOTP_TIMEOUT' | 'ISOTP_OVERFLOW' | 'ISOTP_WAIT_LIMIT' | 'ISOTP_MESSAGE_EMPTY', message: string) {
    super(502, code, message);
    this.name = 'IsoTpError';
  }
}

type FlowFrame = Extract<IsoTpFrame, { type: 'flow' }>;

interface Reception {
  length: number;
  buffer: Uint8Array;
  filled: number;
  sequence: number;
  inBlock: number;
  /** When the next consecutive frame is due at the latest (N_Cr from the last frame). */
  deadline: number;
  cancelTimer: () => void;
}

/**
 * Segmentation and reassembly of ISO 15765-2 messages over 8-byte CAN frames: single frames up
 * to 7 bytes, otherwise a first frame, flow control from the receiver (block size, STmin, wait,
 * overflow) and consecutive frames with a 4-bit sequence number. Sends are queued, one message
 * at a time, as the protocol is half duplex per direction.
 */
export class IsoTpLink {
  readonly #transport: CanTransport;
  readonly #options: Required<IsoTpOptions>;
  readonly #listeners = new Set<(message: Uint8Array) => void>();
  readonly #stop: () => void;
  #reception: Reception | undefined;
  #flowWaiter: ((frame: FlowFrame) => void) | undefined;
  /** A flow control that arrived before we started waiting for it (a fast receiver). */
  #earlyFlow: FlowFrame | undefined;
  #sending = false;
  #queue: Promise<void> = Promise.resolve();

  constructor(transport: CanTransport, options: IsoTpOptions) {
    this.#transport = transport;
    this.#options = {
      blockSize: 0, stMin: 0, nBsMs: 1000, nCrMs: 1000, maxWaitFrames: 10, maxMessageLength: 0xffff_ffff, padding: 0xcc,
      ...options,
    };
    this.#stop = transport.onFrame((frame) => this.#onFrame(frame));
  }

  /** Calls `listener` with every complete message received; the returned function stops it. */
  onMessage(listener: (message: Uint8Array) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sends a message; rejects with an IsoTpError when the receiver times out or refuses it. */
  send(message: Uint8Array): Promise<void> {
    const run = this.#queue.then(async () => {
      this.#sending = true;
      this.#earlyFlow = undefined;
      try {
        await this.#send(message);
      } finally {
        this.#sending = false;
        this.#earlyFlow = undefined;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops listening to the bus. */
  close(): void {
    this.#stop();
    this.#reception?.cancelTimer();
    this.#reception = undefined;
  }

  async #send(message: Uint8Array): Promise<void> {
    const { txId, padding } = this.#options;
    if (message.length === 0) throw new IsoTpError('ISOTP_MESSAGE_EMPTY', 'an ISO-TP message holds at least one byte');
    if (message.length <= 7) {
      await this.#transport.send({ id: txId, data: encodeFrame({ type: 'single', data: message }, padding) });
      return;
    }
    const head = message.length <= SHORT_LENGTH_LIMIT ? 6 : 2;
    await this.#transport.send({ id: txId, data: encodeFrame({ type: 'first', length: message.length, data: message.subarray(0, head) }, padding) });
    let offset = head;
    let sequence = 1;
    while (offset < message.length) {
      const flow = await this.#awaitClearToSend();
      const gap = stMinMs(flow.stMin);
      let sentInBlock = 0;
      while (offset < message.length && (flow.blockSize === 0 || sentInBlock < flow.blockSize)) {
        if (sentInBlock > 0 && gap > 0) await sleep(this.#options.timers, gap);
        const data = message.subarray(offset, offset + 7);
        await this.#transport.send({ id: txId, data: encodeFrame({ type: 'consecutive', sequence, data }, padding) });
        offset += data.length;
        sequence = (sequence + 1) & 0x0f;
        sentInBlock++;
      }
      if (offset < message.length && gap > 0) await sleep(this.#options.timers, gap);
    }
  }

  async #awaitClearToSend(): Promise<{ blockSize: number; stMin: number }> {
    for (let waits = 0; ; waits++) {
      const flow = await this.#awaitFlow();
      if (flow.status === 'continue') return flow;
      if (flow.status === 'overflow') throw new IsoTpError('ISOTP_OVERFLOW', 'the receiver cannot take a message this long');
      if (waits >= this.#options.maxWaitFrames) throw new IsoTpError('ISOTP_WAIT_LIMIT', 'the receiver asked to wait too many times');
    }
  }

  #awaitFlow(): Promise<FlowFrame> {
    const early = this.#earlyFlow;
    if (early !== undefined) {
      this.#earlyFlow = undefined;
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const cancel = this.#options.timers.after(this.#options.nBsMs, () => {
        this.#flowWaiter = undefined;
        reject(new IsoTpError('ISOTP_TIMEOUT', 'no flow control frame came in time (N_Bs)'));
      });
      this.#flowWaiter = (frame) => {
        cancel();
        this.#flowWaiter = undefined;
        resolve(frame);
      };
    });
  }

  #onFrame(frame: CanFrame): void {
    if (frame.id !== this.#options.rxId) return;
    const decoded = decodeFrame(frame.data);
    if (decoded === undefined) return;
    switch (decoded.type) {
      case 'flow':
        if (this.#flowWaiter !== undefined) this.#flowWaiter(decoded);
        else if (this.#sending) this.#earlyFlow = decoded;
        return;
      case 'single':
        this.#abortReception();
        this.#deliver(decoded.data);
        return;
      case 'first':
        this.#abortReception();
        this.#startReception(decoded.length, decoded.data);
        return;
      default:
        this.#continueReception(decoded.sequence, decoded.data);
    }
  }

  #startReception(length: number, head: Uint8Array): void {
    const { blockSize, stMin, maxMessageLength, txId, padding } = this.#options;
    if (length > maxMessageLength) {
      void this.#transport.send({ id: txId, data: encodeFrame({ type: 'flow', status: 'overflow', blockSize: 0, stMin: 0 }, padding) });
      return;
    }
    const buffer = new Uint8Array(length);
    buffer.set(head);
    const reception: Reception = { length, buffer, filled: head.length, sequence: 1, inBlock: 0, deadline: 0, cancelTimer: () => undefined };
    this.#reception = reception;
    this.#watch(reception);
    void this.#transport.send({ id: txId, data: encodeFrame({ type: 'flow', status: 'continue', blockSize, stMin }, padding) });
  }

  #continueReception(sequence: number, data: Uint8Array): void {
    const reception = this.#reception;
    if (reception === undefined) return;
    if (sequence !== reception.sequence) {
      // A lost or repeated frame: the message cannot be completed, so it is dropped.
      this.#abortReception();
      return;
    }
    const take = Math.min(data.length, reception.length - reception.filled);
    reception.buffer.set(data.subarray(0, take), reception.filled);
    reception.filled += take;
    reception.sequence = (reception.sequence + 1) & 0x0f;
    if (reception.filled === reception.length) {
      this.#abortReception();
      this.#deliver(reception.buffer);
      return;
    }
    reception.inBlock++;
    reception.deadline = this.#options.timers.now() + this.#options.nCrMs;
    const { blockSize, stMin, txId, padding } = this.#options;
    if (blockSize > 0 && reception.inBlock === blockSize) {
      reception.inBlock = 0;
      void this.#transport.send({ id: txId, data: encodeFrame({ type: 'flow', status: 'continue', blockSize, stMin }, padding) });
    }
  }

  /**
   * Drops the reception when N_Cr passes without a consecutive frame. One timer per message,
   * re-armed only when it fires early, rather than one per frame: frames just push the deadline.
   */
  #watch(reception: Reception): void {
    const timers = this.#options.timers;
    reception.deadline = timers.now() + this.#options.nCrMs;
    const arm = (ms: number) => {
      reception.cancelTimer = timers.after(ms, () => {
        if (this.#reception !== reception) return;
        const left = reception.deadline - timers.now();
        if (left > 0) arm(left);
        else this.#reception = undefined;
      });
    };
    arm(this.#options.nCrMs);
  }

  #abortReception(): void {
    this.#reception?.cancelTimer();
    this.#reception = undefined;
  }

  #deliver(message: Uint8Array): void {
    for (const listener of this.#listeners) listener(message);
  }
}
