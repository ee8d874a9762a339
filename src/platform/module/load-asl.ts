import { readFileSync } from 'node:fs';
import { assertValidAsl } from '../workflows/validate-asl.ts';

/**
 * Reads and validates an Amazon States Language file shipped beside a module, e.g.
 * `loadAsl(new URL('./verify.asl.json', import.meta.url))`. The same file is what Step
 * Functions runs in AWS. Throws when the JSON or the ASL is not valid.
 */
export function loadAsl(url: URL): Record<string, unknown> {
  const name = url.pathname.split('/').at(-1) ?? url.pathname;
  const definition = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  assertValidAsl(name, definition);
  return definition;
}
