import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Clock } from '../../platform/clock.ts';
import { AppError, badRequest, forbidden } from '../../platform/errors.ts';
import { problemContent } from '../../platform/http/problem.ts';
import type { ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { decodeFrames } from './decoder/index.ts';
import type { DeviceService } from './device-service.ts';
import type { DeviceRoute } from './device-store.ts';
import { describeDtc } from './dtc/index.ts';
import type { Ingestion } from './ingestion.ts';
import { DevicePayloadSchema, payloadTime } from './payload.ts';
import { DecodeRequestSchema, IngestResultSchema, LangQuerySchema } from './schemas.ts';

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="NovaEvo OBD devices", charset="UTF-8"' };
const deviceAuthFailed = (code: string, message: string) => new AppError(401, code, message, { headers: BASIC_CHALLENGE });

/** Basic credentials `deviceId:secret`, or undefined when the header is missing or malformed. */
function basicCredentials(c: Context): { user: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,512})$/i.exec(c.req.header('Authorization') ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** HTTP ingestion for devices without MQTT, and the decoder as a service. */
export function ingestRoutes(r: ApiRouter, deps: { kit: RouteKit; devices: DeviceService; ingestion: Ingestion; clock: Clock }): void {
  const authenticated = new WeakMap<Request, DeviceRoute>();
  // Device authentication runs before the body is validated: an unknown caller learns nothing.
  const deviceAuth = createMiddleware(async (c, next) => {
    const credentials = basicCredentials(c);
    if (!credentials) throw deviceAuthFailed('OBD_DEVICE_AUTH_REQUIRED', 'Send the device id and secret as HTTP Basic credentials.');
    const route = await deps.devices.authenticate(credentials.user, credentials.secret);
    if (!route) throw deviceAuthFailed('OBD_DEVICE_AUTH_FAILED', 'Unknown device, revoked device or wrong secret.');
    if (route.deviceId !== c.req.param('deviceId')) throw forbidden('OBD_DEVICE_FORBIDDEN', 'A device may only send its own readings.');
    authenticated.set(c.req.raw, route);
    await next();
  });
  const framesRoute = deps.kit.publicRoute({}, {
    method: 'post',
    path: '/obd/devices/{deviceId}/frames',
    tags: ['obd'],
    summary: 'A device sends frames or readings over HTTP (Basic auth: device id and secret)',
    request: { params: z.object({ deviceId: z.string().max(64) }), body: jsonBody(DevicePayloadSchema) },
    responses: {
      202: jsonContent(IngestResultSchema, 'Stored; frames that could not be decoded are listed'),
      400: problemContent('VALIDATION_FAILED, OBD_PAYLOAD_INVALID'),
      401: problemContent('OBD_DEVICE_AUTH_REQUIRED, OBD_DEVICE_AUTH_FAILED'),
      403: problemContent('OBD_DEVICE_FORBIDDEN'),
      503: problemContent('OBD_INGEST_BUSY'),
    },
  });
  r.openapi(createRoute({ ...framesRoute, middleware: [deviceAuth, ...framesRoute.middleware] }), async (c) => {
    const route = authenticated.get(c.req.raw)!;
    const body = c.req.valid('json');
    const ts = payloadTime(body.ts, deps.clock);
    if (typeof ts === 'string') throw badRequest('OBD_PAYLOAD_INVALID', ts);
    const plan = await deps.ingestion.ingest(route, 'frames' in body ? { frames: body.frames, protocol: body.protocol, ts } : { readings: body.readings, ts });
    return c.json({ accepted: plan.accepted, rejected: plan.rejected }, 202);
  });

  r.openapi(
    createRoute(
      deps.kit.protectedRoute({}, {
        method: 'post',
        path: '/obd/decode',
        tags: ['obd'],
        summary: 'Decode ELM327 response lines: one entry per frame, in order',
        request: { body: jsonBody(DecodeRequestSchema), query: LangQuerySchema },
        responses: { 200: jsonContent(z.array(z.record(z.string(), z.unknown())), 'The decoded frames'), 400: problemContent('VALIDATION_FAILED') },
      }),
    ),
    async (c) => {
      const { frames, protocol } = c.req.valid('json');
      const locale = c.req.valid('query').lang;
      return c.json(decodeFrames(frames, { describe: describeDtc, locale, ...(protocol ? { protocol } : {}) }) as unknown as Record<string, unknown>[], 200);
    },
  );
}
