import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profiles } from './cost-arbitraries.ts';
import { parseLatestFigures, ResultsError } from './measured-invocations.ts';
import { parseUsageProfile, ProfileError } from './usage-profile.ts';

/** Every path to a number in a JSON value, with the value. */
function numericPaths(value: unknown, path: string[] = []): { path: string[]; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numericPaths(v, [...path, k]));
  return [];
}

function replaced(value: unknown, path: string[], by: unknown): unknown {
  if (!path.length) return by;
  const [head, ...rest] = path as [string, ...string[]];
  return { ...(value as object), [head]: replaced((value as Record<string, unknown>)[head], rest, by) };
}

describe('the usage profile parser', () => {
  it('reads back every figure of a valid profile', () => {
    fc.assert(
      fc.property(profiles, (input) => {
        const parsed = parseUsageProfile(JSON.stringify(input));
        for (const { path, value } of numericPaths(input)) expect(path.reduce((o: any, k) => o[k], parsed)).toBe(value);
      }),
    );
  });

  it('rejects a negative or non-numeric figure, naming its field', () => {
    fc.assert(
      fc.property(
        profiles.filter((p) => numericPaths(p).length > 0),
        fc.nat(),
        fc.constantFrom<unknown>(-1, '12', null, true, [3]),
        (input, pick, bad) => {
          const fields = numericPaths(input);
          const { path } = fields[pick % fields.length]!;
          const text = JSON.stringify(replaced(input, path, bad));
          expect(() => parseUsageProfile(text, 'p.json')).toThrow(ProfileError);
          expect(() => parseUsageProfile(text, 'p.json')).toThrow(`p.json: ${path.join('.')}: `);
        },
      ),
    );
  });

  it('rejects a field or module it does not know, naming it', () => {
    fc.assert(
      fc.property(profiles, fc.stringMatching(/^[a-z_]{1,12}$/), (input, key) => {
        fc.pre(!['kbis', 'ocr', 'nlp', 'flash', 'planning', 'affiliation', 'obd'].includes(key));
        expect(() => parseUsageProfile(JSON.stringify({ ...input, modules: { ...input.modules, [key]: { requests_per_day: 1 } } }), 'p.json')).toThrow(
          `p.json: modules.${key}: not a module`,
        );
        expect(() => parseUsageProfile(JSON.stringify({ ...input, storage: { [`${key}x`]: 1 } }), 'p.json')).toThrow(`p.json: storage.${key}x: not a field`);
      }),
    );
  });

  it('never throws anything but a ProfileError, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseUsageProfile(text);
        } catch (err) {
          expect(err).toBeInstanceOf(ProfileError);
          expect((err as ProfileError).code).toBe('PROFILE_INVALID');
        }
      }),
    );
  });

  it('accepts the profile of the source document’s volumes', async () => {
    const profile = parseUsageProfile(await readFile('profiles/source-volumes.json', 'utf8'));
    expect(profile.modules.kbis?.requests_per_day).toBe(2000);
    expect(profile.modules.flash?.requests_per_day).toBe(3000);
    expect(profile.modules.affiliation?.requests_per_day).toBe(250_000);
  });
});

describe('the benchmark figures parser', () => {
  const figure = fc.record({ name: fc.string(), value: fc.double({ noNaN: true, noDefaultInfinity: true }), unit: fc.string() });
  // A benchmark named "__proto__" cannot round-trip through a plain object (zod assigns it as
  // the prototype, which is what keeps a hostile file from polluting one): names are anything else.
  const benchName = fc.string({ minLength: 1 }).filter((name) => name !== '__proto__');
  const latest = fc.record({ updated_at: fc.string(), benchmarks: fc.dictionary(benchName, fc.record({ figures: fc.array(figure, { maxLength: 4 }) })) });

  it('reads every figure of a results file', () => {
    fc.assert(
      fc.property(latest, (file) => {
        expect(parseLatestFigures(JSON.stringify(file), 'latest.json')).toEqual(JSON.parse(JSON.stringify(file)));
      }),
    );
  });

  it('rejects a figure without a number, naming where it is', () => {
    fc.assert(
      fc.property(benchName, fc.string(), (bench, value) => {
        const text = JSON.stringify({ benchmarks: { [bench]: { figures: [{ name: 'x', value, unit: 'ms' }] } } });
        expect(() => parseLatestFigures(text, 'latest.json')).toThrow(ResultsError);
        expect(() => parseLatestFigures(text, 'latest.json')).toThrow(`latest.json: benchmarks.${bench}.figures.0.value: `);
      }),
    );
  });
});
