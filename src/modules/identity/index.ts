import { cognitoTokenVerifier, issuerRoutingVerifier, localTokenVerifier, type TokenVerifier } from '../../platform/auth/token-verifier.ts';
import { cachingVerifier } from '../../platform/auth/verified-token-cache.ts';
import { forbidden } from '../../platform/errors.ts';
import type { AuthedEnv } from '../../platform/http/app-env.ts';
import { createMiddleware } from 'hono/factory';
import type { IdentityFace, UserSummary } from '../../platform/module/identity-face.ts';
import type { IdentityParts, PlatformModule } from '../../platform/module/module.ts';
import { identityConfig } from './config.ts';
import { IdentityService, type UserView } from './identity-service.ts';
import { lazyLocalIssuer } from './local-issuer.ts';
import { identityMigrations } from './migrations.ts';
import { Organisations } from './organisations.ts';
import { ProStandings } from './pro-standings.ts';
import { RevokedSessions } from './revoked-sessions.ts';
import { EmailVerifications } from './email-verifications.ts';
import { Registration } from './registration.ts';
import { SqlRateLimitStore } from '../../platform/http/sql-rate-limit-store.ts';
import { identityRoutes } from './routes.ts';

export type { UserView, TokenSet, NewUser } from './identity-service.ts';

const summary = (u: UserView): UserSummary => ({
  id: u.id,
  email: u.email,
  role: u.role,
  name: u.name,
  locale: u.locale,
  emailVerified: u.emailVerified,
  orgId: u.organisation?.id ?? null,
});

/** 403 `PRO_NOT_VERIFIED` unless the (authenticated) caller is a pro of a verified organisation. */
const requireVerifiedPro = createMiddleware<AuthedEnv>(async (c, next) => {
  const p = c.get('principal');
  if (p.role !== 'pro' || p.verification !== 'verified') {
    throw forbidden('PRO_NOT_VERIFIED', 'Your company must be verified (Kbis) before you can use this feature.');
  }
  if (!p.emailVerified) throw forbidden('EMAIL_NOT_VERIFIED', 'Confirm your email address (the link we sent you) before you can use this feature.');
  await next();
});

/**
 * Accounts, organisations and tokens: an ordinary module that also provides the identity face
 * every other module receives (verifier, users, organisations and their verification).
 */
export const identityModule: PlatformModule<typeof identityConfig> = {
  name: 'identity',
  migrations: identityMigrations,
  config: identityConfig,
  async init(ctx): Promise<IdentityParts> {
    const { db, clock, config } = ctx;
    const issuer = lazyLocalIssuer(db, clock);
    const verifiers: Record<string, TokenVerifier> = { [issuer.issuer]: localTokenVerifier({ issuer: issuer.issuer, keys: issuer.keys, clock }) };
    if (config.cognito) {
      const cognito = cognitoTokenVerifier(config.cognito);
      verifiers[cognito.issuer] = cognito;
    }
    const revoked = new RevokedSessions(db, clock, config.tokens.accessTtlSeconds);
    const service = new IdentityService({
      db,
      clock,
      issuer,
      revoked,
      logger: ctx.logger,
      accessTtlSeconds: config.tokens.accessTtlSeconds,
      refreshTtlSeconds: config.tokens.refreshTtlSeconds,
    });
    const organisations = new Organisations(db);
    const standings = new ProStandings((userId, orgId) => organisations.standing(userId, orgId));
    const verifications = new EmailVerifications(db, clock, () => standings.forget());
    const registration = new Registration({
      db,
      accounts: service,
      verifications,
      logger: ctx.logger,
      appUrl: ctx.publicUrl,
      sendEmail: async (tx, to, message) => {
        await ctx.notifications.send({ recipient: to, channel: 'email', subject: message.subject, body: message.body, template: 'identity.account' }, tx);
      },
    });
    const face: IdentityFace = {
      verifier: cachingVerifier(issuerRoutingVerifier(verifiers), clock),
      getUser: async (id, tx) => {
        const u = await service.findUserView(id, tx);
        return u && summary(u);
      },
      usersWithRole: async (role, limit = 100) => (await service.usersOfRole(role, Math.min(Math.max(1, limit), 1000))).map(summary),
      getOrganisation: (id) => organisations.get(id),
      setOrganisationVerification: async (id, decision) => {
        try {
          await organisations.setVerification(id, decision);
        } finally {
          standings.forget();
        }
      },
      organisationVerification: (id) => organisations.verificationOf(id),
      proStanding: (userId, orgId) => standings.of(userId, orgId),
      sessionRevoked: (sid) => revoked.isRevoked(sid),
      requireVerifiedPro,
    };
    const routes = identityRoutes({
      service,
      registration,
      issuer,
      kit: ctx.http,
      authRequestsPerMinute: config.authRateLimitPerMinute,
      // In SQL, so that every process behind a load balancer counts against one limit.
      rateLimitStore: new SqlRateLimitStore({ db, clock, prefix: 'identity.auth' }),
    });
    return {
      routes: routes.v1,
      rootRoutes: routes.wellKnown,
      chores: {
        'identity.expired-tokens': (now) => service.purgeExpired(now),
        'identity.expired-verification-links': (now) => verifications.purge(now),
      },
      health: { identity: config.cognito ? 'local+cognito' : 'local' },
      provides: {
        identity: {
          ...face,
          ensureAdmin: (email, password) => service.ensureAdmin(email, password),
          createUser: (input) => service.createUser(input),
          setPassword: (email, password) => service.setPassword(email, password),
        },
      },
    };
  },
};
