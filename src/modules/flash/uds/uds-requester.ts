import type { IsoTpLink } from '../isotp/isotp-link.ts';
import { sleep, type Timers } from '../timing/timers.ts';
import { NEGATIVE_RESPONSE, Nrc, nrcName } from './services.ts';
import { UdsError } from './uds-error.ts';

/** Timing and retry bounds of a UDS client. */
export interface UdsTiming {
  /** Time the ECU has to start answering (P2), in ms; updated from session control answers. */
  p2Ms: number;
  /** Time the ECU has after a "response pending" (P2*), in ms. */
  p2StarMs: number;
  /** Resends of a request that got no answer (bus error, ECU restarting). */
  retries: number;
  /** "Response pending" answers tolerated for one request before giving up. */
  maxPending: number;
  /** Resends after "busy, repeat request", with `busyDelayMs` between them. */
  maxBusyRepeats: number;
  busyDelayMs: number;
}

/** Per-request overrides (a key must not be resent blindly: a second key is a second attempt). */
export interface RequestOptions {
  retries?: number;
}

/**
 * Sends UDS requests one at a time over an ISO-TP link and returns the positive response.
 * Handles 0x78 (keeps waiting, P2*, bounded), 0x21 (resends after a pause, bounded), no answer
 * (resends, bounded), and throws a UdsError for any other negative response.
 */
export class UdsRequester {
  readonly #link: IsoTpLink;
  readonly #timers: Timers;
  readonly timing: UdsTiming;
  #waiter: ((message: Uint8Array) => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(link: IsoTpLink, timers: Timers, timing: Partial<UdsTiming> = {}) {
    this.#link = link;
    this.#timers = timers;
    this.timing = { p2Ms: 50, p2StarMs: 5000, retries: 2, maxPending: 50, maxBusyRepeats: 5, busyDelayMs: 20, ...timing };
    link.onMessage((message) => this.#waiter?.(message));
  }

  /** Sends `request` and resolves with the positive response (first byte SID + 0x40). */
  request(request: Uint8Array, options: RequestOptions = {}): Promise<Uint8Array> {
    const run = this.#queue.then(() => this.#request(request, options.retries ?? this.timing.retries));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #request(request: Uint8Array, retries: number): Promise<Uint8Array> {
    const sid = request[0]!;
    let busy = 0;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.#exchange(request, sid);
      if (answer === 'silence') {
        if (attempt < retries) continue;
        throw new UdsError('UDS_NO_RESPONSE', sid, `no answer after ${attempt + 1} attempts`);
      }
      if (answer[0] === sid + 0x40) return answer;
      const nrc = answer[2]!;
      if (nrc === Nrc.busyRepeatRequest && busy < this.timing.maxBusyRepeats) {
        busy++;
        attempt--;
        await sleep(this.#timers, this.timing.busyDelayMs);
        continue;
      }
      throw new UdsError('UDS_NEGATIVE_RESPONSE', sid, `negative response ${nrcName(nrc)}`, nrc);
    }
  }

  /** One send and its final answer: a positive or negative response, or silence. */
  async #exchange(request: Uint8Array, sid: number): Promise<Uint8Array | 'silence'> {
    let pending = 0;
    let resolveAnswer: (answer: Uint8Array | 'silence') => void = () => undefined;
    const answer = new Promise<Uint8Array | 'silence'>((resolve) => {
      resolveAnswer = resolve;
    });
    let cancel = (): void => undefined;
    const arm = (ms: number) => {
      cancel();
      cancel = this.#timers.after(ms, () => resolveAnswer('silence'));
    };
    this.#waiter = (message) => {
      const forUs = message[0] === sid + 0x40 || (message[0] === NEGATIVE_RESPONSE && message[1] === sid && message.length >= 3);
      if (!forUs) return;
      if (message[0] === NEGATIVE_RESPONSE && message[2] === Nrc.responsePending) {
        pending++;
        if (pending > this.timing.maxPending) resolveAnswer(message);
        else arm(this.timing.p2StarMs);
        return;
      }
      resolveAnswer(message);
    };
    try {
      await this.#link.send(request);
    } catch {
      this.#waiter = undefined;
      return 'silence';
    }
    arm(this.timing.p2Ms);
    const result = await answer;
    cancel();
    this.#waiter = undefined;
    return result;
  }
}
