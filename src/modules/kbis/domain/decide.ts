import type { Check, Readability } from './checks.ts';
import { REJECTING_REASONS, type ReasonCode } from './reason-codes.ts';

export { REASON_CODES, type ReasonCode } from './reason-codes.ts';

/** The outcome of a verification. */
export type Decision = 'verified' | 'rejected' | 'needs_review';

// Reasons that follow from what was read on the page (a registry that knows no such SIREN too):
// on a scan a misread character may cause them, so a person looks.
const READ_FROM_PAGE: ReadonlySet<ReasonCode> = new Set(['SIREN_INVALID', 'SIREN_MISMATCH', 'COMPANY_NAME_MISMATCH', 'DOCUMENT_EXPIRED', 'COMPANY_NOT_FOUND']);

/**
 * Decides from the checks. An unreadable document always goes to review; otherwise any
 * rejecting failure rejects (on a scan, one read from the page asks a person instead); a check
 * that could not run (no registry answer, a field not found) or a tamper signal asks a person;
 * `verified` only when nothing is in doubt.
 */
export function decide(checks: readonly Check[], readability: Readability, options: { representativeRequired: boolean }): { decision: Decision; reasons: ReasonCode[] } {
  const byCode = new Map(checks.map((c) => [c.code, c]));
  if (byCode.get('DOCUMENT_READABLE')?.passed !== true) return { decision: 'needs_review', reasons: ['UNREADABLE_DOCUMENT'] };
  const rejects = new Set<ReasonCode>();
  const reviews = new Set<ReasonCode>();
  for (const c of checks) {
    if (c.passed === null) reviews.add(c.code === 'REGISTRY_ACTIVE' || c.code === 'ACTIVITY_AUTOMOTIVE' ? 'REGISTRY_UNAVAILABLE' : 'UNREADABLE_DOCUMENT');
    if (c.passed !== false || !c.reason) continue;
    if (c.reason === 'REPRESENTATIVE_NOT_LISTED' && !options.representativeRequired) continue;
    const rejecting = REJECTING_REASONS.has(c.reason) && !(readability.source === 'ocr' && READ_FROM_PAGE.has(c.reason));
    (rejecting ? rejects : reviews).add(c.reason);
  }
  if (rejects.size) return { decision: 'rejected', reasons: [...rejects] };
  if (reviews.size) return { decision: 'needs_review', reasons: [...reviews] };
  return { decision: 'verified', reasons: [] };
}
