import type { DocumentType } from '../../../platform/documents/document-type.ts';
import type { KbisFields } from '../domain/kbis-fields.ts';
import type { Decision, ReasonCode } from '../domain/decide.ts';
import type { RegistryCompany } from '../registry/company-registry.ts';
import { invalidSiren, randomSiren, sampleCompany } from './company-samples.ts';
import { kbisPdf, type PdfForgery } from './kbis-pdf.ts';
import { blankScan, kbisScan } from './kbis-scan.ts';
import { SeededRandom } from './seeded-random.ts';

/** The situations the corpus covers: one per reason code, and genuine extracts. */
export const CASE_KINDS = [
  'genuine',
  'siren-invalid',
  'siren-mismatch',
  'expired',
  'name-mismatch',
  'not-found',
  'closed',
  'not-automotive',
  'unreadable',
  'registry-unavailable',
  'altered',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** One generated verification with what a correct verifier concludes. */
export interface KbisCase {
  id: string;
  kind: CaseKind;
  medium: 'digital' | 'scan';
  document: Uint8Array;
  type: DocumentType;
  /** What the pro declared at registration, and the account holder's name. */
  declared: { siren: string; companyName: string };
  accountHolder: string;
  /** What the registry holds for the extract's SIREN: a company, nothing, or no answer. */
  registry: RegistryCompany | null | 'unavailable';
  /** The printed fields (null for an unreadable document); altered fields are not scored. */
  fields: KbisFields | null;
  expected: { decision: Decision; reason: ReasonCode | null };
}

// On a scan, failures read from the page go to a person rather than to a rejection (decide.ts).
const FROM_PAGE: ReadonlySet<CaseKind> = new Set(['siren-invalid', 'siren-mismatch', 'expired', 'name-mismatch', 'not-found']);
const REASON: Record<CaseKind, ReasonCode | null> = {
  genuine: null,
  'siren-invalid': 'SIREN_INVALID',
  'siren-mismatch': 'SIREN_MISMATCH',
  expired: 'DOCUMENT_EXPIRED',
  'name-mismatch': 'COMPANY_NAME_MISMATCH',
  'not-found': 'COMPANY_NOT_FOUND',
  closed: 'COMPANY_CLOSED',
  'not-automotive': 'ACTIVITY_NOT_AUTOMOTIVE',
  unreadable: 'UNREADABLE_DOCUMENT',
  'registry-unavailable': 'REGISTRY_UNAVAILABLE',
  altered: 'DOCUMENT_ALTERED',
};
const FORGERIES: readonly PdfForgery[] = ['incremental-update', 'editor-producer', 'late-modification', 'text-overprint'];

function expectedDecision(kind: CaseKind, medium: 'digital' | 'scan'): Decision {
  if (kind === 'genuine') return 'verified';
  if (kind === 'unreadable' || kind === 'registry-unavailable' || kind === 'altered') return 'needs_review';
  return medium === 'scan' && FROM_PAGE.has(kind) ? 'needs_review' : 'rejected';
}

// How pros type their company's name: the greffe's spelling, or lower case, without accents, with the legal form.
function declaredName(name: string, formAbbr: string, rng: SeededRandom): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '');
  return rng.pick([name, `${name} ${formAbbr}`, plain.toLowerCase(), `${formAbbr} ${plain}`]);
}

/**
 * Generates one case of `kind` at `at` (the submission time), reproducibly from `seed`.
 * Digital cases are PDFs with a text layer; scans are degraded JPEG photos of the first page.
 */
export async function generateCase(kind: CaseKind, medium: 'digital' | 'scan', seed: number, at: Date): Promise<KbisCase> {
  const rng = new SeededRandom(seed);
  const age = kind === 'expired' ? rng.int(100, 500) : rng.int(0, 80);
  const sample = sampleCompany(rng, at, age, { automotive: kind !== 'not-automotive' });
  const f = sample.spec.fields;
  if (kind === 'siren-invalid') f.siren = invalidSiren(rng);
  const declared = {
    siren: kind === 'siren-mismatch' || kind === 'siren-invalid' ? randomSiren(rng) : f.siren!,
    companyName: kind === 'name-mismatch' ? `GARAGE ${rng.pick(['AUTRE', 'VOISIN', 'CONCURRENT'])} ${rng.int(1, 99)}` : declaredName(f.companyName!, sample.formAbbr, rng),
  };
  const [surname = 'X', given = 'Y'] = (f.managers[0]?.name ?? 'X Y').split(' ');
  const accountHolder = rng.pick([`${given} ${surname}`, `${given[0]}. ${surname}`, 'Paul Inconnu']);
  const registry: KbisCase['registry'] =
    kind === 'not-found' || kind === 'siren-invalid' ? null
    : kind === 'registry-unavailable' ? 'unavailable'
    : { siren: f.siren!, name: f.companyName!, active: kind !== 'closed', naf: sample.naf, closedOn: kind === 'closed' ? '2025-11-30' : null };
  const forgery = kind === 'altered' ? rng.pick(FORGERIES) : 'none';
  const issued = new Date(Date.parse(`${f.currentTo}T08:00:00Z`));
  const pdf = await kbisPdf(sample.spec, issued, forgery);
  const fields = forgery === 'text-overprint' ? { ...f, shareCapital: null } : f;
  const base = { id: `${medium}-${kind}-${seed}`, kind, medium, declared, accountHolder, registry, expected: { decision: expectedDecision(kind, medium), reason: REASON[kind] } };
  if (kind === 'unreadable') {
    // A digital upload that is no extract at all (a truncated download), a scan of nothing.
    return medium === 'digital'
      ? { ...base, document: pdf.slice(0, Math.floor(pdf.length / 3)), type: 'application/pdf', fields: null }
      : { ...base, document: await blankScan(rng), type: 'image/jpeg', fields: null };
  }
  if (medium === 'digital') return { ...base, document: pdf, type: 'application/pdf', fields };
  // An altered scan cannot be told from a genuine one by its bytes: scans of altered PDFs are not generated.
  const scan = await kbisScan(pdf, rng);
  return { ...base, document: scan.jpeg, type: 'image/jpeg', fields };
}

/** The kinds of a corpus of `size` cases, every kind at least once, genuine ones the most common. */
export function corpusPlan(size: number, medium: 'digital' | 'scan'): CaseKind[] {
  const kinds = CASE_KINDS.filter((k) => medium === 'digital' || k !== 'altered');
  return Array.from({ length: size }, (_, i) => (i % 2 === 0 ? 'genuine' : kinds[((i - 1) / 2) % kinds.length]!));
}

/** Generates a corpus lazily (documents are built on demand, never committed). */
export async function* generateCorpus(size: number, medium: 'digital' | 'scan', at: Date, seed = 1): AsyncGenerator<KbisCase> {
  const plan = corpusPlan(size, medium);
  for (let i = 0; i < plan.length; i++) yield await generateCase(plan[i]!, medium, seed * 100_003 + i, at);
}
