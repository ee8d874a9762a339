import type { Logger } from '../../platform/logger.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { BotReason, UserAgentClass } from './click-classifier.ts';
import type { ClickJournal } from './click-journal.ts';

/** One click as the redirect records it (the id is the click id handed to the partner). */
export interface ClickRecord {
  id: string;
  linkId: string;
  partnerId: string;
  orgId: string | null;
  at: string;
  day: string;
  ipHash: string;
  uaClass: UserAgentClass;
  referrerHost: string | null;
  bot: BotReason | null;
}

const COLUMNS = 10;

/**
 * Clicks from the redirect to SQL without the redirect waiting on SQL: each click is appended to
 * the journal (the redirect answers once that line is on disk) and to a memory buffer; every
 * flush interval the journal segment is rotated and the buffered clicks are inserted in batches,
 * then the segment is deleted. Inserts ignore ids already present, so replaying a segment whose
 * batch was committed just before a crash inserts nothing twice.
 */
export class ClickRecorder {
  #buffer: ClickRecord[] = [];
  /** Rotated segments whose clicks are not committed yet (a failed insert is retried). */
  readonly #pending: { file: string | undefined; records: ClickRecord[] }[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { db: SqlDatabase; journal: ClickJournal; batch: number; flushMs: number; logger: Logger }) {}

  /** Records a click; resolves once it is durable in the journal (never waits on SQL). */
  async record(click: ClickRecord): Promise<void> {
    this.#buffer.push(click);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch((err) => this.deps.logger.warn({ err }, 'affiliation clicks not written yet; retrying'));
    }, this.deps.flushMs);
    try {
      await this.deps.journal.append(click);
    } catch (err) {
      // The click stays in the buffer and reaches SQL; only its crash safety is lost.
      this.deps.logger.error({ err }, 'affiliation click journal write failed');
    }
  }

  /** Writes every click recorded so far to SQL (reports and postbacks call it to see the latest). */
  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flushOnce());
    this.#flushing = run.catch(() => {});
    return run;
  }

  /** Puts the clicks of dead processes' journal segments into SQL (at the first use after a start). */
  async recover(): Promise<number> {
    const orphans = await this.deps.journal.orphans();
    for (const o of orphans) this.#pending.push({ file: o.file, records: o.records as ClickRecord[] });
    await this.flush();
    return orphans.reduce((n, o) => n + o.records.length, 0);
  }

  /** Flushes and closes the journal (graceful stop); what SQL did not take stays in the journal for the next start. */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      await this.flush();
    } finally {
      await this.deps.journal.close();
    }
  }

  async #flushOnce(): Promise<void> {
    const rotated = this.deps.journal.rotate(); // synchronously switches segment: the buffer below is exactly its clicks
    const records = this.#buffer;
    this.#buffer = [];
    const file = await rotated;
    if (records.length > 0 || file) this.#pending.push({ file, records });
    while (this.#pending.length > 0) {
      const next = this.#pending[0]!;
      for (let i = 0; i < next.records.length; i += this.deps.batch) await this.#insert(next.records.slice(i, i + this.deps.batch));
      if (next.file) await this.deps.journal.discard(next.file);
      this.#pending.shift();
    }
  }

  async #insert(batch: ClickRecord[]): Promise<void> {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const values = batch.map((c, i) => {
      params.push(c.id, c.linkId, c.partnerId, c.orgId, c.at, c.day, c.ipHash, c.uaClass, c.referrerHost, c.bot);
      return `(${Array.from({ length: COLUMNS }, (_, j) => `$${i * COLUMNS + j + 1}`).join(', ')})`;
    });
    await this.deps.db.query(
      `INSERT INTO affiliation_clicks (id, link_id, partner_id, org_id, at, day, ip_hash, ua_class, referrer_host, bot_reason)
       VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`,
      params,
    );
  }
}
