import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, VERIFICATION_STATUSES, type Principal } from '../../platform/auth/principal.ts';
import { authorizerContextOf, principalOfAuthorizerContext } from './authorizer-context.ts';

const principal: fc.Arbitrary<Principal> = fc.record(
  {
    userId: fc.uuid(),
    role: fc.constantFrom(...ROLES),
    orgId: fc.option(fc.uuid(), { nil: undefined }),
    email: fc.option(fc.emailAddress(), { nil: undefined }),
    issuer: fc.constantFrom('local' as const, 'cognito' as const),
    verification: fc.constantFrom(...VERIFICATION_STATUSES),
    emailVerified: fc.boolean(),
    sessionId: fc.uuid(),
    expiresAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  },
  { requiredKeys: ['userId', 'role', 'orgId', 'email', 'issuer'] },
);

describe('the authorizer context', () => {
  it('carries a principal to the module functions unchanged, through JSON (property)', () => {
    fc.assert(
      fc.property(principal, (p) => {
        const context = JSON.parse(JSON.stringify(authorizerContextOf(p)));
        expect(Object.values(context).every((v) => typeof v === 'string' || typeof v === 'boolean')).toBe(true);
        expect(principalOfAuthorizerContext(context)).toEqual(p);
      }),
    );
  });

  it('reads booleans API Gateway hands back as strings', () => {
    expect(principalOfAuthorizerContext({ userId: 'u', role: 'pro', issuer: 'cognito', emailVerified: 'true' })?.emailVerified).toBe(true);
  });

  it('is no principal when malformed (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean())), (ctx) => {
        const p = principalOfAuthorizerContext(ctx);
        if (p) expect(ROLES).toContain(p.role);
      }),
    );
    expect(principalOfAuthorizerContext({ userId: 'u', role: 'root', issuer: 'local' })).toBeUndefined();
    expect(principalOfAuthorizerContext(undefined)).toBeUndefined();
  });
});
