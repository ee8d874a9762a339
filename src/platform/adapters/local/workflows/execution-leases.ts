import type { SqlDatabase } from '../../../ports/sql.ts';
import type { JsonValue } from '../../../ports/workflows.ts';

/** Thrown into a run whose execution this process no longer holds (taken over, or ended elsewhere). */
export class LeaseLostError extends Error {
  constructor(executionId: string) {
    super(`execution ${executionId} is no longer held by this process`);
    this.name = 'LeaseLostError';
  }
}

/** This process's lease on the execution being run (see {@link ExecutionLeases.forRun}). */
export interface RunLease {
  /** This process's id, which fences every journal write. */
  owner: string;
  /** Extends the lease before a step starts; aborts the run and throws when it was lost. */
  renew(): Promise<void>;
  /** Aborts the run and throws: a fenced write found that another process holds the execution, or that it ended. */
  lost(): never;
}

/** An execution this process has just claimed, with what it needs to replay it. */
export interface ClaimedExecution {
  executionId: string;
  workflow: string;
  input: JsonValue;
}

/**
 * SQL side of the leases on `workflow_executions`: which process runs an execution, and until
 * when. A process holds an execution while `owner` is its id, the execution is RUNNING and (for
 * others) `lease_until` has not passed; it renews the lease by heartbeat and before each step.
 */
export class ExecutionLeases {
  constructor(
    private readonly db: SqlDatabase,
    /** This process's id in `owner`. */
    private readonly owner: string,
  ) {}

  /**
   * Claims up to `limit` RUNNING executions of `workflows` that no live process holds: never
   * claimed, released at shutdown, left by a process whose lease has passed, or held by this
   * owner id without running here (this process restarted). `running` lists those live here.
   * SKIP LOCKED: processes claiming at the same moment each get different executions.
   */
  async claim(claim: { now: Date; until: Date; workflows: string[]; running: string[]; limit: number }): Promise<ClaimedExecution[]> {
    if (claim.workflows.length === 0) return [];
    const { rows } = await this.db.query<{ id: string; workflow: string; input: JsonValue }>(
      `WITH claimable AS (
         SELECT id FROM workflow_executions
         WHERE status = 'RUNNING' AND workflow = ANY($4::text[]) AND NOT (id = ANY($5::text[]))
           AND (owner IS NULL OR owner = $1 OR lease_until <= $2)
         ORDER BY started_at, id
         LIMIT $6
         FOR UPDATE SKIP LOCKED
       )
       UPDATE workflow_executions e SET owner = $1, lease_until = $3
       FROM claimable c WHERE e.id = c.id
       RETURNING e.id, e.workflow, e.input`,
      [this.owner, claim.now, claim.until, claim.workflows, claim.running, claim.limit],
    );
    return rows.map((r) => ({ executionId: r.id, workflow: r.workflow, input: r.input }));
  }

  /** Extends the leases of `ids` still held here; returns those (the others were taken over or have ended). */
  async renew(ids: string[], until: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query<{ id: string }>(
      `UPDATE workflow_executions SET lease_until = $3
       WHERE id = ANY($2::text[]) AND owner = $1 AND status = 'RUNNING'
       RETURNING id`,
      [this.owner, ids, until],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Gives up every execution held here, so that another process takes them over without waiting for the leases to pass. */
  async releaseAll(): Promise<void> {
    await this.db.query("UPDATE workflow_executions SET owner = NULL, lease_until = NULL WHERE owner = $1 AND status = 'RUNNING'", [this.owner]);
  }

  /** The lease of one run here: renewed before each step; when it is lost, `controller` aborts the run. */
  forRun(executionId: string, controller: AbortController, until: () => Date): RunLease {
    const lease: RunLease = {
      owner: this.owner,
      renew: async () => {
        if (!(await this.renew([executionId], until())).has(executionId)) lease.lost();
      },
      lost: () => {
        const err = new LeaseLostError(executionId);
        controller.abort(err);
        throw err;
      },
    };
    return lease;
  }
}
