/**
 * Messages between the PGlite worker thread and the adapter on the main thread, sent as arrays:
 * a message costs a wake-up of the other thread (tens of microseconds on a busy machine), which
 * one per query made the largest cost of a read served from PGlite.
 */

export type WorkerRequest =
  | { id: number; op: 'open'; dataDir: string | undefined; migrations: { id: string; sql: string }[] | undefined }
  | { id: number; op: 'query'; tx: number | undefined; text: string; params: readonly unknown[] }
  | { id: number; op: 'exec'; tx: number | undefined; script: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows?: object[]; rowCount?: number; tx?: number }
  | { id: number; ok: false; error: { name: string; message: string; fields: Record<string, unknown> } };

/** The error fields PostgreSQL errors carry that callers read (SQLSTATE, constraint...). */
export const ERROR_FIELDS = ['code', 'severity', 'routine', 'constraint', 'table', 'column', 'detail', 'schema', 'dataType'] as const;

