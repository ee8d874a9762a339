import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../normalise.ts';
import { readText } from '../tokenise.ts';
import { extractDtcCodes } from './dtc-codes.ts';
import { extractEntities } from './extract-entities.ts';
import { extractMileageKm } from './mileage.ts';
import { extractVehicleNames, makeFromVin } from './vehicle-names.ts';

const entities = (text: string) => extractEntities(foldText(text), readText(text));
const km = (text: string) => extractMileageKm(foldText(text));
const codes = (text: string) => extractDtcCodes(foldText(text));

const dtc = fc
  .tuple(fc.constantFrom('P', 'C', 'B', 'U'), fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...'0123456789ABCDEF'), { minLength: 3, maxLength: 3 }))
  .map(([system, first, rest]) => `${system}${first}${rest.join('')}`);
const spellCode = (code: string, style: number) =>
  [code, code.toLowerCase(), `${code[0]} ${code.slice(1)}`, `${code[0]!.toLowerCase()}-${code.slice(1)}`, `code ${code.toLowerCase()}`][style]!;
// Words around an injected entity: letters and spaces only, so they cannot form a code or a number.
const filler = fc
  .array(fc.constantFrom('ma', 'voiture', 'bruit', 'the', 'engine', 'voyant', 'depuis', 'hier', 'and', 'frein', 'très', 'fort'), { maxLength: 6 })
  .map((w) => w.join(' '));

function spellKm(value: number, style: number): string {
  const grouped = (sep: string) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [`${value} km`, `${grouped(' ')} km`, `${grouped('.')} kms`, `${value}km`, `${grouped(' ')} kilomètres`, `${grouped('\u202f')} km`][style]!;
}

describe('fault codes', () => {
  it('reads codes in any spelling, upper case, each once', () => {
    expect(codes('code P0301, p 0301 et p0171, puis C-0035 et u0100')).toEqual(['P0301', 'P0171', 'C0035', 'U0100']);
    expect(codes('P0301P0302 ou P4301 ou XP0301')).toEqual([]);
    expect(codes('mercedes classe C 2013, code p 0101')).toEqual(['P0101']);
  });

  it('finds any injected code whatever its spelling and surroundings', () => {
    fc.assert(
      fc.property(dtc, fc.integer({ min: 0, max: 4 }), filler, filler, (code, style, before, after) =>
        codes(`${before} ${spellCode(code, style)}, ${after}`).includes(code),
      ),
    );
  });
});

describe('mileage', () => {
  it('reads the forms owners write', () => {
    expect(km('120k km')).toBe(120_000);
    expect(km('120 000 km')).toBe(120_000);
    expect(km('85.000 kms')).toBe(85_000);
    expect(km('140000km')).toBe(140_000);
    expect(km('75k miles')).toBe(120_701);
    expect(km('90,000 miles')).toBe(144_841);
    expect(km('200 000 bornes')).toBe(200_000);
    expect(km('grinding noise, 150k')).toBe(150_000);
    expect(km('vidange tous les 15 000 km, elle a 180 000 km')).toBe(180_000);
  });

  it('does not take speeds, short distances or money for the odometer', () => {
    expect(km('ça vibre à 110 km/h')).toBeNull();
    expect(km('shakes at 70 mph')).toBeNull();
    expect(km('after 5 km it stalls')).toBeNull();
    expect(km('devis de 2k€ pour la boîte')).toBeNull();
    expect(km('rien')).toBeNull();
  });

  it('finds any injected kilometre reading, in any spelling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 999_999 }),
        fc.integer({ min: 0, max: 5 }),
        filler,
        filler,
        (value, style, before, after) => km(`${before} ${spellKm(value, style)} ${after}`) === value,
      ),
    );
  });

  it('converts any injected reading in thousands of miles to kilometres', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), filler, (thousands, before) => km(`${before} ${thousands}k miles`) === Math.round(thousands * 1609.344)),
    );
  });
});

describe('vehicle names', () => {
  it('reads make, model and year, misspellings included', () => {
    expect(extractVehicleNames(foldText('ma Peugeot 308 de 2012'))).toEqual({ make: 'Peugeot', model: '308', year: 2012 });
    expect(extractVehicleNames(foldText('ma pijo 207'))).toEqual({ make: 'Peugeot', model: '207', year: null });
    expect(extractVehicleNames(foldText('2014 Ford Focus'))).toEqual({ make: 'Ford', model: 'Focus', year: 2014 });
    expect(extractVehicleNames(foldText('ma clio 4'))).toEqual({ make: 'Renault', model: 'Clio', year: null });
    expect(extractVehicleNames(foldText('hyundia tucson 2016'))).toEqual({ make: 'Hyundai', model: 'Tucson', year: 2016 });
    expect(extractVehicleNames(foldText('Golf 7 TDI de 2015'))).toEqual({ make: 'Volkswagen', model: 'Golf', year: 2015 });
    expect(extractVehicleNames(foldText('sur ma 3008'))).toEqual({ make: 'Peugeot', model: '3008', year: null });
  });

  it('does not take everyday words or unrelated years for a vehicle', () => {
    expect(extractVehicleNames(foldText('the car seat is torn'))).toEqual({ make: null, model: null, year: null });
    expect(extractVehicleNames(foldText('réparé en 2019, la note était salée'))).toEqual({ make: null, model: null, year: null });
  });

  it('knows makes by their VIN manufacturer code', () => {
    expect(makeFromVin('VF1RFB00X56123456')).toBe('Renault');
    expect(makeFromVin('WVWZZZ1KZ8W000000')).toBe('Volkswagen');
    expect(makeFromVin('XXX00000000000000')).toBeNull();
  });
});

describe('extractEntities', () => {
  it('reads warning lights by their French and English names', () => {
    expect(entities('voyant moteur et témoin de pression d’huile allumés').warningLights).toEqual(['check_engine', 'oil_pressure']);
    expect(entities('check engine light and ABS light on, TPMS too').warningLights).toEqual(['check_engine', 'abs', 'tyre_pressure']);
    expect(entities('voyant FAP et voyant de préchauffage').warningLights).toEqual(['glow_plug', 'dpf']);
  });

  it('reads components, slang included, leaving warning-light names to the lights', () => {
    expect(entities('vanne EGR encrassée et FAP bouché').components).toEqual(['egr_valve', 'dpf']);
    expect(entities('brake pads and discs worn, clutch slipping').components).toEqual(['brake_pads', 'brake_discs', 'clutch']);
    expect(entities('le pare-brise est fissuré et l’essuie-glace ne marche plus').components).toEqual(['windscreen', 'wipers']);
    expect(entities('no heater and the blower is dead').components).toEqual(['heater', 'blower']);
    expect(entities('tyre pressure light on, voyant de pression des pneus').components).toEqual([]);
  });

  it('never throws and returns well-formed entities for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), (text) => {
        const e = entities(text);
        return (
          e.dtcCodes.every((c) => /^[PCBU][0-3][0-9A-F]{3}$/.test(c)) &&
          (e.mileageKm === null || (Number.isInteger(e.mileageKm) && e.mileageKm >= 100)) &&
          (e.year === null || (e.year >= 1950 && e.year <= 2049))
        );
      }),
      { numRuns: 300 },
    );
  });
});
