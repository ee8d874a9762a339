import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { LinkService } from './link-service.ts';
import { LinkSchema, NewLinkSchema } from './schemas.ts';

/** /v1/affiliate/links: admins and verified pros make and manage tracked links. */
export function linkRoutes(deps: { links: LinkService; kit: RouteKit }): ApiRouter {
  const { links, kit } = deps;
  const r = createApiRouter();
  const guard = { roles: ['admin', 'pro'], verifiedPro: true } as const;

  r.openapi(
    createRoute(
      kit.protectedRoute({ ...guard, idempotent: true }, {
        method: 'post',
        path: '/affiliate/links',
        tags: ['affiliation'],
        summary: 'Make a tracked link',
        request: { body: jsonBody(NewLinkSchema) },
        responses: {
          201: jsonContent(LinkSchema, 'The link and its short URL'),
          422: problemContent('PARTNER_NOT_FOUND, URL_INVALID, URL_SCHEME, URL_CREDENTIALS, URL_HOST_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED'),
        },
      }),
    ),
    async (c) => {
      const link = await links.create(c.get('principal'), c.req.valid('json'));
      c.header('Location', `/v1/affiliate/links/${link.code}`);
      return c.json(link, 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'get',
        path: '/affiliate/links',
        tags: ['affiliation'],
        summary: "The caller's links (a pro: its organisation's), newest first",
        responses: { 200: jsonContent(z.object({ items: z.array(LinkSchema) }), 'Links') },
      }),
    ),
    async (c) => c.json({ items: await links.list(c.get('principal')) }, 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'patch',
        path: '/affiliate/links/{code}',
        tags: ['affiliation'],
        summary: 'Turn a link off or on',
        request: { params: z.object({ code: z.string().max(64) }), body: jsonBody(z.object({ disabled: z.boolean() })) },
        responses: { 200: jsonContent(LinkSchema, 'The link'), 404: problemContent('LINK_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await links.setDisabled(c.get('principal'), c.req.valid('param').code, c.req.valid('json').disabled), 200),
  );
  return r;
}
