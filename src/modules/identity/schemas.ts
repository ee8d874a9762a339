import { z } from '@hono/zod-openapi';
import { VERIFICATION_STATUSES } from '../../platform/auth/principal.ts';
import { EmailSchema, PasswordSchema, text } from '../../platform/validation/text.ts';

export { EmailSchema, PasswordSchema };


export const RegisterSchema = z
  .object({
    email: EmailSchema,
    password: PasswordSchema,
    role: z.enum(['owner', 'pro']).openapi({ description: 'Admins are never self-registered.' }),
    locale: z.enum(['fr', 'en']).optional().openapi({ description: 'Language of emails and pages (default fr)' }),
    name: text({ max: 200 }),
    company: z
      .object({
        name: text({ max: 300 }),
        siren: z.string().max(20).openapi({ example: '732829320', description: '9 digits, Luhn check digit; spaces allowed' }),
      })
      .optional(),
  })
  .openapi('RegisterRequest');

export const OrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    siren: z.string(),
    verified: z.boolean(),
    verification: z.enum(VERIFICATION_STATUSES).openapi({ description: 'Only `verified` opens the pro-only features (set by KBIS verification).' }),
  })
  .openapi('Organisation');

export const LocaleSchema = z.enum(['fr', 'en']).openapi({ description: 'Language of pages and notifications' });

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'pro', 'admin']),
    name: z.string(),
    locale: LocaleSchema,
    emailVerified: z.boolean(),
    created_at: z.string(),
    organisation: OrganisationSchema.nullable(),
  })
  .openapi('User');

export const TokenRequestSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(256) }).openapi('TokenRequest');
export const RefreshRequestSchema = z.object({ refresh_token: z.string().min(1).max(512) }).openapi('RefreshRequest');

export const TokenSetSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
  })
  .openapi('TokenSet');

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    role: z.enum(['owner', 'pro', 'admin']),
    name: z.string().nullable(),
    locale: LocaleSchema,
    emailVerified: z.boolean(),
    issuer: z.enum(['local', 'cognito']),
    organisation: OrganisationSchema.nullable(),
  })
  .openapi('Me');

export const UpdateMeSchema = z
  .object({ locale: LocaleSchema.optional(), name: text({ max: 200 }).optional() })
  .openapi('UpdateMeRequest');

export const RegistrationAcceptedSchema = z
  .object({
    status: z.literal('accepted'),
    message: z.string(),
  })
  .openapi('RegistrationAccepted', {
    description: 'The same answer whether or not the address already had an account: the mailbox gets what it needs.',
  });

export const VerifyEmailSchema = z.object({ token: z.string().min(1).max(200) }).openapi('VerifyEmailRequest');
