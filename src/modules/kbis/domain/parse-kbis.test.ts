import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleCompany } from '../corpus/company-samples.ts';
import { kbisRows, layoutAsText } from '../corpus/kbis-layout.ts';
import { SeededRandom } from '../corpus/seeded-random.ts';
import { parseKbisText } from './parse-kbis.ts';

const AT = new Date('2026-03-20T10:00:00Z');

describe('parseKbisText', () => {
  it('reads back every field of a generated extract, however its long values wrap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 25, max: 90 }), (seed, width) => {
        const { spec } = sampleCompany(new SeededRandom(seed), AT, seed % 200);
        expect(parseKbisText(layoutAsText(kbisRows(spec), width))).toEqual(spec.fields);
      }),
      { numRuns: 150 },
    );
  });

  it('reads the example of the issue: a SIREN with spaces, a written date', () => {
    const f = parseKbisText([
      'Code de vérification : Xy3kP9qLm2',
      'à jour au 12 mars 2026',
      'IDENTIFICATION DE LA PERSONNE MORALE',
      'Immatriculation au RCS, numéro 812 345 674 R.C.S. Lyon',
      "Date d'immatriculation 12/03/2016",
      'Dénomination ou raison sociale GARAGE DU CENTRE',
      'Capital social 7 622,45 Euros',
      'GESTION, DIRECTION, ADMINISTRATION, CONTRÔLE, ASSOCIÉS OU MEMBRES',
      'Gérant',
      'Nom, prénoms DUPONT Jean',
    ]);
    expect(f).toMatchObject({
      siren: '812345674',
      rcsCity: 'Lyon',
      currentTo: '2026-03-12',
      registrationDate: '2016-03-12',
      companyName: 'GARAGE DU CENTRE',
      shareCapital: 7622.45,
      managers: [{ role: 'Gérant', name: 'DUPONT Jean' }],
      verificationCode: 'Xy3kP9qLm2',
    });
  });

  it('tolerates what OCR does to labels: lost accents, case, missing spaces', () => {
    const f = parseKbisText(['a jour au 01/02/2026', 'IDENTIFICATION DE LA PERSONNE MORALE', 'IMMATRICULATION AU RCS,NUMERO 812345674 RCS LYON', 'Denomination ou raison sociale : Garage X']);
    expect(f).toMatchObject({ siren: '812345674', rcsCity: 'LYON', currentTo: '2026-02-01', companyName: 'Garage X' });
  });

  it('reads a share capital however OCR punctuates it', () => {
    for (const written of ['10 000,00 Euros', '10 000.00 Euros', '10.000,00 Euros', '10,000.00 Euros', '10000 Euros'])
      expect(parseKbisText(['IDENTIFICATION DE LA PERSONNE MORALE', `Capital social ${written}`]).shareCapital).toBe(10000);
  });

  it('takes the company number, not a corporate manager’s', () => {
    const f = parseKbisText([
      'IDENTIFICATION DE LA PERSONNE MORALE',
      'Immatriculation au RCS, numéro 812 345 674 R.C.S. Lyon',
      'GESTION, DIRECTION, ADMINISTRATION, CONTRÔLE, ASSOCIÉS OU MEMBRES',
      'Président',
      'Dénomination HOLDING DUPONT',
      'Immatriculation au RCS, numéro 732 829 320 R.C.S. Paris',
    ]);
    expect(f.siren).toBe('812345674');
    expect(f.managers).toEqual([{ role: 'Président', name: 'HOLDING DUPONT' }]);
  });

  it('never throws, whatever the rows, and finds nothing in text that is not an extract', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 30 }), (rows) => {
        const f = parseKbisText(rows);
        if (f.siren !== null) expect(f.siren).toMatch(/^\d{9}$/);
      }),
      { numRuns: 40 },
    );
    expect(parseKbisText(['Bonjour', 'ceci est une facture'])).toMatchObject({ siren: null, companyName: null, currentTo: null });
  });
});
