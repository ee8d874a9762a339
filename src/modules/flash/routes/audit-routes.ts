import { createRoute, z } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../../platform/pagination/cursor.ts';
import { PageQuerySchema, pageSchema } from '../../../platform/http/pagination.ts';
import { problemContent } from '../../../platform/http/problem.ts';
import { jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { SqlDatabase } from '../../../platform/ports/sql.ts';
import type { AuditStore } from '../store/audit-store.ts';
import { AuditEntrySchema, AuditVerificationSchema, toAuditEntry } from './schemas.ts';

const After = z.object({ seq: z.number().int().min(0) });

/** /v1/admin/flash/audit: the whole hash-chained log, and its verification. */
export function auditRoutes(d: { kit: RouteKit; audit: AuditStore; db: SqlDatabase; clock: Clock }): ApiRouter {
  const r = createApiRouter();
  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get', path: '/admin/flash/audit', tags: ['flash'], summary: 'The flash audit log, oldest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(pageSchema(AuditEntrySchema, 'FlashAuditPage'), 'A page of entries'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? 0 : decodeCursor(cursor, After).seq;
      const rows = await d.audit.page(d.db, after, limit + 1);
      const items = rows.slice(0, limit);
      const next = rows.length > limit ? encodeCursor({ seq: items.at(-1)!.seq }) : null;
      return c.json({ items: items.map(toAuditEntry), next_cursor: next }, 200);
    },
  );
  r.openapi(
    createRoute(
      d.kit.protectedRoute({ roles: ['admin'] }, {
        method: 'get', path: '/admin/flash/audit/verification', tags: ['flash'], summary: 'Walks the whole chain and its recorded head: the first broken link, or ok',
        responses: { 200: jsonContent(AuditVerificationSchema, 'The verification') },
      }),
    ),
    async (c) => c.json({ ...(await d.audit.verify(d.db)), verifiedAt: d.clock.now().toISOString() }, 200),
  );
  return r;
}
