import { parseSiren } from '../../../platform/validation/siren.ts';
import type { RegistryLookup } from '../registry/company-registry.ts';
import { companyNamesMatch, personNamesMatch } from './company-name.ts';
import { addMonths, parisDay } from './french-date.ts';
import type { KbisFields } from './kbis-fields.ts';
import type { ReasonCode } from './reason-codes.ts';

/** The checks a verification reports, each `{code, passed, detail}`. */
export const CHECK_CODES = [
  'DOCUMENT_READABLE',
  'SIREN_VALID',
  'SIREN_MATCHES_DECLARED',
  'EXTRACT_RECENT',
  'COMPANY_NAME_MATCHES',
  'REGISTRY_ACTIVE',
  'ACTIVITY_AUTOMOTIVE',
  'VERIFICATION_CODE_PRESENT',
  'DOCUMENT_UNALTERED',
  'REPRESENTATIVE_LISTED',
  'SIREN_NOT_VERIFIED_ELSEWHERE',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** One check's outcome; `passed` is null when it could not be run (e.g. registry unavailable). */
export interface Check {
  code: CheckCode;
  passed: boolean | null;
  detail: string;
  /** The reason this check gives the decision when it failed. */
  reason?: ReasonCode;
}

/** A sign that a PDF was edited after the greffe issued it. */
export interface TamperSignal {
  signal: 'incremental-update' | 'producer' | 'modification-date' | 'text-overlap';
  detail: string;
}

/** How the text was obtained. */
export interface Readability {
  source: 'text-layer' | 'ocr' | 'none';
  /** Mean OCR confidence (0-100) when read by OCR. */
  confidence: number | null;
}

/** The rules an operator configures. */
export interface CheckPolicy {
  /** Codes outside 45.xx that count as automotive (e.g. 33.17Z, 77.11A), normalised "45.20A" form or a prefix "77.11". */
  extraAutomotiveNaf: readonly string[];
  /** Oldest extract accepted, in months (3 by default). */
  maxAgeMonths: number;
}

/** Everything a verification's checks look at. */
export interface CheckInput {
  fields: KbisFields;
  readability: Readability;
  declared: { siren: string; companyName: string };
  submittedAt: Date;
  registry: RegistryLookup;
  tamper: readonly TamperSignal[];
  accountHolderName: string;
  /** Another organisation already holds a verification that passed for this SIREN. */
  verifiedElsewhere: boolean;
  policy: CheckPolicy;
}

// The fields without which an extract says nothing: a page that yields none of them is unreadable.
function readable(f: KbisFields): boolean {
  return f.siren !== null && (f.companyName !== null || f.currentTo !== null);
}

/** True when a NAF code is automotive: 45.xx, or one of the configured codes or prefixes. */
export function isAutomotiveNaf(naf: string, extra: readonly string[]): boolean {
  return naf.startsWith('45.') || extra.some((code) => naf.startsWith(code));
}

/** Runs every check of a verification (pure: the registry answer and tamper signals come in). */
export function runChecks(input: CheckInput): Check[] {
  const { fields: f, declared, registry } = input;
  const checks: Check[] = [];
  const add = (code: CheckCode, passed: boolean | null, detail: string, reason?: ReasonCode) =>
    checks.push({ code, passed, detail, ...(passed === false && reason ? { reason } : {}) });
  const isReadable = input.readability.source !== 'none' && readable(f);
  add('DOCUMENT_READABLE', isReadable, isReadable ? `Read from the ${input.readability.source === 'ocr' ? 'scanned page (OCR)' : 'PDF text layer'}.` : 'No SIREN and company name could be read from the document.');

  const siren = f.siren === null ? undefined : parseSiren(f.siren);
  add('SIREN_VALID', f.siren === null ? null : siren !== undefined, f.siren === null ? 'No SIREN found.' : siren ? `SIREN ${f.siren} is well formed.` : `SIREN ${f.siren} fails its check digit.`, 'SIREN_INVALID');
  add('SIREN_MATCHES_DECLARED', f.siren === null ? null : f.siren === declared.siren, f.siren === null ? 'No SIREN found.' : f.siren === declared.siren ? 'Same SIREN as declared.' : `The extract shows ${f.siren}, the account declared ${declared.siren}.`, 'SIREN_MISMATCH');

  if (f.currentTo === null) add('EXTRACT_RECENT', null, 'No issue date ("à jour au") found.');
  else {
    // Not older than N months: dated 12 mars, it is accepted until 12 juin included (Paris days).
    const submitted = parisDay(input.submittedAt);
    const future = submitted < f.currentTo;
    const ok = !future && submitted <= addMonths(f.currentTo, input.policy.maxAgeMonths);
    add('EXTRACT_RECENT', ok, future ? `Dated ${f.currentTo}, after the submission.` : ok ? `Issued ${f.currentTo}.` : `Issued ${f.currentTo}, more than ${input.policy.maxAgeMonths} months before submission.`, 'DOCUMENT_EXPIRED');
  }
  if (f.companyName === null) add('COMPANY_NAME_MATCHES', null, 'No company name found.');
  else {
    const ok = companyNamesMatch(f.companyName, declared.companyName);
    add('COMPANY_NAME_MATCHES', ok, ok ? 'Same company name as declared.' : `The extract names "${f.companyName}", the account declared "${declared.companyName}".`, 'COMPANY_NAME_MISMATCH');
  }

  if (registry.outcome === 'unavailable') {
    add('REGISTRY_ACTIVE', null, `The company registry could not be asked (${registry.reason}).`);
    add('ACTIVITY_AUTOMOTIVE', null, 'The company registry could not be asked.');
  } else if (registry.outcome === 'not_found') {
    add('REGISTRY_ACTIVE', false, 'The registry knows no company with this SIREN.', 'COMPANY_NOT_FOUND');
    add('ACTIVITY_AUTOMOTIVE', null, 'No registry record to read the activity from.');
  } else {
    const c = registry.company;
    add('REGISTRY_ACTIVE', c.active, c.active ? `Active in the registry as "${c.name}".` : `Closed in the registry${c.closedOn ? ` since ${c.closedOn}` : ''}.`, 'COMPANY_CLOSED');
    if (c.naf === null) add('ACTIVITY_AUTOMOTIVE', null, 'The registry gives no activity code.');
    else {
      const ok = isAutomotiveNaf(c.naf, input.policy.extraAutomotiveNaf);
      add('ACTIVITY_AUTOMOTIVE', ok, ok ? `Activity code ${c.naf} is automotive.` : `Activity code ${c.naf} is not an automotive trade.`, 'ACTIVITY_NOT_AUTOMOTIVE');
    }
  }

  add('VERIFICATION_CODE_PRESENT', f.verificationCode !== null, f.verificationCode ? `Verification code ${f.verificationCode}.` : 'No "Code de vérification" found.');
  add('DOCUMENT_UNALTERED', input.tamper.length === 0, input.tamper.length === 0 ? 'No sign of editing after issue.' : input.tamper.map((t) => t.detail).join(' '), 'DOCUMENT_ALTERED');

  const listed = f.managers.find((m) => personNamesMatch(input.accountHolderName, m.name));
  add('REPRESENTATIVE_LISTED', listed !== undefined, listed ? `The account holder is listed as ${listed.role || 'manager'}.` : 'The account holder is not among the listed managers.', 'REPRESENTATIVE_NOT_LISTED');
  add('SIREN_NOT_VERIFIED_ELSEWHERE', !input.verifiedElsewhere, input.verifiedElsewhere ? 'Another organisation is already verified with this SIREN.' : 'No other organisation is verified with this SIREN.', 'SIREN_CLAIMED_ELSEWHERE');
  return checks;
}
