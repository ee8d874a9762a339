import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryCompany, RegistryLookup } from '../registry/company-registry.ts';
import { runChecks, type CheckInput } from './checks.ts';
import { decide } from './decide.ts';
import type { KbisFields } from './kbis-fields.ts';
import { tamperSignals } from './tamper.ts';

const FIELDS: KbisFields = {
  siren: '732829320',
  rcsCity: 'Lyon',
  companyName: "GARAGE DE L'ÉTOILE",
  legalForm: 'Société à responsabilité limitée',
  shareCapital: 10000,
  registrationDate: '2015-06-15',
  currentTo: '2026-03-01',
  address: '12 rue de la République 69002 Lyon',
  managers: [{ name: 'DUPONT Jean', role: 'Gérant' }],
  activity: 'Entretien et réparation de véhicules automobiles légers',
  verificationCode: 'Xy3kP9qLm2',
};
const COMPANY: RegistryCompany = { siren: '732829320', name: "GARAGE DE L'ETOILE", active: true, naf: '45.20A', closedOn: null };
const ACTIVE: RegistryLookup = { outcome: 'found', company: COMPANY };

function verdict(change: Partial<Omit<CheckInput, 'fields'>> & { fields?: Partial<KbisFields> } = {}, options = { representativeRequired: false }) {
  const input: CheckInput = {
    readability: { source: 'text-layer', confidence: null },
    declared: { siren: '732829320', companyName: 'Garage de l’Etoile SARL' },
    submittedAt: new Date('2026-03-20T10:00:00Z'),
    registry: ACTIVE,
    tamper: [],
    accountHolderName: 'Jean Dupont',
    verifiedElsewhere: false,
    policy: { extraAutomotiveNaf: ['77.11'], maxAgeMonths: 3 },
    ...change,
    fields: { ...FIELDS, ...change.fields },
  };
  const checks = runChecks(input);
  return { checks, ...decide(checks, input.readability, options) };
}

describe('the decision', () => {
  it('verifies a genuine, recent extract of the declared company, and reports every check', () => {
    const v = verdict();
    expect(v).toMatchObject({ decision: 'verified', reasons: [] });
    expect(v.checks.every((c) => c.passed === true)).toBe(true);
    expect(v.checks).toHaveLength(11);
  });

  it('rejects with the reason of each failed check', () => {
    expect(verdict({ fields: { siren: '732829321' } }).reasons).toContain('SIREN_INVALID');
    expect(verdict({ declared: { siren: '552100554', companyName: 'Garage de l’Etoile' } }).reasons).toEqual(['SIREN_MISMATCH']);
    expect(verdict({ fields: { currentTo: '2025-12-19' } }).reasons).toEqual(['DOCUMENT_EXPIRED']);
    // Exactly three months old (20 December to 20 March) is still within three months; the day
    // before (above) is not; and an extract dated after its submission is refused too.
    expect(verdict({ fields: { currentTo: '2025-12-20' } }).reasons).not.toContain('DOCUMENT_EXPIRED');
    expect(verdict({ fields: { currentTo: '2026-03-21' } }).reasons).toContain('DOCUMENT_EXPIRED');
    expect(verdict({ declared: { siren: '732829320', companyName: 'Garage du Lac' } }).reasons).toEqual(['COMPANY_NAME_MISMATCH']);
    expect(verdict({ registry: { outcome: 'not_found' } }).reasons).toContain('COMPANY_NOT_FOUND');
    expect(verdict({ registry: { outcome: 'found', company: { ...COMPANY, active: false, closedOn: '2025-01-31' } } }).reasons).toEqual(['COMPANY_CLOSED']);
    expect(verdict({ registry: { outcome: 'found', company: { ...COMPANY, naf: '56.10A' } } })).toMatchObject({ decision: 'rejected', reasons: ['ACTIVITY_NOT_AUTOMOTIVE'] });
  });

  it('accepts La Poste’s SIREN (it passes Luhn like any other: La Poste’s exception is for its SIRETs), and the configured extra activity codes', () => {
    const laPoste = verdict({ fields: { siren: '356000000' }, declared: { siren: '356000000', companyName: "Garage de l'Etoile" }, registry: { outcome: 'found', company: { siren: '356000000', name: 'LA POSTE', active: true, naf: '77.11A', closedOn: null } } });
    expect(laPoste.decision).toBe('verified');
  });

  it('never verifies an unreadable document or one the registry could not confirm', () => {
    expect(verdict({ readability: { source: 'none', confidence: null } })).toMatchObject({ decision: 'needs_review', reasons: ['UNREADABLE_DOCUMENT'] });
    expect(verdict({ fields: { siren: null, companyName: null } })).toMatchObject({ decision: 'needs_review', reasons: ['UNREADABLE_DOCUMENT'] });
    expect(verdict({ registry: { outcome: 'unavailable', reason: 'circuit open' } })).toMatchObject({ decision: 'needs_review', reasons: ['REGISTRY_UNAVAILABLE'] });
    expect(verdict({ fields: { currentTo: null } })).toMatchObject({ decision: 'needs_review', reasons: ['UNREADABLE_DOCUMENT'] });
  });

  it('asks a person, not a rejection, when a scan reads a different SIREN or name', () => {
    const ocr = { source: 'ocr', confidence: 80 } as const;
    expect(verdict({ readability: ocr, fields: { siren: '732829321' } }).decision).toBe('needs_review');
    expect(verdict({ readability: ocr, declared: { siren: '732829320', companyName: 'Garage du Lac' } }).decision).toBe('needs_review');
  });

  it('sends altered documents and SIRENs verified for another organisation to review', () => {
    expect(verdict({ tamper: [{ signal: 'producer', detail: 'LibreOffice' }] })).toMatchObject({ decision: 'needs_review', reasons: ['DOCUMENT_ALTERED'] });
    expect(verdict({ verifiedElsewhere: true })).toMatchObject({ decision: 'needs_review', reasons: ['SIREN_CLAIMED_ELSEWHERE'] });
  });

  it('reports whether the account holder is a listed manager, and acts on it only when configured', () => {
    const stranger = verdict({ accountHolderName: 'Paul Martin' });
    expect(stranger.checks.find((c) => c.code === 'REPRESENTATIVE_LISTED')?.passed).toBe(false);
    expect(stranger.decision).toBe('verified');
    expect(verdict({ accountHolderName: 'Paul Martin' }, { representativeRequired: true })).toMatchObject({ decision: 'needs_review', reasons: ['REPRESENTATIVE_NOT_LISTED'] });
    expect(verdict({ accountHolderName: 'J. Dupont' }, { representativeRequired: true }).decision).toBe('verified');
  });
});

describe('tamper signals', () => {
  const clean = { laterRevisions: [], producer: 'Infogreffe', creator: 'Infogreffe', created: new Date('2026-03-01T08:00:00Z'), modified: new Date('2026-03-01T08:00:00Z'), currentTo: '2026-03-01', overlaps: [] };
  it('find nothing in a PDF as the greffe issued it, a signature update included', () => {
    expect(tamperSignals(clean)).toEqual([]);
    expect(tamperSignals({ ...clean, laterRevisions: ['12 0 obj << /Type /Sig /ByteRange [0 10 20 30] /Contents <00> >> endobj'] })).toEqual([]);
  });
  it('find edits, editing tools, late modifications, back-dated creation and overprinted text', () => {
    expect(tamperSignals({ ...clean, laterRevisions: ['5 0 obj << /Length 9 >> stream BT (x) Tj ET endstream'] }).map((s) => s.signal)).toEqual(['incremental-update']);
    expect(tamperSignals({ ...clean, producer: 'LibreOffice 7.6' }).map((s) => s.signal)).toEqual(['producer']);
    expect(tamperSignals({ ...clean, modified: new Date('2026-03-15T08:00:00Z') }).map((s) => s.signal)).toEqual(['modification-date']);
    expect(tamperSignals({ ...clean, created: new Date('2025-01-01T08:00:00Z'), modified: new Date('2025-01-01T08:00:00Z') }).map((s) => s.signal)).toEqual(['modification-date']);
    expect(tamperSignals({ ...clean, overlaps: [['10 000,00', '150 000,00']] }).map((s) => s.signal)).toEqual(['text-overlap']);
  });

  it('never verifies what it could not check: an unreadable document, an unavailable registry, a missing field, a tamper signal', () => {
    const field = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          siren: field(fc.constantFrom('732829320', '732829321', '552100554')),
          companyName: field(fc.constantFrom("GARAGE DE L'ÉTOILE", 'AUTRE SOCIETE')),
          currentTo: field(fc.constantFrom('2026-03-01', '2025-11-01', '2026-04-01')),
        }),
        fc.constantFrom<RegistryLookup>(ACTIVE, { outcome: 'not_found' }, { outcome: 'unavailable', reason: 'timeout' }, { outcome: 'found', company: { ...COMPANY, active: false } }),
        fc.constantFrom<CheckInput['readability']>({ source: 'text-layer', confidence: null }, { source: 'ocr', confidence: 0.4 }, { source: 'none', confidence: null }),
        fc.boolean(),
        (fields, registry, readability, altered) => {
          const v = verdict({ fields, registry, readability, tamper: altered ? tamperSignals({ laterRevisions: ['5 0 obj << /Length 9 >> stream BT (x) Tj ET endstream'], producer: 'Infogreffe', creator: 'Infogreffe', created: new Date('2026-03-01T08:00:00Z'), modified: new Date('2026-03-05T00:00:00Z'), currentTo: '2026-03-01', overlaps: [] }) : [] });
          const doubtful = readability.source === 'none' || registry.outcome !== 'found' || Object.values(fields).some((x) => x === null) || altered;
          if (doubtful) expect(v.decision).not.toBe('verified');
          if (v.decision === 'verified') expect(v.checks.every((c) => c.passed === true)).toBe(true);
        },
      ),
    );
  });
});
