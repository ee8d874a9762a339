import { type PGlite, protocol } from '@electric-sql/pglite';
import { affectedRows, type BackendReply, type Column, ERROR_FIELD_NAMES, type ErrorFields, FrontendWriter, readBackend } from './pglite-wire.ts';

/** A query's result as text: its columns, each row's fields in column order, and its row count. */
export interface TextResult {
  columns: Column[];
  rows: (string | null)[][];
  rowCount: number;
}

interface Statement {
  name: string;
  paramTypes: number[];
  columns: Column[];
}

// Past this many distinct texts the least recently used statement is closed (SQL built with
// values in it would otherwise grow the server's memory without end).
const MAX_STATEMENTS = 256;

/**
 * Runs parameterised queries on PGlite as named prepared statements: a text is parsed and
 * described once (two calls into the server), then each run is one batch of Bind, Execute and
 * Sync (one call), where `PGlite.query` makes six (Parse, Describe, Bind, Describe, Execute,
 * Sync) and plans the statement anew each time. Parameters are serialised by the types the server
 * described, with PGlite's own serialisers, so values mean what they meant through `query`.
 * The caller holds PGlite's query lock.
 */
export class PgliteStatements {
  readonly #pg: PGlite;
  readonly #writer = new FrontendWriter();
  /** By text, least recently used first. */
  readonly #statements = new Map<string, Statement>();
  #closing: string[] = [];
  readonly #reply = new ReplyBuffer();
  /** Copies what the server writes (a view of WASM memory, valid during the call only). */
  readonly #collect = (bytes: Uint8Array) => this.#reply.append(bytes);
  #nextName = 1;

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async run(text: string, params: readonly unknown[]): Promise<TextResult> {
    let statement = this.#statements.get(text);
    if (statement) {
      this.#statements.delete(text);
      this.#statements.set(text, statement);
    } else {
      statement = await this.#prepare(text);
    }
    const reply = await this.#execute(statement, params);
    if (reply.error) {
      // A table changed under a prepared statement can change what SELECT * returns: the server
      // refuses to run the old plan. Prepare it again; outside a transaction, run it again.
      if (reply.error.C === '0A000' && /cached plan must not change result type/.test(reply.error.M ?? '')) {
        this.#forget(text);
        if (reply.status === 'I') return this.run(text, params);
      }
      throw toDatabaseError(reply.error);
    }
    const rowCount = statement.columns.length > 0 ? reply.rows.length : affectedRows(reply.commandTag);
    return { columns: statement.columns, rows: reply.rows, rowCount };
  }

  async #prepare(text: string): Promise<Statement> {
    const name = `novaevo_${this.#nextName++}`;
    const reply = await this.#call(this.#writer.parse(name, text).describeStatement(name).sync());
    if (reply.error) throw toDatabaseError(reply.error);
    const statement = { name, paramTypes: reply.paramTypes ?? [], columns: reply.columns ?? [] };
    this.#statements.set(text, statement);
    if (this.#statements.size > MAX_STATEMENTS) this.#forget(this.#statements.keys().next().value!);
    return statement;
  }

  #execute(statement: Statement, params: readonly unknown[]): Promise<BackendReply> {
    const { serializers } = this.#pg;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = serializers[statement.paramTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    return this.#call(this.#writer.bind(statement.name, values).execute().sync());
  }

  /** Closes the statement for `text` with the next batch sent. */
  #forget(text: string): void {
    const statement = this.#statements.get(text);
    if (!statement) return;
    this.#statements.delete(text);
    this.#closing.push(statement.name);
  }

  async #call(writer: FrontendWriter): Promise<BackendReply> {
    let batch = writer.take();
    if (this.#closing.length > 0) {
      // Close messages go first in the same batch; they cannot fail.
      const closes = new FrontendWriter();
      for (const name of this.#closing) closes.closeStatement(name);
      this.#closing = [];
      batch = Buffer.concat([closes.take(), batch]);
    }
    // Through the streaming call: the plain raw one also parses every reply into PGlite's message
    // objects (a copy per field) and keeps them in a list that only its own queries empty.
    this.#reply.reset();
    await this.#pg.execProtocolRawStream(batch, { syncToFs: false, onRawData: this.#collect });
    return readBackend(this.#reply.bytes());
  }
}

// A larger reply's buffer is not kept for the next one.
const MAX_KEPT_REPLY_BYTES = 1024 * 1024;

/** The bytes of one reply, in a buffer kept from call to call. */
class ReplyBuffer {
  #buf = new Uint8Array(16 * 1024);
  #len = 0;

  reset(): void {
    this.#len = 0;
    if (this.#buf.length > MAX_KEPT_REPLY_BYTES) this.#buf = new Uint8Array(16 * 1024);
  }

  append(bytes: Uint8Array): void {
    if (this.#len + bytes.length > this.#buf.length) {
      const bigger = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + bytes.length));
      bigger.set(this.#buf.subarray(0, this.#len));
      this.#buf = bigger;
    }
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
  }

  /** The reply so far (valid until the next call). */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }
}

/** The server's error as PGlite reports it (a DatabaseError with the fields drivers name). */
function toDatabaseError(fields: ErrorFields): Error {
  const err = new protocol.messages.DatabaseError(fields.M ?? 'unknown database error', 0, 'error') as unknown as Record<string, unknown>;
  for (const [code, value] of Object.entries(fields)) {
    const name = ERROR_FIELD_NAMES[code];
    if (name) err[name] = value;
  }
  return err as unknown as Error;
}
