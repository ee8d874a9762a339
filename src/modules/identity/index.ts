/** The identity module's public face: accounts, organisations, the local token issuer. */
export { identityMigrations } from './migrations.ts';
export { IdentityService, normaliseEmail, type NewUser, type TokenSet, type UserView } from './identity-service.ts';
export { LOCAL_ISSUER, openLocalIssuer, type LocalIssuer } from './local-issuer.ts';
export { identityRoutes } from './routes.ts';
