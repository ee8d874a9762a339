/**
 * The few PostgreSQL wire-protocol messages the PGlite adapter exchanges with the embedded
 * server itself (instead of through `PGlite.query`, which makes six calls into WASM per query and
 * parses every reply into message objects): Parse / Describe / Bind / Execute / Close / Sync out,
 * and one pass over the server's reply bytes back. Text formats only.
 */

const CODE = { parse: 0x50, describe: 0x44, bind: 0x42, execute: 0x45, close: 0x43, sync: 0x53 } as const;

/** Builds one batch of frontend messages; `take()` returns it and starts the next one. */
export class FrontendWriter {
  #buf = Buffer.allocUnsafe(1024);
  #len = 0;

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + n));
    this.#buf.copy(bigger, 0, 0, this.#len);
    this.#buf = bigger;
  }

  #byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#len++] = b;
  }

  #int16(n: number): void {
    this.#reserve(2);
    this.#buf.writeInt16BE(n, this.#len);
    this.#len += 2;
  }

  #int32(n: number): void {
    this.#reserve(4);
    this.#buf.writeInt32BE(n, this.#len);
    this.#len += 4;
  }

  #cstring(s: string): void {
    this.#reserve(s.length * 3 + 1);
    this.#len += this.#buf.write(s, this.#len, 'utf8');
    this.#buf[this.#len++] = 0;
  }

  /** Writes a message: its code, a length placeholder, `body`, then the length. */
  #message(code: number, body: () => void): this {
    this.#byte(code);
    const at = this.#len;
    this.#int32(0);
    body();
    this.#buf.writeInt32BE(this.#len - at, at);
    return this;
  }

  /** Parse of a named statement, parameter types left to the server. */
  parse(name: string, text: string): this {
    return this.#message(CODE.parse, () => {
      this.#cstring(name);
      this.#cstring(text);
      this.#int16(0);
    });
  }

  /** Describe of a prepared statement: its parameter types and its result columns. */
  describeStatement(name: string): this {
    return this.#message(CODE.describe, () => {
      this.#byte(0x53); // 'S'
      this.#cstring(name);
    });
  }

  /** Bind of `statement` to the unnamed portal: parameters in text (null as SQL NULL), results in text. */
  bind(statement: string, values: readonly (string | null)[]): this {
    return this.#message(CODE.bind, () => {
      this.#cstring('');
      this.#cstring(statement);
      this.#int16(0);
      this.#int16(values.length);
      for (const v of values) {
        if (v === null) {
          this.#int32(-1);
          continue;
        }
        this.#reserve(4 + v.length * 3);
        const at = this.#len;
        this.#len += 4;
        const n = this.#buf.write(v, this.#len, 'utf8');
        this.#buf.writeInt32BE(n, at);
        this.#len += n;
      }
      this.#int16(0);
    });
  }

  /** Execute of the unnamed portal, every row. */
  execute(): this {
    return this.#message(CODE.execute, () => {
      this.#cstring('');
      this.#int32(0);
    });
  }

  closeStatement(name: string): this {
    return this.#message(CODE.close, () => {
      this.#byte(0x53); // 'S'
      this.#cstring(name);
    });
  }

  sync(): this {
    return this.#message(CODE.sync, () => {});
  }

  /** The batch written so far (valid until the next write). */
  take(): Uint8Array {
    const out = this.#buf.subarray(0, this.#len);
    this.#len = 0;
    return out;
  }
}

/** A result column as RowDescription names it. */
export interface Column {
  name: string;
  typeOid: number;
}

/** The fields of an ErrorResponse, by their one-letter codes ('C' SQLSTATE, 'M' message...). */
export type ErrorFields = Record<string, string>;

/** What one batch of backend messages said. */
export interface BackendReply {
  /** ParameterDescription: the type of each $n. */
  paramTypes?: number[];
  /** RowDescription's columns, or [] for NoData. */
  columns?: Column[];
  /** Each DataRow's fields as text (null for SQL NULL), in column order. */
  rows: (string | null)[][];
  /** The last CommandComplete's tag ("SELECT 1", "INSERT 0 2"...). */
  commandTag?: string;
  /** The first ErrorResponse: the server skipped the batch's messages up to Sync after it. */
  error?: ErrorFields;
  /** ReadyForQuery's transaction status: idle, in a transaction, in a failed transaction. */
  status?: 'I' | 'T' | 'E';
}

/** Reads a batch of backend messages (notices, parameter statuses and the like are skipped). */
export function readBackend(bytes: Uint8Array): BackendReply {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reply: BackendReply = { rows: [] };
  const cstring = (from: number): [string, number] => {
    const end = buf.indexOf(0, from);
    if (end < 0) throw new Error('malformed backend message: unterminated string');
    return [buf.toString('utf8', from, end), end + 1];
  };
  let at = 0;
  while (at < buf.length) {
    if (at + 5 > buf.length) throw new Error('malformed backend message: truncated header');
    const code = buf[at]!;
    const end = at + 1 + buf.readInt32BE(at + 1);
    if (end > buf.length || end < at + 5) throw new Error('malformed backend message: bad length');
    let p = at + 5;
    switch (code) {
      case 0x44: {
        // 'D' DataRow
        const n = buf.readInt16BE(p);
        p += 2;
        const row: (string | null)[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const len = buf.readInt32BE(p);
          p += 4;
          if (len < 0) row[i] = null;
          else {
            row[i] = buf.toString('utf8', p, p + len);
            p += len;
          }
        }
        reply.rows.push(row);
        break;
      }
      case 0x54: {
        // 'T' RowDescription
        const n = buf.readInt16BE(p);
        p += 2;
        const columns: Column[] = [];
        for (let i = 0; i < n; i++) {
          const [name, next] = cstring(p);
          columns.push({ name, typeOid: buf.readInt32BE(next + 6) });
          p = next + 18;
        }
        reply.columns = columns;
        break;
      }
      case 0x6e: // 'n' NoData
        reply.columns = [];
        break;
      case 0x74: {
        // 't' ParameterDescription
        const n = buf.readInt16BE(p);
        const types: number[] = [];
        for (let i = 0; i < n; i++) types.push(buf.readInt32BE(p + 2 + i * 4));
        reply.paramTypes = types;
        break;
      }
      case 0x43: // 'C' CommandComplete
        reply.commandTag = cstring(p)[0];
        break;
      case 0x45: {
        // 'E' ErrorResponse
        if (reply.error) break;
        const fields: ErrorFields = {};
        while (p < end && buf[p] !== 0) {
          const [value, next] = cstring(p + 1);
          fields[String.fromCharCode(buf[p]!)] = value;
          p = next;
        }
        reply.error = fields;
        break;
      }
      case 0x5a: // 'Z' ReadyForQuery
        reply.status = String.fromCharCode(buf[p]!) as 'I' | 'T' | 'E';
        break;
    }
    at = end;
  }
  return reply;
}

/** ErrorResponse field codes and the names PostgreSQL drivers give them. */
export const ERROR_FIELD_NAMES: Readonly<Record<string, string>> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
};

/** Rows affected by a write, from its command tag ("UPDATE 3", "INSERT 0 5"); 0 for other commands. */
export function affectedRows(tag: string | undefined): number {
  if (!tag) return 0;
  const space = tag.indexOf(' ');
  const command = space < 0 ? tag : tag.slice(0, space);
  if (command !== 'INSERT' && command !== 'UPDATE' && command !== 'DELETE' && command !== 'COPY' && command !== 'MERGE') return 0;
  const n = Number.parseInt(tag.slice(tag.lastIndexOf(' ') + 1), 10);
  return Number.isNaN(n) ? 0 : n;
}
