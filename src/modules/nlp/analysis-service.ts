import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { TypedPublisher } from '../../platform/module/events.ts';
import { newestFirstPage, type Page } from '../../platform/pagination/newest-first.ts';
import { PAGE_LIMITS } from '../../platform/pagination/limits.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { analyzeProblem, type VehicleContext } from './analysis/analyze-problem.ts';
import type { nlpEvents } from './events.ts';
import type { TextModel } from './model/text-model.ts';
import { analysisStore, type StoredAnalysis } from './storage/analysis-store.ts';

/**
 * Whether a professional's organisation may read an analysis: true when the analysis is attached
 * to one of its owner's bookings with it. Planning answers it (its bookings hold `analysisId`); without it, pros
 * see only the analyses they wrote themselves.
 */
export type ProAnalysisAccess = (analysisId: string, orgId: string, ownerUserId: string) => Promise<boolean>;

/** What the caller sends, validated by the route. */
export interface AnalyzeInput {
  text: string;
  locale?: string | undefined;
  vehicle?: VehicleContext | undefined;
}

const NOT_FOUND = () => notFound('ANALYSIS_NOT_FOUND', 'No such analysis.');

/** Analyses owners' descriptions and keeps them, scoped to who wrote them. */
export class AnalysisService {
  constructor(
    private readonly deps: {
      db: SqlDatabase;
      clock: Clock;
      ids: { newId(): string };
      events: TypedPublisher<typeof nlpEvents>;
      model: TextModel;
      proAccess?: ProAnalysisAccess | undefined;
    },
  ) {}

  /**
   * Analyses a description and stores it with its author; publishes `nlp.problem-analyzed` in
   * the same transaction. The domain's errors (400 TEXT_EMPTY, TEXT_TOO_LONG) come through.
   */
  async analyze(p: Principal, input: AnalyzeInput): Promise<StoredAnalysis> {
    const options = { ...(input.locale ? { locale: input.locale } : {}), ...(input.vehicle ? { vehicle: input.vehicle } : {}) };
    const analysis = await analyzeProblem(input.text, options, this.deps.model);
    const stored: StoredAnalysis = {
      id: this.deps.ids.newId(),
      userId: p.userId,
      text: input.text,
      locale: input.locale ?? null,
      vehicle: input.vehicle ?? null,
      analysis,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.db.transaction(async (tx) => {
      await analysisStore.insert(tx, stored);
      await this.deps.events.publish(
        'nlp.problem-analyzed',
        {
          id: stored.id,
          userId: p.userId,
          language: analysis.language,
          category: analysis.category,
          urgency: analysis.urgency,
          suggestedServices: analysis.suggestedServices.map((s) => s.code),
        },
        { subject: stored.id, tx },
      );
    });
    return stored;
  }

  /**
   * One analysis the caller may read: their own; any (admin); one attached to a booking of the
   * pro's organisation. Anything else, or no such id, is 404 ANALYSIS_NOT_FOUND.
   */
  async get(p: Principal, id: string): Promise<StoredAnalysis> {
    if (!isUuid(id)) throw NOT_FOUND();
    const own = await analysisStore.get(this.deps.db, id, p.role === 'admin' ? undefined : p.userId);
    if (own) return own;
    if (p.role === 'pro' && p.orgId && this.deps.proAccess) {
      const booked = await analysisStore.get(this.deps.db, id, undefined);
      if (booked && (await this.deps.proAccess(id, p.orgId, booked.userId))) return booked;
    }
    throw NOT_FOUND();
  }

  /** The caller's analyses (every one for an admin), newest first. */
  async list(p: Principal, query: { limit?: number; cursor?: string | undefined }): Promise<Page<StoredAnalysis>> {
    const userId = p.role === 'admin' ? undefined : p.userId;
    return newestFirstPage(
      { ...(query.limit === undefined ? {} : { limit: query.limit }), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) },
      { ...PAGE_LIMITS, isValidId: isUuid },
      (after, n) => analysisStore.list(this.deps.db, userId, after, n),
      (a) => ({ at: a.createdAt, id: a.id }),
    );
  }
}
