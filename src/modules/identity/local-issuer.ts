import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';
import { ACCESS_TOKEN_AUDIENCE } from '../../platform/auth/token-verifier.ts';
import type { Role } from '../../platform/auth/principal.ts';

/** The issuer of locally signed tokens; stable across restarts so issued tokens stay valid. */
const LOCAL_ISSUER = 'urn:novaevo:local';
const ALG = 'ES256';

export interface AccessClaims {
  userId: string;
  role: Role;
  orgId: string | undefined;
  email: string;
  /** The sign-in session (refresh-token family): logging out revokes its access tokens too. */
  sessionId?: string;
}

/** The local identity provider's keys: signs access tokens and publishes the JWKS. */
export interface LocalIssuer {
  issuer: string;
  sign(claims: AccessClaims, ttlSeconds: number): Promise<string>;
  jwks(): Promise<{ keys: JWK[] }>;
  /** Key lookup for jose's jwtVerify. */
  keys: JWTVerifyGetKey;
}

/** Creates the first ES256 signing key, unless another instance starting alongside already did. */
async function createFirstKey(db: SqlDatabase, clock: Clock): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = newId();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  await db.transaction(async (tx) => {
    // Instances starting together on one database must agree on a single first key.
    await tx.query('LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE');
    await tx.query(
      `INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at)
       SELECT $1, $2, $3::jsonb, $4::jsonb, $5 WHERE NOT EXISTS (SELECT 1 FROM signing_keys)`,
      [kid, ALG, JSON.stringify(privateJwk), JSON.stringify(publicJwk), clock.now()],
    );
  });
}

/**
 * Loads the signing keys from the database, creating an ES256 key on first start.
 * Keys live in SQL so that every process sharing the database signs and verifies alike.
 */
export async function openLocalIssuer(db: SqlDatabase, clock: Clock): Promise<LocalIssuer> {
  if ((await db.query('SELECT 1 FROM signing_keys LIMIT 1')).rowCount === 0) await createFirstKey(db, clock);
  const { rows } = await db.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
    'SELECT kid, private_jwk, public_jwk FROM signing_keys ORDER BY created_at DESC, kid DESC',
  );
  const current = rows[0]!;
  const signingKey = await importJWK(current.private_jwk, ALG);
  const publicKeys = rows.map((r) => r.public_jwk);
  const keySet = createLocalJWKSet({ keys: publicKeys });
  return {
    issuer: LOCAL_ISSUER,
    keys: keySet,
    jwks: async () => ({ keys: publicKeys }),
    async sign(claims, ttlSeconds) {
      const now = Math.floor(clock.now().getTime() / 1000);
      return new SignJWT({ role: claims.role, email: claims.email, ...(claims.orgId ? { org_id: claims.orgId } : {}), ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
        .setProtectedHeader({ alg: ALG, kid: current.kid, typ: 'at+jwt' })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setSubject(claims.userId)
        .setJti(newId())
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(signingKey);
    },
  };
}

/**
 * The local issuer, opened on first use: module initialisation does no I/O, so that build tools
 * can list what a module declares without a database (see runtime/describe-modules.ts).
 */
export function lazyLocalIssuer(db: SqlDatabase, clock: Clock): LocalIssuer {
  let opened: Promise<LocalIssuer> | undefined;
  const open = () => {
    opened ??= openLocalIssuer(db, clock).catch((err: unknown) => {
      opened = undefined;
      throw err;
    });
    return opened;
  };
  return {
    issuer: LOCAL_ISSUER,
    keys: async (header, token) => (await open()).keys(header, token),
    jwks: async () => (await open()).jwks(),
    sign: async (claims, ttlSeconds) => (await open()).sign(claims, ttlSeconds),
  };
}
