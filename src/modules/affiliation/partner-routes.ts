import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { PartnerService } from './partner-service.ts';
import { NewPartnerSchema, OfferSchema, PartnerSchema, PartnerWithSecretSchema, PostbackMappingSchema } from './schemas.ts';

const IdParam = z.object({ id: z.string().max(64) });

/** /v1/affiliate/partners (admin): partners, their secret rotation and GET postback mapping; /v1/affiliate/offers: what link makers may link to. */
export function partnerRoutes(deps: { partners: PartnerService; kit: RouteKit }): ApiRouter {
  const { partners, kit } = deps;
  const r = createApiRouter();
  const admin = { roles: ['admin'] } as const;

  r.openapi(
    createRoute(
      kit.protectedRoute({ ...admin, idempotent: true }, {
        method: 'post',
        path: '/affiliate/partners',
        tags: ['affiliation'],
        summary: 'Add a partner',
        description: 'Answers the postback secret and the GET postback URL once: store them now.',
        request: { body: jsonBody(NewPartnerSchema) },
        responses: { 201: jsonContent(PartnerWithSecretSchema, 'The partner, with its secret'), 400: problemContent('VALIDATION_FAILED, COMMISSION_INVALID'), 422: problemContent('IDEMPOTENCY_KEY_REUSED') },
      }),
    ),
    async (c) => {
      const { partner, secret } = await partners.create(c.req.valid('json'));
      c.header('Location', `/v1/affiliate/partners/${partner.id}`);
      return c.json({ ...partners.view(partner), postbackSecret: secret, getPostbackUrl: partners.getPostbackUrl(partner.id, secret) }, 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(admin, {
        method: 'get',
        path: '/affiliate/partners',
        tags: ['affiliation'],
        summary: 'The partners',
        responses: { 200: jsonContent(z.object({ items: z.array(PartnerSchema) }), 'Every partner') },
      }),
    ),
    async (c) => c.json({ items: (await partners.list()).map((p) => partners.view(p)) }, 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['admin', 'pro'], verifiedPro: true }, {
        method: 'get',
        path: '/affiliate/offers',
        tags: ['affiliation'],
        summary: 'The partners a link may point to, with their domains and commission (no secret)',
        responses: { 200: jsonContent(z.object({ items: z.array(OfferSchema) }), 'Every partner') },
      }),
    ),
    async (c) => c.json({ items: (await partners.list()).map((p) => partners.offer(p)) }, 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(admin, {
        method: 'post',
        path: '/affiliate/partners/{id}/secret-rotations',
        tags: ['affiliation'],
        summary: 'Rotate the postback secret',
        description: 'A new secret (and GET postback token), shown once; the previous ones stay valid for the grace period (AFFILIATION_SECRET_GRACE_HOURS).',
        request: { params: IdParam },
        responses: { 201: jsonContent(PartnerWithSecretSchema, 'The partner, with its new secret'), 404: problemContent('PARTNER_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const { partner, secret } = await partners.rotateSecret(c.req.valid('param').id);
      return c.json({ ...partners.view(partner), postbackSecret: secret, getPostbackUrl: partners.getPostbackUrl(partner.id, secret) }, 201);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(admin, {
        method: 'put',
        path: '/affiliate/partners/{id}/postback-mapping',
        tags: ['affiliation'],
        summary: "Set the network's GET postback parameter names",
        request: { params: IdParam, body: jsonBody(PostbackMappingSchema) },
        responses: { 200: jsonContent(PartnerSchema, 'The partner'), 404: problemContent('PARTNER_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(partners.view(await partners.setMapping(c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  return r;
}
