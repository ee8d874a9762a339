import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { cognitoTokenVerifier, issuerRoutingVerifier, localTokenVerifier, type TokenVerifier } from '../platform/auth/token-verifier.ts';
import { createHttpApp } from '../platform/http/app.ts';
import { idempotency } from '../platform/http/idempotency.ts';
import type { ApiRouter } from '../platform/http/router.ts';
import { BLOB_ROUTE_PREFIX, blobRoutes } from '../platform/blobs/blob-routes.ts';
import { adminRoutes } from '../modules/admin/routes.ts';
import { IdentityService } from '../modules/identity/identity-service.ts';
import { openLocalIssuer } from '../modules/identity/local-issuer.ts';
import { identityRoutes } from '../modules/identity/routes.ts';
import { VehicleService } from '../modules/vehicles/vehicle-service.ts';
import { vehicleRoutes } from '../modules/vehicles/routes.ts';
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

/** Builds the HTTP API of every module on the platform's adapters (same app for Node and Lambda). */
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

  const app = createHttpApp({
    logger,
    version,
    limits: config.limits,
    isUploadPath: (p) => p.startsWith(`/v1${BLOB_ROUTE_PREFIX}`),
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
  app.route('/v1', vehicleRoutes({ service: new VehicleService({ db, clock, events: platform.events }), verifier, idempotent }));
  app.route('/v1', adminRoutes({ verifier, events: platform.events }));
  app.route('/v1', blobRoutes({ blobs: platform.blobs, secret: platform.blobUrlSecret, clock }));
  return { app, identity, verifier };
}
