import type { TimePosition } from '../../../platform/pagination/newest-first.ts';
import { selectNewestFirst } from '../../../platform/pagination/newest-first-sql.ts';
import type { SqlExecutor } from '../../../platform/ports/sql.ts';
import type { ProblemAnalysis, VehicleContext } from '../analysis/analyze-problem.ts';

/** A stored analysis: the owner's words, the chosen vehicle and what was understood. */
export interface StoredAnalysis {
  id: string;
  userId: string;
  text: string;
  locale: string | null;
  vehicle: VehicleContext | null;
  analysis: ProblemAnalysis;
  createdAt: Date;
}

interface AnalysisRow {
  id: string;
  user_id: string;
  text: string;
  locale: string | null;
  vehicle: VehicleContext | null;
  result: ProblemAnalysis;
  created_at: Date;
}

const fromRow = (r: AnalysisRow): StoredAnalysis => ({
  id: r.id,
  userId: r.user_id,
  text: r.text,
  locale: r.locale,
  vehicle: r.vehicle,
  analysis: r.result,
  createdAt: r.created_at,
});

/** SQL of the nlp_analyses table. */
export const analysisStore = {
  async insert(db: SqlExecutor, a: StoredAnalysis): Promise<void> {
    await db.query(
      `INSERT INTO nlp_analyses (id, user_id, text, locale, vehicle, language, category, urgency, result, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10)`,
      [
        a.id,
        a.userId,
        a.text,
        a.locale,
        a.vehicle === null ? null : JSON.stringify(a.vehicle),
        a.analysis.language,
        a.analysis.category,
        a.analysis.urgency,
        JSON.stringify(a.analysis),
        a.createdAt,
      ],
    );
  },

  /** One analysis by id, of `userId` only when given (undefined: any user's, for admins and bookings). */
  async get(db: SqlExecutor, id: string, userId: string | undefined): Promise<StoredAnalysis | undefined> {
    const { rows } = await db.query<AnalysisRow>('SELECT * FROM nlp_analyses WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2::uuid)', [id, userId ?? null]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  },

  /** Newest first, strictly before `after`; every user's when `userId` is undefined. */
  async list(db: SqlExecutor, userId: string | undefined, after: TimePosition | undefined, limit: number): Promise<StoredAnalysis[]> {
    const rows = await selectNewestFirst<AnalysisRow>(db, { table: 'nlp_analyses', timeColumn: 'created_at', filters: { user_id: userId } }, after, limit);
    return rows.map(fromRow);
  },
};
