import { createRoute, z } from '@hono/zod-openapi';
import type { Clock } from '../clock.ts';
import { badRequest, notFound } from '../errors.ts';
import { PageQuerySchema } from '../http/pagination.ts';
import { problemContent } from '../http/problem.ts';
import { createApiRouter, type ApiRouter } from '../http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../http/route-kit.ts';
import type { InboxItem, InboxStore } from './inbox-store.ts';
import type { NotificationTemplates } from './templates.ts';

const InboxItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    data: z.unknown(),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .openapi('InboxNotification');

const InboxPageSchema = z
  .object({ items: z.array(InboxItemSchema), next_cursor: z.string().nullable(), unread_count: z.number().int() })
  .openapi('InboxPage');

const PreferencesSchema = z
  .object({ email: z.record(z.string().max(100).regex(/^[a-z0-9.-]+$/), z.boolean()).openapi({ description: 'Email on/off per notification kind; kinds left out stay on.' }) })
  .openapi('NotificationPreferences');

const PreferencesViewSchema = z
  .object({ email: z.record(z.string(), z.boolean()), kinds: z.array(z.object({ kind: z.string(), label: z.string() })) })
  .openapi('NotificationPreferencesView');

const toView = (i: InboxItem) => ({
  id: i.id,
  kind: i.kind,
  title: i.title,
  body: i.body,
  link: i.link,
  data: i.data,
  created_at: i.createdAt.toISOString(),
  read_at: i.readAt?.toISOString() ?? null,
});

/** /v1/notifications (the caller's inbox) and /v1/me/notification-preferences. */
export function inboxRoutes(deps: { kit: RouteKit; inbox: InboxStore; clock: Clock; templates: () => NotificationTemplates }): ApiRouter {
  const { kit, inbox } = deps;
  const r = createApiRouter();

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/notifications',
        tags: ['notifications'],
        summary: "The caller's inbox, newest first",
        request: { query: PageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only unread ones' }) }) },
        responses: { 200: jsonContent(InboxPageSchema, 'A page of notifications'), 400: problemContent('CURSOR_INVALID, VALIDATION_FAILED') },
      }),
    ),
    async (c) => {
      const { userId } = c.get('principal');
      const q = c.req.valid('query');
      const page = await inbox.list(userId, { unread: q.unread === 'true', limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
      return c.json({ items: page.items.map(toView), next_cursor: page.nextCursor, unread_count: await inbox.unreadCount(userId) }, 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'post',
        path: '/notifications/{id}/read',
        tags: ['notifications'],
        summary: 'Mark one notification read',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 204: { description: 'Read' }, 404: problemContent('NOTIFICATION_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const ok = await inbox.markRead(c.get('principal').userId, c.req.valid('param').id, deps.clock.now());
      if (!ok) throw notFound('NOTIFICATION_NOT_FOUND', 'No such notification.');
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'post',
        path: '/notifications/read-all',
        tags: ['notifications'],
        summary: 'Mark every notification read',
        responses: { 200: jsonContent(z.object({ marked: z.number().int() }), 'How many were unread') },
      }),
    ),
    async (c) => c.json({ marked: await inbox.markAllRead(c.get('principal').userId, deps.clock.now()) }, 200),
  );

  const preferencesView = async (userId: string) => {
    const templates = deps.templates();
    return { email: await inbox.preferences(userId), kinds: Object.keys(templates).sort().map((kind) => ({ kind, label: templates[kind]!.fr.title })) };
  };

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'get',
        path: '/me/notification-preferences',
        tags: ['notifications'],
        summary: 'Email on/off per notification kind',
        responses: { 200: jsonContent(PreferencesViewSchema, 'The preferences, and the kinds there are') },
      }),
    ),
    async (c) => c.json(await preferencesView(c.get('principal').userId), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({}, {
        method: 'put',
        path: '/me/notification-preferences',
        tags: ['notifications'],
        summary: 'Turn email on or off per notification kind',
        request: { body: jsonBody(PreferencesSchema) },
        responses: { 200: jsonContent(PreferencesViewSchema, 'The preferences now'), 400: problemContent('VALIDATION_FAILED, NOTIFICATION_KIND_UNKNOWN') },
      }),
    ),
    async (c) => {
      const { userId } = c.get('principal');
      const { email } = c.req.valid('json');
      const known = deps.templates();
      const unknown = Object.keys(email).filter((k) => !(k in known));
      if (unknown.length > 0) {
        throw badRequest('NOTIFICATION_KIND_UNKNOWN', `Unknown notification kinds: ${unknown.join(', ')}.`);
      }
      await inbox.setPreferences(userId, email);
      return c.json(await preferencesView(userId), 200);
    },
  );
  return r;
}
