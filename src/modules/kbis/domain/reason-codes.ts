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

/** Each reason in a few plain words, for notifications (the pages explain each check at length). */
export const REASON_LABELS: Readonly<Record<'fr' | 'en', Readonly<Record<ReasonCode, string>>>> = {
  fr: {
    SIREN_INVALID: 'numéro SIREN invalide',
    SIREN_MISMATCH: 'SIREN différent de celui du compte',
    DOCUMENT_EXPIRED: 'extrait de plus de 3 mois',
    COMPANY_NAME_MISMATCH: 'dénomination différente de celle du compte',
    COMPANY_NOT_FOUND: 'entreprise introuvable au registre',
    COMPANY_CLOSED: 'entreprise radiée ou cessée',
    ACTIVITY_NOT_AUTOMOTIVE: 'activité hors automobile',
    UNREADABLE_DOCUMENT: 'document illisible',
    REGISTRY_UNAVAILABLE: 'registre indisponible',
    DOCUMENT_ALTERED: 'document modifié après sa délivrance',
    REPRESENTATIVE_NOT_LISTED: 'titulaire du compte absent des dirigeants',
    SIREN_CLAIMED_ELSEWHERE: 'SIREN déjà vérifié pour un autre compte',
  },
  en: {
    SIREN_INVALID: 'invalid SIREN number',
    SIREN_MISMATCH: 'SIREN differs from the account’s',
    DOCUMENT_EXPIRED: 'extract older than 3 months',
    COMPANY_NAME_MISMATCH: 'company name differs from the account’s',
    COMPANY_NOT_FOUND: 'company not in the registry',
    COMPANY_CLOSED: 'company struck off or closed',
    ACTIVITY_NOT_AUTOMOTIVE: 'activity outside the motor trade',
    UNREADABLE_DOCUMENT: 'unreadable document',
    REGISTRY_UNAVAILABLE: 'registry unavailable',
    DOCUMENT_ALTERED: 'document edited after it was issued',
    REPRESENTATIVE_NOT_LISTED: 'account holder not among the managers',
    SIREN_CLAIMED_ELSEWHERE: 'SIREN already verified for another account',
  },
};

/** The reasons in words, in one language, for a notification. */
export const reasonsInWords = (reasons: readonly ReasonCode[], lang: 'fr' | 'en'): string => reasons.map((r) => REASON_LABELS[lang][r]).join(', ');
