import type { Clock } from '../../clock.ts';
import { badRequest } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Logger } from '../../logger.ts';
import type { Notification, NotificationChannel, NotificationInput, NotificationStatus, Notifications, Page } from '../../ports/notifications.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import { PollingLoop } from '../../background/polling-loop.ts';
import { retryDelayMs, retryPolicy, type RetryPolicy } from '../../background/retry-policy.ts';
import { NotificationStore } from './notifications/notification-store.ts';

export { notificationMigrations } from './notifications/migrations.ts';

/** Delivers one notification on one channel; throwing counts as a failed attempt. */
export interface NotificationTransport {
  /** For logs, e.g. `log`, `smtp`. */
  readonly name: string;
  deliver(notification: Notification): Promise<void>;
}

/** `jean.dupont@example.com` → `j***@example.com`: enough to tell recipients apart in logs. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** `+33612345678` → `+33*******78`. */
export function maskPhone(phone: string): string {
  return phone.length <= 5 ? '***' : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}

/**
 * The default transport: one structured log line per notification, address masked and body
 * reduced to its length (logs are kept longer and read by more people than inboxes).
 */
export function logTransport(logger: Logger): NotificationTransport {
  return {
    name: 'log',
    async deliver(n) {
      const { userId, email, phone } = n.recipient;
      const to = n.channel === 'email' && email ? maskEmail(email) : n.channel === 'sms' && phone ? maskPhone(phone) : `user:${userId}`;
      logger.info(
        { notificationId: n.id, channel: n.channel, to, userId, subject: n.subject, template: n.template, bodyChars: n.body.length },
        'notification delivered (log transport)',
      );
    },
  };
}

/** Dependencies and knobs of {@link OutboxNotifier}. */
export interface OutboxNotifierOptions {
  /** Migrated with `notificationMigrations`. */
  db: SqlDatabase;
  clock: Clock;
  logger: Logger;
  /** Transport per channel; channels left out use {@link logTransport}. */
  transports?: Partial<Record<NotificationChannel, NotificationTransport>>;
  /**
   * Backoff between attempts and attempts before a notification is `failed`. Default: 5 s,
   * doubled at each attempt up to 15 min, 5 attempts, 20% jitter.
   */
  retry?: Partial<RetryPolicy>;
  /** Source of retry jitter, [0, 1). Default Math.random. */
  random?: () => number;
  /** How long a claimed notification is reserved before another pass may retry it (default 5 min). */
  leaseMs?: number;
  /** Poll period of the background dispatcher (default 1 s). */
  pollIntervalMs?: number;
  /** Notifications per pass (default 20). */
  batchSize?: number;
}

const MAX_BODY_CHARS = 256 * 1024;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 .-]{6,20}$/;

function validate(input: NotificationInput): void {
  const { recipient, channel, body } = input;
  const invalid = (message: string) => badRequest('NOTIFICATION_INVALID', message);
  if (!['email', 'sms', 'push'].includes(channel)) throw invalid('channel must be email, sms or push');
  if (typeof body !== 'string' || body.trim() === '') throw invalid('body is required');
  if (body.length > MAX_BODY_CHARS) throw invalid(`body is longer than ${MAX_BODY_CHARS} characters`);
  if (recipient.email !== undefined && !EMAIL_RE.test(recipient.email)) throw invalid('recipient.email is not an email address');
  if (recipient.phone !== undefined && !PHONE_RE.test(recipient.phone)) throw invalid('recipient.phone is not a phone number');
  if (channel === 'email' && !recipient.email) throw invalid('an email notification needs recipient.email');
  if (channel === 'sms' && !recipient.phone) throw invalid('an sms notification needs recipient.phone');
  if (channel === 'push' && !recipient.userId) throw invalid('a push notification needs recipient.userId');
}

/**
 * Notifications through a transactional outbox: `send` writes a row (in the caller's
 * transaction when given), a dispatcher delivers due rows through the channel's transport,
 * retrying with exponential backoff until the policy's last attempt.
 * Several processes may dispatch from one PostgreSQL database: a pass claims its rows (SKIP
 * LOCKED, next attempt pushed to the end of a lease), so each notification goes out once unless
 * its process dies mid-delivery, after which another retries it when the lease ends.
 */
export class OutboxNotifier implements Notifications {
  readonly #store: NotificationStore;
  readonly #transports: Record<NotificationChannel, NotificationTransport>;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #loop: PollingLoop;

  constructor(private readonly options: OutboxNotifierOptions) {
    this.#store = new NotificationStore(options.db);
    const log = logTransport(options.logger);
    this.#transports = { email: log, sms: log, push: log, ...options.transports };
    this.#retry = retryPolicy({ baseDelayMs: 5_000, maxAttempts: 5, ...options.retry });
    this.#random = options.random ?? Math.random;
    this.#loop = new PollingLoop(
      () => this.runOnce(),
      options.pollIntervalMs ?? 1000,
      (err) => options.logger.error({ err }, 'notification dispatch pass failed'),
    );
  }

  async send(input: NotificationInput, tx?: SqlExecutor): Promise<{ id: string; status: NotificationStatus }> {
    validate(input);
    const notification: Notification = {
      id: newId(),
      recipient: input.recipient,
      channel: input.channel,
      subject: input.subject ?? null,
      body: input.body,
      template: input.template ?? null,
      data: input.data ?? null,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: this.options.clock.now(),
      sentAt: null,
    };
    await this.#store.insert(notification, tx);
    // Inside a transaction the pass may run before the commit and miss the row: the next poll sends it.
    this.#loop.nudge();
    return { id: notification.id, status: 'pending' };
  }

  get(id: string): Promise<Notification | null> {
    return this.#store.get(id);
  }

  list(options: { userId?: string; limit?: number; cursor?: string } = {}): Promise<Page<Notification>> {
    return this.#store.list(options);
  }

  /**
   * One dispatch pass over due notifications (tests call it directly). Returns how many were
   * attempted. Passes running side by side (the poller, a test, another process) never claim
   * the same notification.
   */
  async runOnce(): Promise<number> {
    const { clock, leaseMs = 300_000, batchSize = 20 } = this.options;
    const now = clock.now();
    const due = await this.#store.claimDue(now, new Date(now.getTime() + leaseMs), batchSize);
    for (const n of due) {
      const transport = this.#transports[n.channel];
      try {
        await transport.deliver(n);
        await this.#store.markSent(n.id, clock.now());
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const retryAt = n.attempts >= this.#retry.maxAttempts ? null : new Date(clock.now().getTime() + retryDelayMs(this.#retry, n.attempts, this.#random));
        await this.#store.markAttemptFailed({ id: n.id, attempt: n.attempts, error: message, retryAt });
        this.options.logger.warn({ notificationId: n.id, transport: transport.name, attempt: n.attempts, err: message }, 'notification delivery failed');
      }
    }
    return due.length;
  }

  /** Starts the background dispatcher. */
  async start(): Promise<void> {
    this.#loop.start();
  }

  /** Stops the dispatcher and waits for the pass in progress. */
  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
