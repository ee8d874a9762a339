import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { cognitoTokenVerifier, issuerRoutingVerifier, localTokenVerifier, type TokenVerifier } from '../platform/auth/token-verifier.ts';
import { BLOB_ROUTE_PREFIX, blobRoutes } from '../platform/blobs/blob-routes.ts';
import { createHttpApp } from '../platform/http/app.ts';
import { idempotency } from '../platform/http/idempotency.ts';
import type { ApiRouter } from '../platform/http/router.ts';
import { IdentityService, identityRoutes, openLocalIssuer } from '../modules/identity/index.ts';
import { modules } from './modules.ts';
import type { Platform } from './platform.ts';

export interface Api {
  app: ApiRouter;
  identity: IdentityService;
  verifier: TokenVerifier;
}

/** The caller's address: the socket peer on Node; unknown elsewhere (API Gateway throttles there). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Assembles the HTTP API on the platform's adapters (the same app for Node and Lambda): identity
 * first, since it provides the token verifier, then every feature module of `modules.ts`.
 * Call once per platform, before `platform.start()`.
 */
export async function buildApi(platform: Platform, version: string): Promise<Api> {
  const { config, db, clock, logger } = platform;
  const issuer = await openLocalIssuer(db, clock);
  const verifiers: Record<string, TokenVerifier> = { [issuer.issuer]: localTokenVerifier({ issuer: issuer.issuer, keys: issuer.keys, clock }) };
  if (config.cognito) {
    const cognito = cognitoTokenVerifier(config.cognito);
    verifiers[cognito.issuer] = cognito;
  }
  const verifier = issuerRoutingVerifier(verifiers);
  const identity = new IdentityService({
    db,
    clock,
    issuer,
    logger: logger.child({ module: 'identity' }),
    accessTtlSeconds: config.tokens.accessTtlSeconds,
    refreshTtlSeconds: config.tokens.refreshTtlSeconds,
  });
  platform.housekeeping.add('identity.expired-tokens', (now) => identity.purgeExpired(now));
  const idempotent = idempotency({ db, clock });

  const parts = [];
  for (const m of modules) {
    parts.push(await m.init({ platform, verifier, idempotent, identity, logger: logger.child({ module: m.name }) }));
  }
  const uploadPrefixes = [BLOB_ROUTE_PREFIX, ...parts.flatMap((p) => p.uploadPathPrefixes ?? [])].map((p) => `/v1${p}`);

  const app = createHttpApp({
    logger,
    version,
    limits: config.limits,
    isUploadPath: (p) => uploadPrefixes.some((prefix) => p.startsWith(prefix)),
    health: async () => ({
      status: 'ok',
      version,
      mode: 'local',
      time: clock.now().toISOString(),
      adapters: platform.adapters,
    }),
  });
  const auth = identityRoutes({ service: identity, issuer, verifier, idempotent, clientAddress, authRequestsPerMinute: config.authRateLimitPerMinute });
  app.route('/.well-known', auth.wellKnown);
  app.route('/v1', auth.v1);
  app.route('/v1', blobRoutes({ blobs: platform.blobs, secret: platform.blobUrlSecret, clock }));
  for (const p of parts) if (p.routes) app.route('/v1', p.routes);
  return { app, identity, verifier };
}
