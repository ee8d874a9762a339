import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describedCodes, englishDescription } from './english-descriptions.ts';
import { frenchDescription } from './french-description.ts';
import { agree, de } from './french-grammar.ts';

describe('French grammar of the wording', () => {
  it('contracts "de" with the article', () => {
    expect([de('le papillon'), de('les injecteurs'), de('la pompe'), de("l'huile"), de('carburant'), de('AdBlue')]).toEqual([
      'du papillon', 'des injecteurs', 'de la pompe', "de l'huile", 'de carburant', "d'AdBlue",
    ]);
  });

  it('agrees an adjective with the noun, reading the gender from the article', () => {
    const high = ['trop élevé', 'trop élevée', 'trop élevés', 'trop élevées'] as const;
    expect([agree(high, 'le niveau'), agree(high, 'la pression'), agree(high, "l'huile moteur"), agree(high, "l'injecteur")]).toEqual([
      'trop élevé', 'trop élevée', 'trop élevée', 'trop élevé',
    ]);
  });
});

describe('frenchDescription', () => {
  it('names oxygen sensors upstream and downstream of the catalyst, as a garage does', () => {
    expect(frenchDescription('O2 Sensor Circuit Slow Response (Bank 2, Sensor 1)')).toBe('Sonde lambda amont (banc 2) : réponse lente');
    expect(frenchDescription('HO2S Heater Control Circuit Low (Bank 1, Sensor 2)')).toBe(
      'Chauffage de la sonde lambda aval (banc 1) : tension trop basse dans le circuit de commande',
    );
    expect(frenchDescription('O2 Sensor Circuit (Bank 1, Sensor 3)')).toBe('Sonde lambda n° 3 (banc 1) : défaut du circuit');
  });

  it('keeps the sensor number for other sensors', () => {
    expect(frenchDescription('Exhaust Gas Temperature Sensor Circuit Low (Bank 1 Sensor 3)')).toBe(
      "Capteur de température des gaz d'échappement (banc 1, capteur 3) : tension trop basse dans le circuit",
    );
  });

  it('agrees "too high / too low" with the part', () => {
    expect(frenchDescription('Engine Oil Pressure Too Low')).toBe("Pression d'huile moteur trop basse");
    expect(frenchDescription('Engine Oil Level Too Low')).toBe("Niveau d'huile moteur trop bas");
    expect(frenchDescription('System Voltage Low')).toBe('Tension du réseau de bord trop basse');
    expect(frenchDescription('Evaporative Emission System Pressure Sensor/Switch Low')).toBe('Capteur de pression du canister : valeur trop basse');
    expect(frenchDescription('Right Front Wheel Speed Sensor Supply')).toBe("Défaut de l'alimentation du capteur de vitesse de roue avant droite");
    expect(frenchDescription('Right Front Wheel Speed Sensor')).toBe('Défaut du capteur de vitesse de roue avant droit');
  });

  it('puts letters before a bracketed acronym and merges the location into it', () => {
    expect(frenchDescription('Invalid Data Received From ECM/PCM B')).toBe('Données invalides reçues du calculateur moteur B (ECM/PCM)');
    expect(frenchDescription('Diesel Particulate Filter Over Temperature (Bank 2)')).toBe('Filtre à particules (FAP, banc 2) : surchauffe');
  });

  it('fills cylinder numbers and letters from J2012 families', () => {
    expect(frenchDescription('Cylinder 11 Injector Circuit High')).toBe('Injecteur du cylindre 11 : tension trop élevée dans le circuit');
    expect(frenchDescription('Injector Circuit/Open - Cylinder 3')).toBe('Injecteur du cylindre 3 : circuit ouvert ou défaillant');
    expect(frenchDescription('Drive Motor B Phase W Current Sensor Circuit Low')).toBe(
      'Capteur de courant de la phase W du moteur électrique B : tension trop basse dans le circuit',
    );
  });

  it('says nothing rather than guessing when the vocabulary lacks a part', () => {
    expect(frenchDescription('Flux Capacitor Circuit Low')).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (text) => {
      const french = frenchDescription(text);
      expect(french === undefined || french.length > 0).toBe(true);
    }));
  });

  it('leaves no placeholder, doubled space or lower-case start in any shipped wording', () => {
    const bad = describedCodes()
      .map((code) => frenchDescription(englishDescription(code) ?? '') ?? '')
      .filter((french) => /[{}]|\s{2}|^[a-zé]| $| :$/.test(french));
    expect(bad).toEqual([]);
  });
});
