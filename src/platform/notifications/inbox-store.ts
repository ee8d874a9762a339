import { newestFirstPage, type Page, type TimePosition } from '../pagination/newest-first.ts';
import { isUuid } from '../ids.ts';
import type { JsonValue } from '../ports/event-bus.ts';
import type { SqlDatabase, SqlExecutor } from '../ports/sql.ts';

/** One message in a user's in-app inbox. */
export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: JsonValue | null;
  createdAt: Date;
  readAt: Date | null;
}

interface InboxRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: JsonValue | null;
  created_at: Date;
  read_at: Date | null;
}

const toItem = (r: InboxRow): InboxItem => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, data: r.data, createdAt: r.created_at, readAt: r.read_at });

export const INBOX_PAGE_BOUNDS = { defaultLimit: 20, maxLimit: 100, isValidId: isUuid };

/** Users' inboxes and notification preferences, in SQL. Every read and write is scoped to one user. */
export class InboxStore {
  constructor(private readonly db: SqlDatabase) {}

  async add(tx: SqlExecutor, userId: string, item: Omit<InboxItem, 'readAt'>): Promise<void> {
    await tx.query(
      'INSERT INTO inbox_notifications (id, user_id, kind, title, body, link, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)',
      [item.id, userId, item.kind, item.title, item.body, item.link, item.data === null ? null : JSON.stringify(item.data), item.createdAt],
    );
  }

  /** Newest first; `unread` keeps only what was not read. */
  list(userId: string, options: { unread?: boolean; limit?: number; cursor?: string }): Promise<Page<InboxItem>> {
    return newestFirstPage(options, INBOX_PAGE_BOUNDS, async (after: TimePosition | undefined, n: number) => {
      const params: unknown[] = [userId];
      const where = ['user_id = $1'];
      if (options.unread) where.push('read_at IS NULL');
      if (after) where.push(`(created_at, id) < ($${params.push(after.at)}, $${params.push(after.id)}::uuid)`);
      const { rows } = await this.db.query<InboxRow>(
        `SELECT * FROM inbox_notifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${Math.trunc(n)}`,
        params,
      );
      return rows.map(toItem);
    }, (item) => ({ at: item.createdAt, id: item.id }));
  }

  async unreadCount(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox_notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return rows[0]?.n ?? 0;
  }

  /** Marks one item read; false when the user has no such item (another user's is "no such item"). */
  async markRead(userId: string, id: string, now: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const res = await this.db.query('UPDATE inbox_notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2', [id, userId, now]);
    return res.rowCount === 1;
  }

  async markAllRead(userId: string, now: Date): Promise<number> {
    return (await this.db.query('UPDATE inbox_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [userId, now])).rowCount;
  }

  /** Email on/off per kind; kinds without a row use the default (on). */
  async preferences(userId: string): Promise<Record<string, boolean>> {
    const { rows } = await this.db.query<{ kind: string; email: boolean }>('SELECT kind, email FROM notification_preferences WHERE user_id = $1', [userId]);
    return Object.fromEntries(rows.map((r) => [r.kind, r.email]));
  }

  async setPreferences(userId: string, email: Record<string, boolean>): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const [kind, on] of Object.entries(email)) {
        await tx.query(
          'INSERT INTO notification_preferences (user_id, kind, email) VALUES ($1, $2, $3) ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email',
          [userId, kind, on],
        );
      }
    });
  }

  async emailEnabled(tx: SqlExecutor, userId: string, kind: string): Promise<boolean> {
    const { rows } = await tx.query<{ email: boolean }>('SELECT email FROM notification_preferences WHERE user_id = $1 AND kind = $2', [userId, kind]);
    return rows[0]?.email ?? true;
  }
}
