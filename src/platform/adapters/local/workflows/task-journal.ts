import type { SqlDatabase } from '../../../ports/sql.ts';
import type { JsonValue } from '../../../ports/workflows.ts';

/** How a task state ended. */
export type StepOutcome = { status: 'SUCCEEDED'; output: JsonValue } | { status: 'FAILED'; error: string; cause: string };

/** One Task/Wait state run of an execution, as journaled. */
export interface JournalStep {
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  taskToken: string | null;
  wakeAt: Date | null;
  dispatchedAt: Date | null;
  /** When the step was opened (a callback's TimeoutSeconds counts from it). */
  createdAt: Date;
  /** A callback's last heartbeat (HeartbeatSeconds counts from it, or from the dispatch). */
  heartbeatAt: Date | null;
  output: JsonValue | null;
  error: string | null;
  cause: string | null;
}

interface StepRow {
  status: JournalStep['status'];
  task_token: string | null;
  wake_at: Date | null;
  dispatched_at: Date | null;
  created_at: Date;
  heartbeat_at: Date | null;
  output: JsonValue | null;
  error: string | null;
  cause: string | null;
}

const toStep = (r: StepRow): JournalStep => ({
  status: r.status,
  taskToken: r.task_token,
  wakeAt: r.wake_at,
  dispatchedAt: r.dispatched_at,
  createdAt: new Date(r.created_at),
  heartbeatAt: r.heartbeat_at === null ? null : new Date(r.heartbeat_at),
  output: r.output ?? null,
  error: r.error,
  cause: r.cause,
});

/** Fences journal writes: only the process holding the execution ($1) may write its steps. */
const heldBy = (owner: string) => `EXISTS (SELECT 1 FROM workflow_executions WHERE id = $1 AND status = 'RUNNING' AND owner = ${owner})`;
const HELD_BY_7 = heldBy('$7');
const HELD_BY_9 = heldBy('$9');

/** The id of a step in {@link TaskJournal.findMany}'s answer. */
export const stepId = (executionId: string, stepKey: string) => `${executionId}\u0000${stepKey}`;

/** Result of answering a task token. */
export type TokenAnswer = 'completed' | 'unknown' | 'closed';

/** SQL access to `workflow_task_steps`: finished results, pending callbacks and waits. */
export class TaskJournal {
  constructor(private readonly db: SqlDatabase) {}

  async find(executionId: string, stepKey: string): Promise<JournalStep | null> {
    const { rows } = await this.db.query<StepRow>('SELECT * FROM workflow_task_steps WHERE execution_id = $1 AND step_key = $2', [executionId, stepKey]);
    return rows[0] ? toStep(rows[0]) : null;
  }

  async findByToken(taskToken: string): Promise<{ executionId: string; stepKey: string; step: JournalStep } | null> {
    const { rows } = await this.db.query<StepRow & { execution_id: string; step_key: string }>('SELECT * FROM workflow_task_steps WHERE task_token = $1', [
      taskToken,
    ]);
    const row = rows[0];
    return row ? { executionId: row.execution_id, stepKey: row.step_key, step: toStep(row) } : null;
  }

  /**
   * Opens a PENDING step (callback or wait) unless one exists, and returns the step as stored:
   * null when `owner` no longer holds the execution (and the step was not there already).
   */
  async open(
    executionId: string,
    stepKey: string,
    stateName: string,
    fields: { taskToken?: string; wakeAt?: Date },
    now: Date,
    owner: string,
  ): Promise<JournalStep | null> {
    const { rows } = await this.db.query<StepRow>(
      `INSERT INTO workflow_task_steps (execution_id, step_key, state_name, status, task_token, wake_at, created_at)
       SELECT $1, $2, $3, 'PENDING', $4, $5::timestamptz, $6::timestamptz WHERE ${HELD_BY_7}
       ON CONFLICT (execution_id, step_key) DO NOTHING
       RETURNING *`,
      [executionId, stepKey, stateName, fields.taskToken ?? null, fields.wakeAt ?? null, now, owner],
    );
    // Nothing inserted: the step was there already, or the execution is no longer held here.
    return rows[0] ? toStep(rows[0]) : this.find(executionId, stepKey);
  }

  /** The steps of `keys` that exist, by `executionId` NUL `stepKey`, in one statement (callbacks polled together). */
  async findMany(keys: readonly { executionId: string; stepKey: string }[]): Promise<Map<string, JournalStep>> {
    const { rows } = await this.db.query<StepRow & { execution_id: string; step_key: string }>(
      `SELECT s.* FROM workflow_task_steps s
       JOIN unnest($1::text[], $2::text[]) AS k (execution_id, step_key) ON s.execution_id = k.execution_id AND s.step_key = k.step_key`,
      [keys.map((k) => k.executionId), keys.map((k) => k.stepKey)],
    );
    return new Map(rows.map((r) => [stepId(r.execution_id, r.step_key), toStep(r)]));
  }

  async markDispatched(executionId: string, stepKey: string, now: Date): Promise<void> {
    await this.db.query('UPDATE workflow_task_steps SET dispatched_at = $3 WHERE execution_id = $1 AND step_key = $2', [executionId, stepKey, now]);
  }

  /**
   * Records how a step ended, while `owner` holds the execution, and returns the step as stored.
   * The key is unique per execution and step, so a step is journaled once: a step already
   * finished keeps its first outcome, which every process then uses. Null when `owner` no longer
   * holds the execution and nobody recorded the step.
   */
  async record(executionId: string, stepKey: string, stateName: string, outcome: StepOutcome, now: Date, owner: string): Promise<JournalStep | null> {
    const ok = outcome.status === 'SUCCEEDED';
    const { rows } = await this.db.query<StepRow>(
      `INSERT INTO workflow_task_steps (execution_id, step_key, state_name, status, output, error, cause, created_at, completed_at)
       SELECT $1, $2, $3, $4, $5::jsonb, $6, $7, $8::timestamptz, $8::timestamptz WHERE ${HELD_BY_9}
       ON CONFLICT (execution_id, step_key) DO UPDATE
         SET status = EXCLUDED.status, output = EXCLUDED.output, error = EXCLUDED.error, cause = EXCLUDED.cause,
             completed_at = EXCLUDED.completed_at
         WHERE workflow_task_steps.status = 'PENDING'
       RETURNING *`,
      [
        executionId,
        stepKey,
        stateName,
        outcome.status,
        ok ? JSON.stringify(outcome.output) : null,
        ok ? null : outcome.error,
        ok ? null : outcome.cause,
        now,
        owner,
      ],
    );
    // Nothing written: the step had already ended (its first outcome stands), or the execution is no longer held here.
    const step = rows[0] ? toStep(rows[0]) : await this.find(executionId, stepKey);
    return step && step.status !== 'PENDING' ? step : null;
  }

  /** Answers a pending callback, only while its execution is RUNNING. */
  async answerToken(taskToken: string, outcome: StepOutcome, now: Date): Promise<TokenAnswer> {
    const ok = outcome.status === 'SUCCEEDED';
    const res = await this.db.query(
      `UPDATE workflow_task_steps s SET status = $2, output = $3::jsonb, error = $4, cause = $5, completed_at = $6
       FROM workflow_executions e
       WHERE s.task_token = $1 AND s.status = 'PENDING' AND e.id = s.execution_id AND e.status = 'RUNNING'`,
      [taskToken, outcome.status, ok ? JSON.stringify(outcome.output) : null, ok ? null : outcome.error, ok ? null : outcome.cause, now],
    );
    if (res.rowCount === 1) return 'completed';
    const known = await this.db.query('SELECT 1 FROM workflow_task_steps WHERE task_token = $1', [taskToken]);
    return known.rowCount === 1 ? 'closed' : 'unknown';
  }

  /** Records a heartbeat of a pending callback, only while its execution is RUNNING. */
  async heartbeatToken(taskToken: string, now: Date): Promise<TokenAnswer> {
    const res = await this.db.query(
      `UPDATE workflow_task_steps s SET heartbeat_at = GREATEST(s.heartbeat_at, $2::timestamptz)
       FROM workflow_executions e
       WHERE s.task_token = $1 AND s.status = 'PENDING' AND e.id = s.execution_id AND e.status = 'RUNNING'`,
      [taskToken, now],
    );
    if (res.rowCount === 1) return 'completed';
    const known = await this.db.query('SELECT 1 FROM workflow_task_steps WHERE task_token = $1', [taskToken]);
    return known.rowCount === 1 ? 'closed' : 'unknown';
  }
}
