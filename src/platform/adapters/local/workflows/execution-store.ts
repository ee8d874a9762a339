import type { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { AppError } from '../../../errors.ts';
import { newestFirstPage } from '../../../pagination/newest-first.ts';
import { selectNewestFirst } from '../../../pagination/newest-first-sql.ts';
import type { SqlDatabase } from '../../../ports/sql.ts';
import type { ExecutionDescription, ExecutionStatus, JsonValue, ListExecutionsOptions, Page } from '../../../ports/workflows.ts';

interface ExecutionRow {
  id: string;
  workflow: string;
  status: ExecutionStatus;
  input: JsonValue;
  output: JsonValue | null;
  error: string | null;
  cause: string | null;
  started_at: Date;
  stopped_at: Date | null;
}

const toDescription = (r: ExecutionRow): ExecutionDescription => ({
  executionId: r.id,
  workflow: r.workflow,
  status: r.status,
  input: r.input,
  output: r.output ?? null,
  error: r.error,
  cause: r.cause,
  startedAt: r.started_at,
  stoppedAt: r.stopped_at,
});

/** How an execution ended. */
export type ExecutionOutcome = { status: 'SUCCEEDED'; output: JsonValue } | { status: 'FAILED' | 'ABORTED'; error: string | null; cause: string | null };

/** The error classes of aws-local-stepfunctions (loaded with the first run: see the engine). */
export interface ExecutionErrorClasses {
  ExecutionAbortedError: typeof ExecutionAbortedError;
  ExecutionError: typeof ExecutionError;
  ExecutionTimeoutError: typeof ExecutionTimeoutError;
}

/** How a run that threw ended; null when it was aborted (stopped, closing, or taken over: nothing to record). */
export function executionFailure(err: unknown, { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError }: ExecutionErrorClasses): ExecutionOutcome | null {
  if (err instanceof ExecutionAbortedError) return null;
  if (err instanceof ExecutionTimeoutError) return { status: 'FAILED', error: 'States.Timeout', cause: 'the execution timed out' };
  const cause = err instanceof ExecutionError ? err.cause : err;
  if (cause instanceof AppError) return { status: 'FAILED', error: cause.code, cause: cause.message };
  if (cause instanceof Error) return { status: 'FAILED', error: cause.name, cause: cause.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: String(cause) };
}

/** SQL access to `workflow_executions`. */
export class ExecutionStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Inserts a RUNNING execution, held by `lease.owner` when given; false when the id is taken. */
  async insert(id: string, workflow: string, input: JsonValue, startedAt: Date, lease?: { owner: string; until: Date }): Promise<boolean> {
    const res = await this.db.query(
      `INSERT INTO workflow_executions (id, workflow, status, input, started_at, owner, lease_until) VALUES ($1, $2, 'RUNNING', $3::jsonb, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [id, workflow, JSON.stringify(input), startedAt, lease?.owner ?? null, lease?.until ?? null],
    );
    return res.rowCount === 1;
  }

  async get(id: string): Promise<ExecutionDescription | null> {
    const { rows } = await this.db.query<ExecutionRow>('SELECT * FROM workflow_executions WHERE id = $1', [id]);
    return rows[0] ? toDescription(rows[0]) : null;
  }

  /**
   * Records the end of a RUNNING execution; false when it had already ended. With `owner`, only
   * while that process holds it (a process that lost its lease must not end the execution).
   */
  async finish(id: string, outcome: ExecutionOutcome, stoppedAt: Date, owner?: string): Promise<boolean> {
    const ok = outcome.status === 'SUCCEEDED';
    const res = await this.db.query(
      `UPDATE workflow_executions SET status = $2, output = $3::jsonb, error = $4, cause = $5, stopped_at = $6, owner = NULL, lease_until = NULL
       WHERE id = $1 AND status = 'RUNNING' AND ($7::text IS NULL OR owner = $7)`,
      [id, outcome.status, ok ? JSON.stringify(outcome.output) : null, ok ? null : outcome.error, ok ? null : outcome.cause, stoppedAt, owner ?? null],
    );
    return res.rowCount === 1;
  }

  /** Newest first, keyset-paginated on (started_at, id). */
  async list(options: ListExecutionsOptions = {}): Promise<Page<ExecutionDescription>> {
    return newestFirstPage(
      options,
      { defaultLimit: 20, maxLimit: 100 },
      async (after, n) => {
        const source = { table: 'workflow_executions', timeColumn: 'started_at', filters: { workflow: options.workflow, status: options.status } };
        return (await selectNewestFirst<ExecutionRow>(this.db, source, after, n)).map(toDescription);
      },
      (item) => ({ at: item.startedAt, id: item.executionId }),
    );
  }
}
