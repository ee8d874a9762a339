import { z } from 'zod';
import { defineEvents } from '../../platform/module/events.ts';
import { REASON_CODES } from './domain/reason-codes.ts';

const Decision = z.enum(['verified', 'rejected', 'needs_review']);

/** Events the KBIS module publishes. */
export const kbisEvents = defineEvents('kbis', {
  /** A pro uploaded an extract: the verification workflow starts from it. */
  'kbis.verification-submitted': z.object({ verificationId: z.string(), orgId: z.string(), siren: z.string() }),
  /** A verification was decided, by the workflow (`decidedBy` "auto") or by an admin. */
  'kbis.verification-decided': z.object({
    verificationId: z.string(),
    orgId: z.string(),
    siren: z.string(),
    decision: Decision,
    reasons: z.array(z.enum(REASON_CODES)),
    decidedBy: z.string(),
  }),
  /** The yearly registry re-check found a verified company closed: its organisation lost its status. */
  'kbis.company-closed': z.object({ verificationId: z.string(), orgId: z.string(), siren: z.string() }),
  /** An admin uploaded a SIRENE stock file: the import runs from it. */
  'kbis.registry-upload-received': z.object({ blobKey: z.string(), size: z.number() }),
});
