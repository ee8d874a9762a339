type WriteCallback = (error?: Error | null) => void;

/** What `PubackGate` needs of a socket: aedes (mqtt-packet) writes every packet through `write`. */
export interface WritableConnection {
  write(chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean;
}

const PUBACK = 4;

/**
 * Holds back the PUBACKs the broker sends a publisher until their messages are routed.
 *
 * aedes answers a QoS 1 PUBLISH with its PUBACK first and only then stores the message for the
 * persistent sessions subscribed to it (lib/handlers/publish.js), so a process killed in between
 * has told a device a message was safe that no session will ever receive. The gate follows the
 * MQTT packets written to one connection, keeps each PUBACK (in order: MQTT-4.6.0-2) until
 * `routed` was called for its packet id (aedes' `published` hook, called once the message is
 * stored for those sessions and delivered to the online ones), and lets every other packet
 * through at once.
 */
export class PubackGate {
  readonly #write: (chunk: Uint8Array) => boolean;
  /** PUBACKs written by aedes, oldest first, not yet sent. */
  readonly #held: { messageId: number; bytes: Buffer }[] = [];
  /** Packet ids routed, and how many times (a resent duplicate is routed again), whose PUBACK is not yet sent. */
  readonly #routed = new Map<number, number>();
  // The packet being read: its fixed header (type, then remaining length in 1 to 4 bytes), then its body.
  #state: 'type' | 'length' | 'body' = 'type';
  #length = 0;
  #shift = 0;
  #left = 0;
  /** The bytes of the PUBACK being read (a PUBACK is held whole; other packets pass through). */
  #collecting: Buffer[] | undefined;
  #headerBytes = 0;

  constructor(connection: WritableConnection) {
    const write = connection.write.bind(connection);
    this.#write = (chunk) => write(chunk);
    connection.write = (chunk, encoding, callback) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const ok = this.#intercept(bytes);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (done) write(Buffer.alloc(0), done);
      return ok;
    };
  }

  /** PUBACKs waiting for their message to be routed. */
  get held(): number {
    return this.#held.length;
  }

  /** The message the client published with `messageId` is routed: its PUBACK may go. */
  routed(messageId: number): void {
    this.#routed.set(messageId, (this.#routed.get(messageId) ?? 0) + 1);
    this.#release();
  }

  #intercept(chunk: Buffer): boolean {
    let ok = true;
    let passFrom = 0; // the bytes of this chunk from here on pass through, unless a PUBACK starts
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'body') {
        const taken = Math.min(this.#left, chunk.length - i);
        this.#collecting?.push(chunk.subarray(i, i + taken));
        this.#left -= taken;
        i += taken;
      } else if (this.#state === 'type') {
        if (chunk[i]! >> 4 === PUBACK) {
          if (i > passFrom) ok = this.#write(chunk.subarray(passFrom, i)) && ok;
          this.#collecting = [];
        }
        this.#collecting?.push(chunk.subarray(i, i + 1));
        this.#state = 'length';
        this.#length = 0;
        this.#shift = 0;
        this.#headerBytes = 1;
        i++;
      } else {
        const byte = chunk[i]!;
        this.#collecting?.push(chunk.subarray(i, i + 1));
        this.#length += (byte & 0x7f) * 2 ** this.#shift;
        this.#shift += 7;
        this.#headerBytes++;
        i++;
        if (byte & 0x80 && this.#shift < 28) continue;
        this.#left = this.#length;
        this.#state = 'body';
      }
      if (this.#state === 'body' && this.#left === 0) {
        this.#state = 'type';
        if (this.#collecting) {
          this.#hold(Buffer.concat(this.#collecting));
          this.#collecting = undefined;
          passFrom = i;
        }
      }
    }
    if (!this.#collecting && chunk.length > passFrom) ok = this.#write(chunk.subarray(passFrom)) && ok;
    return ok;
  }

  #hold(bytes: Buffer): void {
    this.#held.push({ messageId: bytes.readUInt16BE(this.#headerBytes), bytes });
    this.#release();
  }

  #release(): void {
    while (this.#held.length > 0) {
      const next = this.#held[0]!;
      const count = this.#routed.get(next.messageId) ?? 0;
      if (count === 0) return;
      if (count === 1) this.#routed.delete(next.messageId);
      else this.#routed.set(next.messageId, count - 1);
      this.#held.shift();
      this.#write(next.bytes);
    }
  }
}
