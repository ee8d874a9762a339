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
export type ExecutionOutcome =
  | { status: 'SUCCEEDED'; output: JsonValue }
  | { status: 'FAILED' | 'ABORTED'; error: string | null; cause: string | null };

/** SQL access to `workflow_executions`. */
export class ExecutionStore {
  constructor(private readonly db: SqlDatabase) {}

  /** Inserts a RUNNING execution; false when the id is taken. */
  async insert(id: string, workflow: string, input: JsonValue, startedAt: Date): Promise<boolean> {
    const res = await this.db.query(
      `INSERT INTO workflow_executions (id, workflow, status, input, started_at) VALUES ($1, $2, 'RUNNING', $3::jsonb, $4)
       ON CONFLICT (id) DO NOTHING`,
      [id, workflow, JSON.stringify(input), startedAt],
    );
    return res.rowCount === 1;
  }

  async get(id: string): Promise<ExecutionDescription | null> {
    const { rows } = await this.db.query<ExecutionRow>('SELECT * FROM workflow_executions WHERE id = $1', [id]);
    return rows[0] ? toDescription(rows[0]) : null;
  }

  /** Records the end of a RUNNING execution; false when it had already ended. */
  async finish(id: string, outcome: ExecutionOutcome, stoppedAt: Date): Promise<boolean> {
    const ok = outcome.status === 'SUCCEEDED';
    const res = await this.db.query(
      `UPDATE workflow_executions SET status = $2, output = $3::jsonb, error = $4, cause = $5, stopped_at = $6
       WHERE id = $1 AND status = 'RUNNING'`,
      [id, outcome.status, ok ? JSON.stringify(outcome.output) : null, ok ? null : outcome.error, ok ? null : outcome.cause, stoppedAt],
    );
    return res.rowCount === 1;
  }

  /** Executions a previous process left RUNNING. */
  async running(): Promise<ExecutionDescription[]> {
    const { rows } = await this.db.query<ExecutionRow>(
      "SELECT * FROM workflow_executions WHERE status = 'RUNNING' ORDER BY started_at, id",
    );
    return rows.map(toDescription);
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
