import { z } from '@hono/zod-openapi';
import { CHECK_CODES } from '../domain/checks.ts';
import { KbisFieldsSchema } from '../domain/kbis-fields.ts';
import { REASON_CODES } from '../domain/reason-codes.ts';

export const VerificationStatusSchema = z.enum(['pending', 'verified', 'rejected', 'needs_review']);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

export const CheckSchema = z
  .object({ code: z.enum(CHECK_CODES), passed: z.boolean().nullable(), detail: z.string(), reason: z.enum(REASON_CODES).optional() })
  .openapi('KbisCheck');

/** A verification as its pro and admins see it. */
export const VerificationSchema = z
  .object({
    id: z.string(),
    status: VerificationStatusSchema,
    siren: z.string().openapi({ description: 'The SIREN the organisation declared' }),
    declaredName: z.string(),
    extracted: KbisFieldsSchema.nullable().openapi({ description: 'Fields read from the extract (null while pending)' }),
    checks: z.array(CheckSchema),
    reasons: z.array(z.enum(REASON_CODES)),
    textSource: z.enum(['text-layer', 'ocr', 'none']).nullable(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable().openapi({ description: '"auto" (the workflow) or "admin:<user id>"' }),
    documentAvailable: z.boolean().openapi({ description: 'False once the retention period deleted the document' }),
  })
  .openapi('KbisVerification');
export type Verification = z.infer<typeof VerificationSchema>;

/** A row of `kbis_verifications`. */
export interface VerificationRow {
  id: string;
  org_id: string;
  user_id: string;
  siren: string;
  declared_name: string;
  status: VerificationStatus;
  document_key: string;
  document_type: string;
  document_sha256: string;
  document_deleted_at: Date | null;
  text_source: 'text-layer' | 'ocr' | 'none' | null;
  ocr_confidence: number | null;
  extracted: z.infer<typeof KbisFieldsSchema> | null;
  tamper: unknown;
  registry: unknown;
  checks: z.infer<typeof CheckSchema>[];
  reasons: (typeof REASON_CODES)[number][];
  proposed: 'verified' | 'rejected' | 'needs_review' | null;
  verification_code: string | null;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  registry_checked_at: Date | null;
}

/** The API view of a row. */
export function toVerification(r: VerificationRow): Verification {
  return {
    id: r.id,
    status: r.status,
    siren: r.siren,
    declaredName: r.declared_name,
    extracted: r.extracted,
    checks: r.checks,
    reasons: r.reasons,
    textSource: r.text_source,
    submittedAt: r.submitted_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedBy: r.decided_by,
    documentAvailable: r.document_deleted_at === null,
  };
}
