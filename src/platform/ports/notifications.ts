import type { JsonValue, Page } from './event-bus.ts';
import type { SqlExecutor } from './sql.ts';

export type { Page };

/** How a notification reaches its recipient. */
export type NotificationChannel = 'email' | 'sms' | 'push';

/** pending: waiting for (another) delivery attempt; sent: handed to the transport; failed: attempts exhausted. */
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** Who receives it. At least one field; email needs `email`, sms needs `phone`, push needs `userId`. */
export interface NotificationRecipient {
  userId?: string;
  email?: string;
  phone?: string;
}

/** What to send. */
export interface NotificationInput {
  recipient: NotificationRecipient;
  channel: NotificationChannel;
  /** Email subject / push title. */
  subject?: string;
  /** Plain-text body. */
  body: string;
  /** Provider template name (SES template in production); the body stays the local rendering. */
  template?: string;
  /** Values for the template. */
  data?: JsonValue;
}

/** A notification as stored. */
export interface Notification {
  id: string;
  recipient: NotificationRecipient;
  channel: NotificationChannel;
  subject: string | null;
  body: string;
  template: string | null;
  data: JsonValue | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * The notifications port (SNS / SES in production): messages to users and professionals.
 *
 * Local adapter: an outbox table dispatched in-process through a transport (a structured log
 * line by default, SMTP for email when `SMTP_URL` is set). Delivery is at least once; failed
 * attempts are retried with backoff, then the notification is marked `failed` with its last error.
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => {
 *   await tx.query('UPDATE bookings SET status = $2 WHERE id = $1', [id, 'confirmed']);
 *   await notifications.send({ recipient: { userId, email }, channel: 'email', subject: 'Booking confirmed', body }, tx);
 * });
 * ```
 */
export interface Notifications {
  /**
   * Queues a notification. With `tx` it is written in that transaction, so it goes out if and
   * only if the caller's data commits. Throws AppError 400 `NOTIFICATION_INVALID` for a missing
   * body or an address the channel needs.
   */
  send(notification: NotificationInput, tx?: SqlExecutor): Promise<{ id: string; status: NotificationStatus }>;

  /** The notification, or null when there is none with this id. */
  get(id: string): Promise<Notification | null>;

  /** Newest first, optionally one user's inbox. Throws AppError 400 `CURSOR_INVALID` for a bad cursor. */
  list(options?: { userId?: string; limit?: number; cursor?: string }): Promise<Page<Notification>>;
}
