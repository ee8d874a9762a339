import { z } from '@hono/zod-openapi';

// C0 and C1 control characters and DEL; tab, line feed and carriage return only where text may span lines.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * The one string type for every text the platform stores or looks up: trimmed, NFC-normalised,
 * well-formed UTF-16 (no lone surrogate, which PostgreSQL cannot store), free of control
 * characters (no NUL, which PostgreSQL refuses), and bounded. Anything else is a 400
 * VALIDATION_FAILED naming the field, never a 500 from the database.
 *
 * @example
 * const NameSchema = text({ max: 200 });
 */
export function text(options: { max: number; min?: number; multiline?: boolean }) {
  const control = options.multiline ? CONTROL : CONTROL_SINGLE_LINE;
  return z
    .string()
    .max(options.max * 4) // cheap bound before any scan: a string 4× over is refused outright
    .refine((s) => s.isWellFormed(), 'must be well-formed Unicode text')
    .refine((s) => !control.test(s), 'must not contain control characters')
    .transform((s) => s.trim().normalize('NFC'))
    .pipe(z.string().min(options.min ?? 1, options.min === 0 ? undefined : 'must not be empty').max(options.max));
}

/** Email addresses: at most 254 characters (RFC 5321), stored lower-cased. */
export const EmailSchema = z
  .string()
  .max(254, 'an email address has at most 254 characters')
  .refine((s) => s.isWellFormed() && !CONTROL_SINGLE_LINE.test(s), 'must be well-formed text')
  .transform((s) => s.trim().toLowerCase().normalize('NFC'))
  .pipe(z.email())
  .openapi({ example: 'camille@example.fr' });

/** The password policy, for every account (admins included): long enough to resist guessing, bounded so hashing cannot exhaust the server. */
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(256, 'at most 256 characters');
