import { newestFirstPage } from '../../../pagination/newest-first.ts';
import { selectNewestFirst } from '../../../pagination/newest-first-sql.ts';
import type { JsonValue } from '../../../ports/event-bus.ts';
import type { Notification, NotificationChannel, NotificationStatus, Page } from '../../../ports/notifications.ts';
import type { SqlDatabase, SqlExecutor } from '../../../ports/sql.ts';

interface NotificationRow {
  id: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  channel: NotificationChannel;
  subject: string | null;
  body: string;
  template: string | null;
  data: JsonValue | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  recipient: {
    ...(r.user_id !== null ? { userId: r.user_id } : {}),
    ...(r.email !== null ? { email: r.email } : {}),
    ...(r.phone !== null ? { phone: r.phone } : {}),
  },
  channel: r.channel,
  subject: r.subject,
  body: r.body,
  template: r.template,
  data: r.data ?? null,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** SQL access to the `notifications` outbox. */
export class NotificationStore {
  constructor(private readonly db: SqlDatabase) {}

  async insert(n: Notification, executor: SqlExecutor = this.db): Promise<void> {
    await executor.query(
      `INSERT INTO notifications (id, user_id, email, phone, channel, subject, body, template, data, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'pending', 0, $10, $10)`,
      [
        n.id,
        n.recipient.userId ?? null,
        n.recipient.email ?? null,
        n.recipient.phone ?? null,
        n.channel,
        n.subject,
        n.body,
        n.template,
        n.data === null ? null : JSON.stringify(n.data),
        n.createdAt,
      ],
    );
  }

  async get(id: string): Promise<Notification | null> {
    const { rows } = await this.db.query<NotificationRow>('SELECT * FROM notifications WHERE id = $1', [id]);
    return rows[0] ? toNotification(rows[0]) : null;
  }

  /**
   * Claims up to `limit` due notifications: counts the attempt and pushes their next attempt to
   * `leaseUntil`, so a crash mid-delivery leaves them to be retried after the lease, not lost.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Notification[]> {
    const { rows } = await this.db.query<NotificationRow>(
      `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = $2
       WHERE id IN (
         SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [now, leaseUntil, limit],
    );
    return rows.map(toNotification);
  }

  /** Records a delivery; a notification another pass already settled keeps its state. */
  async markSent(id: string, now: Date): Promise<void> {
    await this.db.query("UPDATE notifications SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1 AND status = 'pending'", [id, now]);
  }

  /**
   * Records failed attempt number `attempt`: retried at `retryAt`, or `failed` for good when
   * retryAt is null. Ignored once another pass has claimed a later attempt (this one's lease
   * ran out) or settled the notification, so a late failure never undoes a later success.
   */
  async markAttemptFailed(failure: { id: string; attempt: number; error: string; retryAt: Date | null }): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET last_error = $2, status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE($3::timestamptz, next_attempt_at)
       WHERE id = $1 AND attempts = $4 AND status = 'pending'`,
      [failure.id, failure.error, failure.retryAt, failure.attempt],
    );
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(options: { userId?: string; limit?: number; cursor?: string }): Promise<Page<Notification>> {
    return newestFirstPage(
      options,
      { defaultLimit: 20, maxLimit: 100 },
      async (after, n) => {
        const source = { table: 'notifications', timeColumn: 'created_at', filters: { user_id: options.userId } };
        return (await selectNewestFirst<NotificationRow>(this.db, source, after, n)).map(toNotification);
      },
      (item) => ({ at: item.createdAt, id: item.id }),
    );
  }
}
