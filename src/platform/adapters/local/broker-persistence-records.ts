// How the durable broker persistence lays its records out in LevelDB: keys by kind, then packets.

/** A packet as aedes hands it to its persistence (an `aedes-packet`, a PUBREL, or a will). */
export interface BrokerPacket {
  cmd: string;
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  retain: boolean;
  dup: boolean;
  messageId?: number | undefined;
  brokerId?: string;
  brokerCounter?: number;
  [field: string]: unknown;
}

/** A client as the persistence sees it: only its id matters. */
export interface ClientRef {
  id: string;
}

/** A subscription of a persistent session, as SUBSCRIBE gave it. */
export interface StoredSubscription {
  topic: string;
  qos: 0 | 1 | 2;
  [option: string]: unknown;
}

// Topics and client ids never hold NUL (MQTT forbids U+0000 in strings), so it separates key parts.
const SEP = '\u0000';
/** Key prefixes, one per kind of record. */
export const RETAINED = `r${SEP}`;
export const SUBSCRIPTION = `s${SEP}`;
export const OUTGOING = `o${SEP}`;
export const INCOMING = `i${SEP}`;
/** The fields of a packet worth keeping; anything else (write callbacks, lengths) is connection state. */
const PACKET_FIELDS = [
  'cmd',
  'brokerId',
  'brokerCounter',
  'topic',
  'payload',
  'qos',
  'retain',
  'dup',
  'messageId',
  'clientId',
  'nl',
  'properties',
  'messageExpiry',
];

/** A message as queued for a subscriber: the shape of an `aedes-packet` with no packet id yet. */
export function queued(packet: BrokerPacket): BrokerPacket {
  const defaults = { cmd: 'publish', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false };
  return { ...defaults, ...storable(packet), messageId: undefined };
}

/** The fields of `packet` worth keeping (see PACKET_FIELDS). */
export function storable(packet: BrokerPacket): BrokerPacket {
  const copy: Record<string, unknown> = {};
  for (const field of PACKET_FIELDS) if (Object.hasOwn(packet, field) && packet[field] !== undefined) copy[field] = packet[field];
  return copy as BrokerPacket;
}

/** Key of a session's subscription to `topic`. */
export function subscriptionKey(clientId: string, topic: string): string {
  return `${SUBSCRIPTION}${clientId}${SEP}${topic}`;
}

/** Key of a queued message; hex sequence numbers sort in queue order. */
export function outgoingKey(clientId: string, seq: number): string {
  return `${OUTGOING}${clientId}${SEP}${seq.toString(16).padStart(13, '0')}`;
}

/** Key of a QoS 2 message awaiting PUBREL. */
export function incomingKey(clientId: string, messageId: number | undefined): string {
  return `${INCOMING}${clientId}${SEP}${messageId ?? 0}`;
}
