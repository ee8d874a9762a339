import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { AppError } from '../../platform/errors.ts';
import type { IdentityFace } from '../../platform/module/identity-face.ts';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { Platform } from '../platform.ts';
import { assembleModules } from '../assemble-modules.ts';
import { faceOnly } from './face-only.ts';
import { authorizerContextOf, type AuthorizerContext } from './authorizer-context.ts';
import { instrumented, instrumentsFor, type LambdaHandler } from './instrumentation.ts';
import { reusedPerInstance } from './reused-per-instance.ts';

export type HttpAuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>;

/** Identity's face on `platform`, with nothing else of identity registered (no routes, no chores). */
export async function identityFaceOn(platform: Platform, identity: PlatformModule): Promise<IdentityFace> {
  const assembled = await assembleModules(platform, [faceOnly(identity)], { clientAddress: () => 'unknown', publicUrl: platform.config.http.publicUrl ?? 'http://localhost' });
  return assembled.identity;
}

const bearer = (event: APIGatewayRequestAuthorizerEventV2) => {
  const source = event.identitySource?.[0] ?? event.headers?.authorization;
  return source ? /^Bearer\s+(\S+)$/i.exec(source)?.[1] : undefined;
};

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). It verifies the bearer
 * token of `identitySource` (`$request.header.Authorization`) with identity's verifier —
 * Cognito user-pool tokens through aws-jwt-verify, and tokens of the platform's own issuer —
 * refuses revoked sessions, and adds the pro's organisation verification status, read fresh
 * from the database, to the context the module functions receive. A bad, expired or revoked
 * token is `isAuthorized: false` (API Gateway answers 403); an outage throws (500, retried by
 * the client), never a wrong allow.
 */
export function createHttpAuthorizer(options: { identity: PlatformModule; openPlatform: (modules: readonly PlatformModule[]) => Promise<Platform> }): LambdaHandler<APIGatewayRequestAuthorizerEventV2, HttpAuthorizerResult> {
  const face = reusedPerInstance(async () => identityFaceOn(await options.openPlatform([options.identity]), options.identity));
  const instruments = instrumentsFor('novaevo-authorizer');
  const authorize = async (event: APIGatewayRequestAuthorizerEventV2): Promise<HttpAuthorizerResult> => {
    const token = bearer(event);
    if (!token) return { isAuthorized: false, context: {} };
    const identity = await face();
    try {
      const principal = await identity.verifier.verify(token);
      if (principal.sessionId && (await identity.sessionRevoked(principal.sessionId))) return { isAuthorized: false, context: {} };
      if (principal.role === 'pro' && principal.orgId) {
        const standing = await identity.proStanding(principal.userId, principal.orgId);
        principal.verification = standing?.verification ?? 'unverified';
        principal.emailVerified = standing?.emailVerified ?? false;
      }
      return { isAuthorized: true, context: authorizerContextOf(principal) };
    } catch (err) {
      if (err instanceof AppError && err.status === 401) {
        instruments.logger.info('token refused', { code: err.code, routeArn: event.routeArn });
        return { isAuthorized: false, context: {} };
      }
      throw err;
    }
  };
  return instrumented(instruments, () => 'authorize', authorize);
}
