import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDtc, dtcSystem } from './index.ts';

const hexDigit = fc.constantFrom(...'0123456789ABCDEF');
const validCode = fc
  .tuple(fc.constantFrom('P', 'C', 'B', 'U'), fc.constantFrom('0', '1', '2', '3'), hexDigit, hexDigit, hexDigit)
  .map((parts) => parts.join(''));

describe('describeDtc on known codes', () => {
  it.each([
    ['P0300', "Ratés d'allumage aléatoires ou sur plusieurs cylindres", 'Random/Multiple Cylinder Misfire Detected'],
    ['P0301', "Raté d'allumage détecté sur le cylindre 1", 'Cylinder 1 Misfire Detected'],
    ['P0420', 'Efficacité du catalyseur insuffisante (banc 1)', 'Catalyst System Efficiency Below Threshold (Bank 1)'],
    ['P0171', 'Mélange trop pauvre (banc 1)', 'System Too Lean (Bank 1)'],
    ['P0133', 'Sonde lambda amont (banc 1) : réponse lente', 'O2 Sensor Circuit Slow Response (Bank 1, Sensor 1)'],
    ['P0137', 'Sonde lambda aval (banc 1) : tension trop basse dans le circuit', 'O2 Sensor Circuit Low Voltage (Bank 1, Sensor 2)'],
    ['U0100', 'Perte de communication avec le calculateur moteur A (ECM/PCM)', 'Lost Communication With ECM/PCM A'],
    ['P0117', 'Capteur de température du liquide de refroidissement 1 : tension trop basse dans le circuit', 'Engine Coolant Temperature Sensor 1 Circuit Low'],
    ['C0031', 'Défaut du capteur de vitesse de roue avant gauche', 'Left Front Wheel Speed Sensor'],
  ])('%s reads "%s" in French and carries the J2012 wording in English', (code, french, english) => {
    expect(describeDtc(code, 'fr')).toEqual({ description: french, system: dtcSystem(code), manufacturerSpecific: false });
    expect(describeDtc(code, 'en')).toEqual({ description: english, system: dtcSystem(code), manufacturerSpecific: false });
  });

  it('labels a manufacturer-specific code with its system', () => {
    expect(describeDtc('P1234', 'fr')).toEqual({
      description: 'Code spécifique au constructeur (groupe motopropulseur)', system: 'powertrain', manufacturerSpecific: true,
    });
    expect(describeDtc('U2100', 'en')).toEqual({
      description: 'Manufacturer-specific code (network communication)', system: 'network', manufacturerSpecific: true,
    });
  });

  it('labels a generic code that the tables do not list, without calling it manufacturer-specific', () => {
    expect(describeDtc('P3F00', 'fr')).toEqual({ description: 'Code générique non répertorié (groupe motopropulseur)', system: 'powertrain', manufacturerSpecific: false });
  });

  it('accepts lower case and rejects what is not a code', () => {
    expect(describeDtc('p0301', 'en')?.description).toBe('Cylinder 1 Misfire Detected');
    expect(describeDtc('P9999', 'fr')).toBeUndefined();
    expect(describeDtc('', 'en')).toBeUndefined();
  });
});

describe('describeDtc on any input', () => {
  it('never throws on a five-character string, in either language', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 5 }), fc.constantFrom('fr' as const, 'en' as const), (text, locale) => {
        const answer = describeDtc(text, locale);
        if (answer !== undefined) expect(answer.description.length).toBeGreaterThan(0);
      }),
    );
  });

  it('answers every valid code in both languages with its system, specific or labelled', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const french = describeDtc(code, 'fr');
        const english = describeDtc(code, 'en');
        expect(french?.description).toMatch(/\S/);
        expect(english?.description).toMatch(/\S/);
        expect(french?.system).toBe(dtcSystem(code));
        expect(french?.manufacturerSpecific).toBe(english?.manufacturerSpecific);
      }),
      { numRuns: 500 },
    );
  });
});
