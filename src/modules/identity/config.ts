import { z } from 'zod';
import { optionalString } from '../../platform/config.ts';

const seconds = z.coerce.number().int().positive();

/** Identity's configuration section (environment variables). */
export const identityConfig = z
  .object({
    COGNITO_USER_POOL_ID: optionalString,
    COGNITO_CLIENT_ID: optionalString,
    ACCESS_TOKEN_TTL_SECONDS: seconds.default(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds.default(30 * 24 * 3600),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  })
  .refine((c) => (c.COGNITO_USER_POOL_ID === undefined) === (c.COGNITO_CLIENT_ID === undefined), {
    message: 'COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID go together',
    path: ['COGNITO_CLIENT_ID'],
  })
  .transform((c) => ({
    cognito: c.COGNITO_USER_POOL_ID && c.COGNITO_CLIENT_ID ? { userPoolId: c.COGNITO_USER_POOL_ID, clientId: c.COGNITO_CLIENT_ID } : undefined,
    tokens: { accessTtlSeconds: c.ACCESS_TOKEN_TTL_SECONDS, refreshTtlSeconds: c.REFRESH_TOKEN_TTL_SECONDS },
    authRateLimitPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE,
  }));

export type IdentityConfig = z.output<typeof identityConfig>;
