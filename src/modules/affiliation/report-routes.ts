import { createRoute, z } from '@hono/zod-openapi';
import { AppError, unprocessable } from '../../platform/errors.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import type { PartnerService } from './partner-service.ts';
import { reconcile, type OurConversion } from './reconcile.ts';
import type { ReportService } from './report-service.ts';
import { ReportQuerySchema, ReportRowSchema } from './schemas.ts';
import { parseStatementCsv, type StatementLine } from './statement-csv.ts';

/** The statement upload path (raw CSV body, under the upload size limit). */
export const RECONCILIATION_UPLOAD_PREFIX = '/affiliate/reconciliations';

const Line = z.object({ orderId: z.string(), amount: z.number().int(), status: z.string() });
const Ours = Line.extend({ commission: z.number().int(), attributed: z.boolean() });
const ReconciliationSchema = z
  .object({
    partnerId: z.string(),
    summary: z.object({ statementLines: z.number().int(), ourConversions: z.number().int(), matched: z.number().int(), mismatched: z.number().int(), missingOurs: z.number().int(), missingTheirs: z.number().int() }),
    matched: z.array(Ours),
    mismatched: z.array(z.object({ orderId: z.string(), fields: z.array(z.enum(['amount', 'status'])), ours: Ours, theirs: Line })),
    missingOurs: z.array(Line).openapi({ description: 'On the statement, not in our conversions' }),
    missingTheirs: z.array(Ours).openapi({ description: 'In our conversions, not on the statement' }),
  })
  .openapi('AffiliateReconciliation');

/** /v1/affiliate/reports (admins, verified pros) and /v1/affiliate/reconciliations (admins). */
export function reportRoutes(deps: { reports: ReportService; partners: PartnerService; db: SqlDatabase; kit: RouteKit }): ApiRouter {
  const { reports, partners, db, kit } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin', 'pro'], verifiedPro: true }, {
        method: 'get',
        path: '/affiliate/reports',
        tags: ['affiliation'],
        summary: 'Clicks, conversions and commissions by day, partner, link or professional',
        request: { query: ReportQuerySchema.extend({ currency: z.string().regex(/^[A-Z]{3}$/).default('EUR') }) },
        responses: { 200: jsonContent(z.object({ rows: z.array(ReportRowSchema) }), 'Rows, by key'), 400: problemContent('VALIDATION_FAILED, RANGE_INVALID, RANGE_TOO_LONG') },
      }),
    ),
    async (c) => c.json({ rows: await reports.report(c.get('principal'), c.req.valid('query')) }, 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin'] }, {
        method: 'post',
        path: '/affiliate/reconciliations',
        tags: ['affiliation'],
        summary: "Reconcile a partner's statement",
        description: 'Body: the statement as text/csv with the columns orderId, amount (e.g. 12.34) and status. `from`/`to` (YYYY-MM-DD) limit our side to conversions received in those days.',
        request: { query: z.object({ partnerId: z.string().max(64), from: ReportQuerySchema.shape.from.optional(), to: ReportQuerySchema.shape.to.optional() }) },
        responses: {
          200: jsonContent(ReconciliationSchema, 'Every order in one list'),
          404: problemContent('PARTNER_NOT_FOUND'),
          415: problemContent('UNSUPPORTED_MEDIA_TYPE'),
          422: problemContent('STATEMENT_INVALID'),
        },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      const partner = await partners.get(q.partnerId);
      if (!/^text\/(csv|plain)\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the statement as text/csv.');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw unprocessable('STATEMENT_INVALID', 'The statement is not UTF-8 text.', { errors: [{ line: 1, code: 'NOT_UTF8', message: 'not UTF-8' }] });
      }
      const parsed = parseStatementCsv(text);
      if (!parsed.ok) throw unprocessable('STATEMENT_INVALID', 'The statement has lines we cannot read.', { errors: parsed.errors });
      const { rows } = await db.query<{ order_id: string; amount_cents: number; status: StatementLine['status']; commission_cents: number; link_id: string | null }>(
        `SELECT order_id, amount_cents, status, commission_cents, link_id FROM affiliation_conversions
         WHERE partner_id = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at < $3) ORDER BY order_id`,
        [partner.id, q.from ? new Date(`${q.from}T00:00:00Z`) : null, q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : null],
      );
      const ours: OurConversion[] = rows.map((o) => ({ orderId: o.order_id, amount: Number(o.amount_cents), status: o.status, commission: Number(o.commission_cents), attributed: o.link_id !== null }));
      const result = reconcile(parsed.lines, ours);
      return c.json(
        {
          partnerId: partner.id,
          summary: { statementLines: parsed.lines.length, ourConversions: ours.length, matched: result.matched.length, mismatched: result.mismatched.length, missingOurs: result.missingOurs.length, missingTheirs: result.missingTheirs.length },
          ...result,
        },
        200,
      );
    },
  );
  return r;
}
