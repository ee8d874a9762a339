import type { BrokerPacket } from './broker-persistence-records.ts';

/** A message queued for a client, under the sequence number its record is stored with. */
export interface QueuedPacket {
  seq: number;
  packet: BrokerPacket;
}

const counterKey = (packet: BrokerPacket) => `${packet.brokerId}\u0000${packet.brokerCounter}`;

/**
 * The messages queued for one client, in order, found in constant time by the broker's counter
 * (when aedes assigns a packet id) and by packet id (PUBACK, PUBREC): a client that acknowledges
 * late has thousands queued, and a scan per message would make the broker quadratic.
 */
export class OutgoingQueue {
  readonly #bySeq = new Map<number, QueuedPacket>();
  readonly #byCounter = new Map<string, QueuedPacket>();
  readonly #byMessageId = new Map<number, QueuedPacket>();

  /** Appends (or, loading, restores in order) an entry. */
  push(entry: QueuedPacket): void {
    this.#bySeq.set(entry.seq, entry);
    if (entry.packet.brokerId !== undefined) this.#byCounter.set(counterKey(entry.packet), entry);
    if (entry.packet.messageId !== undefined) this.#byMessageId.set(entry.packet.messageId, entry);
  }

  /** The packets, oldest first. */
  packets(): BrokerPacket[] {
    return [...this.#bySeq.values()].map((entry) => entry.packet);
  }

  /** The entry of the same message as `packet` (same broker and counter), if queued. */
  sameMessage(packet: BrokerPacket): QueuedPacket | undefined {
    return packet.brokerId === undefined ? undefined : this.#byCounter.get(counterKey(packet));
  }

  /** The entry last sent with `messageId`, if queued. */
  withMessageId(messageId: number | undefined): QueuedPacket | undefined {
    return messageId === undefined ? undefined : this.#byMessageId.get(messageId);
  }

  /** Records that `entry` was sent with `messageId`. */
  assign(entry: QueuedPacket, messageId: number | undefined): void {
    this.#forgetMessageId(entry);
    entry.packet.messageId = messageId;
    if (messageId !== undefined) this.#byMessageId.set(messageId, entry);
  }

  /** Puts `packet` (a PUBREL) in `entry`'s place. */
  replace(entry: QueuedPacket, packet: BrokerPacket): void {
    if (entry.packet.brokerId !== undefined && this.#byCounter.get(counterKey(entry.packet)) === entry) this.#byCounter.delete(counterKey(entry.packet));
    this.#forgetMessageId(entry);
    entry.packet = packet;
    this.push(entry);
  }

  remove(entry: QueuedPacket): void {
    this.#bySeq.delete(entry.seq);
    if (entry.packet.brokerId !== undefined && this.#byCounter.get(counterKey(entry.packet)) === entry) this.#byCounter.delete(counterKey(entry.packet));
    this.#forgetMessageId(entry);
  }

  #forgetMessageId(entry: QueuedPacket): void {
    const id = entry.packet.messageId;
    if (id !== undefined && this.#byMessageId.get(id) === entry) this.#byMessageId.delete(id);
  }
}
