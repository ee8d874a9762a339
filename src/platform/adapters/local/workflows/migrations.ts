import type { Migration } from '../../../migrations.ts';

/**
 * Tables of the local workflow engine: executions, and the journal of their task states.
 * 002 adds the lease that makes one process at a time run an execution; 003 the last heartbeat
 * of a callback (HeartbeatSeconds).
 */
export const workflowMigrations: Migration[] = [
  {
    id: 'platform.workflows.001',
    sql: `
      CREATE TABLE workflow_executions (
        id text PRIMARY KEY,
        workflow text NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED')),
        input jsonb NOT NULL,
        output jsonb,
        error text,
        cause text,
        started_at timestamptz NOT NULL,
        stopped_at timestamptz
      );
      CREATE INDEX workflow_executions_by_start ON workflow_executions (started_at DESC, id DESC);
      CREATE INDEX workflow_executions_running ON workflow_executions (workflow) WHERE status = 'RUNNING';

      -- One row per Task/Wait state run: replaying an execution after a restart reuses finished
      -- results, issued task tokens and wake-up times instead of doing the work again.
      CREATE TABLE workflow_task_steps (
        execution_id text NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
        step_key text NOT NULL,
        state_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        task_token text UNIQUE,
        wake_at timestamptz,
        dispatched_at timestamptz,
        output jsonb,
        error text,
        cause text,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        PRIMARY KEY (execution_id, step_key)
      );
    `,
  },
  {
    id: 'platform.workflows.002.leases',
    sql: `
      -- The process running an execution and until when; another may take it over once lease_until
      -- has passed (its process died). NULL owner: not running anywhere (new, or released at shutdown).
      ALTER TABLE workflow_executions ADD COLUMN owner text, ADD COLUMN lease_until timestamptz;
      CREATE INDEX workflow_executions_claimable ON workflow_executions (started_at, id) WHERE status = 'RUNNING';
    `,
  },
  {
    id: 'platform.workflows.003.heartbeats',
    sql: `
      -- When the function holding a callback's task token last said it is still at work (SendTaskHeartbeat).
      ALTER TABLE workflow_task_steps ADD COLUMN heartbeat_at timestamptz;
    `,
  },
];
