import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoTokenVerifier, issuerRoutingVerifier, type TokenVerifier } from './token-verifier.ts';

const POOL = 'eu-west-3_TestPool1';
const CLIENT = 'client-abc123';
const ISSUER = `https://cognito-idp.eu-west-3.amazonaws.com/${POOL}`;

describe('Cognito user-pool tokens (aws-jwt-verify, JWKS preloaded: no network)', () => {
  let privateKey: CryptoKey;
  let verifier: TokenVerifier & { issuer: string };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-kid', alg: 'RS256', use: 'sig' };
    verifier = cognitoTokenVerifier({ userPoolId: POOL, clientId: CLIENT, jwks: { keys: [jwk] } });
  });

  const sign = (claims: Record<string, unknown>, opts: { exp?: number; iss?: string; key?: CryptoKey } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ token_use: 'id', aud: CLIENT, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-kid' })
      .setIssuer(opts.iss ?? ISSUER)
      .setSubject('cognito-sub-1')
      .setIssuedAt(now - 10)
      .setExpirationTime(opts.exp ?? now + 600)
      .sign(opts.key ?? privateKey);
  };

  it('derives the issuer from the pool id', () => {
    expect(verifier.issuer).toBe(ISSUER);
  });

  it('maps groups to the role and custom:org_id to the organisation', async () => {
    const token = await sign({ 'cognito:groups': ['pro'], 'custom:org_id': 'org-1', email: 'pro@example.fr' });
    expect(await verifier.verify(token)).toEqual({ userId: 'cognito-sub-1', role: 'pro', orgId: 'org-1', email: 'pro@example.fr', issuer: 'cognito' });
    const admin = await sign({ 'cognito:groups': ['pro', 'admin'] });
    expect((await verifier.verify(admin)).role).toBe('admin');
    const owner = await sign({});
    expect(await verifier.verify(owner)).toMatchObject({ role: 'owner', orgId: undefined });
  });

  it('rejects expired, foreign-signed and wrong-audience tokens', async () => {
    const expired = await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(verifier.verify(expired)).rejects.toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    const other = await generateKeyPair('RS256');
    await expect(verifier.verify(await sign({}, { key: other.privateKey }))).rejects.toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    await expect(verifier.verify(await sign({ aud: 'another-client' }))).rejects.toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('is chosen by issuer when routed, and an unknown issuer is refused', async () => {
    const routed = issuerRoutingVerifier({ [verifier.issuer]: verifier });
    expect((await routed.verify(await sign({ 'cognito:groups': ['admin'] }))).role).toBe('admin');
    await expect(routed.verify(await sign({}, { iss: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_Other' }))).rejects.toMatchObject({
      code: 'TOKEN_ISSUER_UNKNOWN',
    });
    await expect(routed.verify('not.a.jwt')).rejects.toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });
});
