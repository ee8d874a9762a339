import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import type { Clock } from '../clock.ts';
import { unauthorized } from '../errors.ts';
import { ROLES, type Principal, type Role } from './principal.ts';

/** Verifies a bearer token and says who it proves. Throws AppError 401 otherwise. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const ACCESS_TOKEN_AUDIENCE = 'novaevo-api';

const invalid = (detail: string) => unauthorized('TOKEN_INVALID', detail);

function roleOf(value: unknown): Role | undefined {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined;
}

/**
 * Verifies tokens of the local issuer (ES256, keys from the local JWKS). Expiry is judged by the
 * platform clock, the one that stamped the token (NOVAEVO_NOW may move it away from the OS clock).
 */
export function localTokenVerifier(options: { issuer: string; keys: JWTVerifyGetKey; clock: Clock }): TokenVerifier {
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: ACCESS_TOKEN_AUDIENCE,
          algorithms: ['ES256'],
          typ: 'at+jwt',
          requiredClaims: ['sub', 'exp', 'iat'],
          currentDate: options.clock.now(),
        }));
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw unauthorized('TOKEN_EXPIRED', 'The access token has expired.');
        throw invalid('The access token is not valid.');
      }
      const role = roleOf(payload.role);
      if (!payload.sub || !role) throw invalid('The access token lacks a subject or a role.');
      return {
        userId: payload.sub,
        role,
        orgId: typeof payload.org_id === 'string' ? payload.org_id : undefined,
        email: typeof payload.email === 'string' ? payload.email : undefined,
        issuer: 'local',
        ...(typeof payload.exp === 'number' ? { expiresAt: new Date(payload.exp * 1000) } : {}),
        ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
      };
    },
  };
}

/**
 * Verifies Amazon Cognito user-pool tokens (ID or access) with aws-jwt-verify. The role comes
 * from the `cognito:groups` claim (admin > pro > owner); the organisation from `custom:org_id`
 * (ID token) or `org_id` (added to access tokens by a pre-token-generation trigger).
 */
export function cognitoTokenVerifier(options: {
  userPoolId: string;
  clientId: string;
  /** Pre-loaded JWKS (tests, or an offline start); otherwise fetched from Cognito and cached. */
  jwks?: { keys: unknown[] };
}): TokenVerifier & { issuer: string } {
  const verifier = CognitoJwtVerifier.create({ userPoolId: options.userPoolId, clientId: options.clientId, tokenUse: null });
  if (options.jwks) verifier.cacheJwks(options.jwks as Parameters<typeof verifier.cacheJwks>[0]);
  const region = options.userPoolId.split('_')[0];
  return {
    issuer: `https://cognito-idp.${region}.amazonaws.com/${options.userPoolId}`,
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        payload = (await verifier.verify(token)) as Record<string, unknown>;
      } catch (err) {
        if (err instanceof JwtExpiredError) throw unauthorized('TOKEN_EXPIRED', 'The access token has expired.');
        throw invalid('The Cognito token is not valid.');
      }
      const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]) : [];
      const role: Role = groups.includes('admin') ? 'admin' : groups.includes('pro') ? 'pro' : 'owner';
      const org = payload['custom:org_id'] ?? payload.org_id;
      return {
        userId: String(payload.sub),
        role,
        orgId: role === 'pro' && typeof org === 'string' ? org : undefined,
        email: typeof payload.email === 'string' ? payload.email : undefined,
        issuer: 'cognito',
      };
    },
  };
}

/**
 * Routes a token to the verifier of its issuer. The issuer is read from the unverified payload
 * only to choose the verifier; the chosen verifier then checks signature, issuer and expiry.
 */
export function issuerRoutingVerifier(verifiers: Record<string, TokenVerifier>): TokenVerifier {
  return {
    async verify(token) {
      let iss: string | undefined;
      try {
        decodeProtectedHeader(token);
        iss = decodeJwt(token).iss;
      } catch {
        throw invalid('The access token is malformed.');
      }
      const verifier = iss === undefined ? undefined : verifiers[iss];
      if (!verifier) throw unauthorized('TOKEN_ISSUER_UNKNOWN', 'The access token comes from an issuer this platform does not trust.');
      return verifier.verify(token);
    },
  };
}
