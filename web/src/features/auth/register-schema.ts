import { z } from 'zod';

/**
 * The account form, checked as the API checks it before anything is sent. Messages are keys of
 * the auth messages. The SIREN's check digit is left to the API, whose answer (SIREN_INVALID)
 * is shown on the field like any other.
 */
export const registerSchema = z
  .object({
    role: z.enum(['owner', 'pro']),
    name: z.string().trim().min(1, 'errors.name').max(200),
    email: z.email('errors.email'),
    password: z.string().min(10, 'errors.passwordLength').max(256, 'errors.passwordLength'),
    company: z.object({ name: z.string().trim().max(300), siren: z.string() }),
  })
  .superRefine((v, ctx) => {
    if (v.role !== 'pro') return;
    if (!v.company.name) ctx.addIssue({ code: 'custom', path: ['company', 'name'], message: 'errors.companyName' });
    if (!/^\d{9}$/.test(v.company.siren.replace(/\s/g, ''))) ctx.addIssue({ code: 'custom', path: ['company', 'siren'], message: 'errors.siren' });
  });

export type RegisterForm = z.infer<typeof registerSchema>;

/** The request body: a company only for a professional. */
export function registerBody(v: RegisterForm) {
  const { company, ...rest } = v;
  return v.role === 'pro' ? { ...rest, company: { name: company.name, siren: company.siren.replace(/\s/g, '') } } : rest;
}
