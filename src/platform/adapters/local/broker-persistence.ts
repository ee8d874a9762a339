import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { deserialize, serialize } from 'node:v8';
import { ClassicLevel } from 'classic-level';
import { BatchWriter, type Operation } from './broker-persistence-batches.ts';
import { OutgoingQueue, type QueuedPacket } from './broker-persistence-queue.ts';
import {
  INCOMING,
  OUTGOING,
  RETAINED,
  SUBSCRIPTION,
  incomingKey,
  outgoingKey,
  queued,
  storable,
  subscriptionKey,
  type BrokerPacket,
  type ClientRef,
  type StoredSubscription,
} from './broker-persistence-records.ts';

export type { BrokerPacket } from './broker-persistence-records.ts';

// Why LevelDB on the data folder rather than the SQL port: the broker writes on its hot path (every
// QoS 1 message for a persistent session is stored before delivery), which must neither queue
// behind the platform's single PGlite connection nor wait for the database to open (the broker
// listens first). An embedded broker is one process's by design (the data folder is locked), so a
// shared SQL store would buy nothing; several processes share Mosquitto instead. classic-level
// ships prebuilt N-API binaries, writes from libuv's thread pool, and its log survives a `kill -9`
// once a write resolved (it is not fsynced: a power cut may lose the last writes).

/** The subset of aedes-persistence's in-memory store this one keeps its indexes in. */
interface MemoryStore {
  readonly broker: unknown;
  setup(broker: unknown): Promise<void>;
  storeRetained(packet: BrokerPacket): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  createRetainedStreamCombi(patterns: string[]): Readable;
  addSubscriptions(client: ClientRef, subs: StoredSubscription[]): Promise<void>;
  removeSubscriptions(client: ClientRef, topics: string[]): Promise<void>;
  subscriptionsByClient(client: ClientRef): Promise<StoredSubscription[]>;
  countOffline(): Promise<{ subsCount: number; clientsCount: number }>;
  subscriptionsByTopic(pattern: string): Promise<{ clientId: string; topic: string; qos: number }[]>;
  cleanSubscriptions(client: ClientRef): Promise<void>;
  incomingStorePacket(client: ClientRef, packet: BrokerPacket): Promise<void>;
  incomingGetPacket(client: ClientRef, packet: BrokerPacket): Promise<BrokerPacket>;
  incomingDelPacket(client: ClientRef, packet: BrokerPacket): Promise<void>;
  cleanIncoming(client: ClientRef): Promise<void>;
  putWill(client: ClientRef, packet: BrokerPacket): Promise<void>;
  getWill(client: ClientRef): Promise<BrokerPacket | undefined>;
  delWill(client: ClientRef): Promise<BrokerPacket | undefined>;
  streamWill(brokers?: Record<string, number>): Readable;
  getClientList(topic: string): Readable;
  destroy(): Promise<void>;
}

// The in-memory store is aedes' own reference implementation; it ships no types for this file.
const MemoryPersistence = createRequire(import.meta.url)('aedes-persistence/asyncPersistence.js') as new () => MemoryStore;

type Db = ClassicLevel<string, Buffer>;

/**
 * Opens (creating it if needed) an aedes persistence in `folder`: subscriptions of persistent
 * sessions (`clean: false`), the QoS 1/2 messages queued for them, QoS 2 messages awaiting PUBREL
 * and retained messages survive a restart. Wills do not (a restart drops every connection
 * anyway). Reads come from memory (aedes' own in-memory indexes, loaded at open); every change is
 * written through, in batches that group what arrives while the previous batch is written.
 *
 * @example
 * const persistence = await openBrokerPersistence(path.join(dataDir, 'mqtt'));
 * const broker = await Aedes.createBroker({ persistence });
 */
export async function openBrokerPersistence(folder: string): Promise<DurableBrokerPersistence> {
  const db: Db = new ClassicLevel<string, Buffer>(folder, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  await db.open();
  try {
    return await DurableBrokerPersistence.load(db);
  } catch (error) {
    await db.close();
    throw error;
  }
}


/** An aedes persistence on LevelDB; see `openBrokerPersistence`. */
export class DurableBrokerPersistence {
  readonly #db: Db;
  readonly #memory = new MemoryPersistence();
  readonly #outgoing = new Map<string, OutgoingQueue>();
  /** Packet ids of the QoS 2 messages awaiting PUBREL, per client, to delete them on a clean session. */
  readonly #incoming = new Map<string, Set<number>>();
  #seq = 0;
  readonly #writer: BatchWriter;

  private constructor(db: Db) {
    this.#db = db;
    this.#writer = new BatchWriter(db);
  }

  /** Rebuilds the in-memory state from what `db` holds. */
  static async load(db: Db): Promise<DurableBrokerPersistence> {
    const store = new DurableBrokerPersistence(db);
    const subscriptions = new Map<string, StoredSubscription[]>();
    for await (const [key, value] of db.iterator()) {
      const record: unknown = deserialize(value);
      if (key.startsWith(RETAINED)) await store.#memory.storeRetained(record as BrokerPacket);
      else if (key.startsWith(SUBSCRIPTION)) {
        const { clientId, ...sub } = record as { clientId: string } & StoredSubscription;
        subscriptions.set(clientId, [...(subscriptions.get(clientId) ?? []), sub]);
      } else if (key.startsWith(OUTGOING)) {
        const { clientId, seq, packet } = record as { clientId: string } & QueuedPacket;
        store.#queue(clientId).push({ seq, packet });
        store.#seq = Math.max(store.#seq, seq);
      } else if (key.startsWith(INCOMING)) {
        const { clientId, packet } = record as { clientId: string; packet: BrokerPacket };
        await store.#memory.incomingStorePacket({ id: clientId }, packet);
        store.#incomingIds(clientId).add(packet.messageId ?? 0);
      }
    }
    for (const [clientId, subs] of subscriptions) await store.#memory.addSubscriptions({ id: clientId }, subs);
    return store;
  }

  /** The broker given to `setup` (aedes' persistence specification reads it). */
  get broker(): unknown {
    return this.#memory.broker;
  }

  async setup(broker: unknown): Promise<void> {
    await this.#memory.setup(broker);
  }

  async storeRetained(packet: BrokerPacket): Promise<void> {
    await this.#memory.storeRetained(packet);
    const key = RETAINED + packet.topic;
    await this.#writer.write([packet.payload.length === 0 ? { type: 'del', key } : { type: 'put', key, value: serialize(storable(packet)) }]);
  }

  createRetainedStream(pattern: string): Readable {
    return this.#memory.createRetainedStream(pattern);
  }

  createRetainedStreamCombi(patterns: string[]): Readable {
    return this.#memory.createRetainedStreamCombi(patterns);
  }

  async addSubscriptions(client: ClientRef, subs: StoredSubscription[]): Promise<void> {
    await this.#memory.addSubscriptions(client, subs);
    await this.#writer.write(
      subs.map((sub) => ({ type: 'put', key: subscriptionKey(client.id, sub.topic), value: serialize({ ...sub, clientId: client.id }) })),
    );
  }

  async removeSubscriptions(client: ClientRef, topics: string[]): Promise<void> {
    await this.#memory.removeSubscriptions(client, topics);
    await this.#writer.write(topics.map((topic) => ({ type: 'del', key: subscriptionKey(client.id, topic) })));
  }

  subscriptionsByClient(client: ClientRef): Promise<StoredSubscription[]> {
    return this.#memory.subscriptionsByClient(client);
  }

  countOffline(): Promise<{ subsCount: number; clientsCount: number }> {
    return this.#memory.countOffline();
  }

  subscriptionsByTopic(pattern: string): Promise<{ clientId: string; topic: string; qos: number }[]> {
    return this.#memory.subscriptionsByTopic(pattern);
  }

  async cleanSubscriptions(client: ClientRef): Promise<void> {
    const subs = await this.#memory.subscriptionsByClient(client);
    await this.#memory.cleanSubscriptions(client);
    await this.#writer.write(subs.map((sub) => ({ type: 'del', key: subscriptionKey(client.id, sub.topic) })));
  }

  outgoingEnqueue(sub: { clientId: string }, packet: BrokerPacket): Promise<void> {
    return this.outgoingEnqueueCombi([sub], packet);
  }

  /** Resolves once written: aedes routes a QoS 1 message only after this, so it is durable before delivery. */
  async outgoingEnqueueCombi(subs: { clientId: string }[], packet: BrokerPacket): Promise<void> {
    const operations: Operation[] = subs.map(({ clientId }) => {
      const entry = { seq: ++this.#seq, packet: queued(packet) };
      this.#queue(clientId).push(entry);
      return { type: 'put', key: outgoingKey(clientId, entry.seq), value: serialize({ clientId, ...entry }) };
    });
    await this.#writer.write(operations);
  }

  /**
   * Records the packet id a queued message was sent with (kept in memory only: ids belong to a
   * connection and are assigned again on the next one), or swaps a QoS 2 message for its PUBREL.
   */
  async outgoingUpdate(client: ClientRef, packet: BrokerPacket): Promise<void> {
    const queue = this.#queue(client.id);
    const same = queue.sameMessage(packet);
    if (same) return queue.assign(same, packet.messageId);
    const entry = queue.withMessageId(packet.messageId);
    if (entry && entry.packet.brokerId !== packet.brokerId) {
      queue.replace(entry, storable(packet));
      await this.#writer.write([{ type: 'put', key: outgoingKey(client.id, entry.seq), value: serialize({ clientId: client.id, ...entry }) }]);
      return;
    }
    // The same PUBREL again.
    if (entry && packet.brokerId === undefined) return queue.assign(entry, packet.messageId);
    throw new Error('no such packet');
  }

  async outgoingClearMessageId(client: ClientRef, packet: BrokerPacket): Promise<BrokerPacket | undefined> {
    const queue = this.#queue(client.id);
    const entry = queue.withMessageId(packet.messageId);
    if (!entry) return undefined;
    queue.remove(entry);
    await this.#writer.write([{ type: 'del', key: outgoingKey(client.id, entry.seq) }]);
    return entry.packet;
  }

  outgoingStream(client: ClientRef): Readable {
    return Readable.from(this.#queue(client.id).packets());
  }

  async incomingStorePacket(client: ClientRef, packet: BrokerPacket): Promise<void> {
    await this.#memory.incomingStorePacket(client, packet);
    this.#incomingIds(client.id).add(packet.messageId ?? 0);
    const value = serialize({ clientId: client.id, packet: storable(packet) });
    await this.#writer.write([{ type: 'put', key: incomingKey(client.id, packet.messageId), value }]);
  }

  incomingGetPacket(client: ClientRef, packet: BrokerPacket): Promise<BrokerPacket> {
    return this.#memory.incomingGetPacket(client, packet);
  }

  async incomingDelPacket(client: ClientRef, packet: BrokerPacket): Promise<void> {
    await this.#memory.incomingDelPacket(client, packet);
    this.#incoming.get(client.id)?.delete(packet.messageId ?? 0);
    await this.#writer.write([{ type: 'del', key: incomingKey(client.id, packet.messageId) }]);
  }

  async cleanIncoming(client: ClientRef): Promise<void> {
    await this.#memory.cleanIncoming(client);
    const ids = [...(this.#incoming.get(client.id) ?? [])];
    this.#incoming.delete(client.id);
    await this.#writer.write(ids.map((id) => ({ type: 'del', key: incomingKey(client.id, id) })));
  }

  putWill(client: ClientRef, packet: BrokerPacket): Promise<void> {
    return this.#memory.putWill(client, packet);
  }

  getWill(client: ClientRef): Promise<BrokerPacket | undefined> {
    return this.#memory.getWill(client);
  }

  delWill(client: ClientRef): Promise<BrokerPacket | undefined> {
    return this.#memory.delWill(client);
  }

  streamWill(brokers?: Record<string, number>): Readable {
    return this.#memory.streamWill(brokers);
  }

  getClientList(topic: string): Readable {
    return this.#memory.getClientList(topic);
  }

  /** Finishes the writes under way and closes the database. */
  async destroy(): Promise<void> {
    await this.#writer.idle();
    await this.#db.close();
    await this.#memory.destroy();
  }

  #queue(clientId: string): OutgoingQueue {
    const queue = this.#outgoing.get(clientId) ?? new OutgoingQueue();
    this.#outgoing.set(clientId, queue);
    return queue;
  }

  #incomingIds(clientId: string): Set<number> {
    const ids = this.#incoming.get(clientId) ?? new Set<number>();
    this.#incoming.set(clientId, ids);
    return ids;
  }
}
