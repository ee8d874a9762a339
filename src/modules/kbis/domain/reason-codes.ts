/** Why a verification was rejected or sent to review (stable codes, shown to pros and admins). */
export const REASON_CODES = [
  'SIREN_INVALID',
  'SIREN_MISMATCH',
  'DOCUMENT_EXPIRED',
  'COMPANY_NAME_MISMATCH',
  'COMPANY_NOT_FOUND',
  'COMPANY_CLOSED',
  'ACTIVITY_NOT_AUTOMOTIVE',
  'UNREADABLE_DOCUMENT',
  'REGISTRY_UNAVAILABLE',
  'DOCUMENT_ALTERED',
  'REPRESENTATIVE_NOT_LISTED',
  'SIREN_CLAIMED_ELSEWHERE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Reasons that reject outright; the others ask a person. */
export const REJECTING_REASONS: ReadonlySet<ReasonCode> = new Set([
  'SIREN_INVALID',
  'SIREN_MISMATCH',
  'DOCUMENT_EXPIRED',
  'COMPANY_NAME_MISMATCH',
  'COMPANY_NOT_FOUND',
  'COMPANY_CLOSED',
  'ACTIVITY_NOT_AUTOMOTIVE',
]);
