import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, MAKES, makeOfVin, snapMake, snapModel } from './makes.ts';

describe('snapMake', () => {
  it('snaps OCR misspellings to the make list', () => {
    expect(snapMake('RENAUIT')?.make).toBe('RENAULT');
    expect(snapMake('PEUGE0T')?.make).toBe('PEUGEOT');
    expect(snapMake('Citroën')?.make).toBe('CITROEN');
    expect(snapMake('MERCEDES -BENZ')?.make).toBe('MERCEDES-BENZ');
    expect(snapMake('V0LKSWAGFN')?.make).toBe('VOLKSWAGEN');
  });

  it('keeps every make exactly, and any single edit of a long make snaps back to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MAKES.map((m) => m.make)), fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), (make, at, letter) => {
        expect(snapMake(make)).toEqual({ make, distance: 0 });
        if (make.length < 7) return;
        const i = at % make.length;
        const typo = make.slice(0, i) + letter + make.slice(i + 1);
        expect(snapMake(typo)?.make).toBe(make);
      }),
    );
  });

  it('leaves unknown words alone', () => {
    expect(snapMake('FACTURE')).toBeUndefined();
    expect(snapMake('X')).toBeUndefined();
  });
});

describe('makes and VINs', () => {
  it('names the make of a VIN from its manufacturer code', () => {
    expect(makeOfVin('VF1RFB00X56123456')).toBe('RENAULT');
    expect(makeOfVin('5YJ3E7EB2KF123456')).toBe('TESLA');
    expect(makeOfVin('ZZZ3E7EB2KF123456')).toBeUndefined();
  });

  it('snaps a model to its make’s models when a lookalike away', () => {
    expect(snapModel('RENAULT', 'CL1O')).toBe('CLIO');
    expect(snapModel('AUDI', 'AL')).toBe('A1');
    expect(snapModel('BMW', '13')).toBe('I3');
    expect(snapModel('CITROEN', 'G3')).toBe('C3');
    expect(snapModel('RENAULT', 'ESPACE')).toBe('ESPACE');
  });

  it('measures edit distance as a metric', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
