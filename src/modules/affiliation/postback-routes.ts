import { createRoute, z } from '@hono/zod-openapi';
import type { Clock } from '../../platform/clock.ts';
import { AppError, badRequest, unauthorized, unprocessable } from '../../platform/errors.ts';
import { problemContent } from '../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../platform/http/router.ts';
import { jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import type { ConversionService } from './conversion-service.ts';
import { mapGetPostback } from './postback-mapping.ts';
import { getPostbackToken, safeEqual, verifyPostback } from './postback-signature.ts';
import type { PartnerRecord, PartnerService } from './partner-service.ts';
import { ConversionSchema, PostbackBodySchema } from './schemas.ts';

/** Postback paths take their body raw (the signature covers the exact bytes), so the platform must not parse it first. */
export const POSTBACK_UPLOAD_PREFIX = '/affiliate/postbacks';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
const SIGNATURE_PROBLEMS = {
  SIGNATURE_MISSING: 'Send X-NovaEvo-Partner, X-NovaEvo-Timestamp and X-NovaEvo-Signature.',
  TIMESTAMP_INVALID: 'X-NovaEvo-Timestamp must be Unix seconds.',
  TIMESTAMP_OUT_OF_WINDOW: 'X-NovaEvo-Timestamp is more than 5 minutes from our clock: a replay, or a clock to set.',
  SIGNATURE_INVALID: 'X-NovaEvo-Signature does not match (sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}">).',
} as const;

/** /v1/affiliate/postbacks: partners' conversions, signed (POST) or with a per-partner token (GET, networks). */
export function postbackRoutes(deps: { partners: PartnerService; conversions: ConversionService; kit: RouteKit; clock: Clock }): ApiRouter {
  const { partners, conversions, kit, clock } = deps;
  const r = createApiRouter();
  const partnerOrNull = (id: string): Promise<PartnerRecord | null> => partners.get(id).catch((err) => (err instanceof AppError && err.status === 404 ? null : Promise.reject(err)));

  r.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'post',
        path: '/affiliate/postbacks',
        tags: ['affiliation'],
        summary: 'A conversion, signed by the partner',
        description:
          'JSON body `{clickId?, orderId, amount (cents), currency, category?, status: pending|approved|reversed}`, with `X-NovaEvo-Partner: <partner id>`, `X-NovaEvo-Timestamp: <Unix seconds>` and `X-NovaEvo-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}">`. Idempotent on (partner, orderId).',
        request: {
          headers: z.object({ 'x-novaevo-partner': z.string().max(64).optional(), 'x-novaevo-timestamp': z.string().max(20).optional(), 'x-novaevo-signature': z.string().max(200).optional() }),
        },
        responses: {
          200: jsonContent(ConversionSchema, 'The conversion as stored'),
          400: problemContent('MALFORMED_JSON, VALIDATION_FAILED'),
          401: problemContent('SIGNATURE_MISSING, TIMESTAMP_INVALID, TIMESTAMP_OUT_OF_WINDOW, SIGNATURE_INVALID'),
          415: problemContent('UNSUPPORTED_MEDIA_TYPE'),
          422: problemContent('CURRENCY_MISMATCH'),
        },
      }),
    ),
    async (c) => {
      const h = c.req.valid('header');
      if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the postback as application/json.');
      const rawBody = await c.req.text();
      const partner = h['x-novaevo-partner'] ? await partnerOrNull(h['x-novaevo-partner']) : null;
      const check = verifyPostback({
        secrets: partner ? await partners.validSecrets(partner) : [],
        timestamp: h['x-novaevo-timestamp'],
        signature: h['x-novaevo-signature'],
        rawBody,
        nowMs: clock.now().getTime(),
      });
      // An unknown partner fails like a wrong signature: the answer says nothing about which ids exist.
      if (!check.ok) throw unauthorized(check.code, SIGNATURE_PROBLEMS[check.code]);
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw badRequest('MALFORMED_JSON', 'The request body is not valid JSON.');
      }
      return c.json(await conversions.record(partner!, PostbackBodySchema.parse(json)), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'get',
        path: '/affiliate/postbacks/{partnerId}',
        tags: ['affiliation'],
        summary: "A conversion from a network's GET postback",
        description: "`?token=<the partner's token>` and the partner's own parameter names (its postback mapping). Idempotent on (partner, order id).",
        request: { params: z.object({ partnerId: z.string().max(64) }), query: z.object({ token: z.string().max(100).optional() }).passthrough() },
        responses: {
          200: jsonContent(ConversionSchema, 'The conversion as stored'),
          400: problemContent('VALIDATION_FAILED'),
          401: problemContent('POSTBACK_TOKEN_INVALID'),
          422: problemContent('POSTBACK_MAPPING_MISSING, CURRENCY_MISMATCH'),
        },
      }),
    ),
    async (c) => {
      const partner = await partnerOrNull(c.req.valid('param').partnerId);
      const token = c.req.query('token') ?? '';
      const tokens = partner ? (await partners.validSecrets(partner)).map(getPostbackToken) : [];
      let matched = false;
      for (const t of tokens) matched = safeEqual(t, token) || matched;
      if (!partner || !matched) throw unauthorized('POSTBACK_TOKEN_INVALID', 'The token does not belong to this partner (or was rotated out).');
      if (!partner.mapping) throw unprocessable('POSTBACK_MAPPING_MISSING', 'This partner has no GET postback mapping yet: an admin sets it.');
      const mapped = mapGetPostback(c.req.query(), partner.mapping, partner.currency);
      if (!mapped.ok) throw badRequest('VALIDATION_FAILED', 'The postback parameters are not valid.', { errors: mapped.errors });
      return c.json(await conversions.record(partner, PostbackBodySchema.parse(mapped.body)), 200);
    },
  );
  return r;
}
