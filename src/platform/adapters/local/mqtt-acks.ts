/** What became of a received QoS 1 message. */
export type AckOutcome = 'handled' | 'failed';

/**
 * The PUBACKs of one MQTT connection: each message's is sent once it is handled, and they leave in
 * the order their PUBLISH packets arrived (MQTT 3.1.1, MQTT-4.6.0-2), so a message handled early
 * waits for the ones before it. A failed message gets no PUBACK (the broker delivers it again on
 * the next connection of a persistent session) and does not hold back the ones after it.
 */
export class OrderedAcks {
  readonly #send: (messageId: number) => void;
  readonly #slots: { messageId: number; outcome: AckOutcome | undefined }[] = [];
  #head = 0;

  constructor(send: (messageId: number) => void) {
    this.#send = send;
  }

  /** Messages received and not yet acknowledged (or given up). */
  get pending(): number {
    return this.#slots.length - this.#head;
  }

  /** Reserves the PUBACK of `messageId`, received now; call the result once, when it is handled or failed. */
  expect(messageId: number): (outcome: AckOutcome) => void {
    const slot: { messageId: number; outcome: AckOutcome | undefined } = { messageId, outcome: undefined };
    this.#slots.push(slot);
    return (outcome) => {
      if (slot.outcome) return;
      slot.outcome = outcome;
      this.#release();
    };
  }

  #release(): void {
    while (this.#head < this.#slots.length) {
      const slot = this.#slots[this.#head]!;
      if (!slot.outcome) break;
      this.#head++;
      if (slot.outcome === 'handled') this.#send(slot.messageId);
    }
    // Compact now and then rather than shifting on every PUBACK.
    if (this.#head > 1024 && this.#head * 2 > this.#slots.length) {
      this.#slots.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
