import { existsSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertValidAsl, validateAsl, validityRecord } from './validate-asl.ts';

const task = (Resource: string) => ({ StartAt: 'A', States: { A: { Type: 'Task', Resource, End: true } } });

describe('validateAsl', () => {
  it('accepts Lambda ARNs, bare function names, service integrations and callback suffixes', () => {
    for (const resource of [
      'kbis-extract',
      'kbis-extract.waitForTaskToken',
      'arn:aws:lambda:eu-west-3:000000000000:function:kbis-extract',
      'arn:aws:states:::sns:publish.waitForTaskToken',
    ]) {
      expect(validateAsl(task(resource)), resource).toEqual([]);
    }
  });

  it('reports unreachable states, missing targets and malformed resources', () => {
    expect(validateAsl({ StartAt: 'X', States: { A: { Type: 'Pass', End: true } } }).join('\n')).toMatch(/X/);
    expect(validateAsl(task('not a function name'))).not.toEqual([]);
    expect(validateAsl([])).toEqual(['definition must be a JSON object']);
  });

  it('leaves the definition it checks untouched', () => {
    const definition = task('kbis-extract');
    const before = structuredClone(definition);
    validateAsl(definition);
    expect(definition).toEqual(before);
  });

  it('remembers a definition found valid, never one found invalid', () => {
    const name = `S${randomUUID().replaceAll('-', '')}`;
    const valid = { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
    const invalid = { StartAt: 'Elsewhere', States: { [name]: { Type: 'Pass', End: true } } };
    expect(validateAsl(valid)).toEqual([]);
    expect(existsSync(validityRecord(valid))).toBe(true);
    expect(validateAsl(valid)).toEqual([]);
    for (let i = 0; i < 2; i++) expect(validateAsl(invalid).join('\n')).toMatch(/Elsewhere/);
    expect(existsSync(validityRecord(invalid))).toBe(false);
    rmSync(validityRecord(valid));
  });

  it('throws a 422 naming the workflow when invalid', () => {
    expect(() => assertValidAsl('kbis', { StartAt: 'A', States: {} })).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID', status: 422, message: expect.stringContaining('kbis') }),
    );
  });
});
