import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unprocessable } from '../errors.ts';

interface AslValidatorResult {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
type AslValidator = (definition: unknown, options?: { checkPaths: boolean; checkArn: boolean }) => AslValidatorResult;

// asl-validator is CommonJS without type declarations. Loaded on the first definition not known
// valid (it brings ajv, jsonata and jsonpath-plus).
let aslValidator: AslValidator | undefined;

// asl-validator compiles its JSON schemas with ajv on every call, ~0.1 s of CPU per definition:
// it was half of a start, which checks each module's workflow twice (loadAsl, then the engine).
// A definition found valid is remembered by the hash of what was checked (and of the validator's
// version), in this process and as an empty file in the package's .cache folder, like the PGlite
// template: only a new or changed definition is checked again. Invalid ones are never remembered.
const CHECK_VERSION = 1;
const knownValid = new Set<string>();
let recordsDir: string | undefined;

/** `.cache/asl-valid-<validator version>` at the root of the NovaEvo package. */
function validRecordsDir(): string {
  if (recordsDir) return recordsDir;
  let root = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  const { version } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('asl-validator/package.json'), 'utf8')) as { version: string };
  recordsDir = path.join(root, '.cache', `asl-valid-${version}`);
  return recordsDir;
}

function recordFor(checked: unknown): string {
  const hash = createHash('sha256').update(`${CHECK_VERSION}\n${JSON.stringify(checked)}`).digest('hex');
  return path.join(validRecordsDir(), hash);
}

function remember(record: string): void {
  knownValid.add(record);
  try {
    mkdirSync(path.dirname(record), { recursive: true });
    writeFileSync(record, '');
  } catch {
    // A read-only install only checks again at the next start.
  }
}

/** A Lambda function name as AWS allows it; such a bare name is accepted as a Task Resource. */
const FUNCTION_NAME_RE = /^[A-Za-z0-9_-]{1,64}(\.waitForTaskToken)?$/;

/** Placeholder ARN standing in for a bare function name, so the validator checks everything else. */
const placeholderArn = (name: string) => `arn:aws:lambda:eu-west-3:000000000000:function:${name}`;

/** Deep copy in which bare-name Task Resources become Lambda ARNs (asl-validator also mutates its input). */
function withArnResources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withArnResources);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = withArnResources(v);
  if (copy.Type === 'Task' && typeof copy.Resource === 'string' && FUNCTION_NAME_RE.test(copy.Resource)) {
    copy.Resource = placeholderArn(copy.Resource);
  }
  return copy;
}

/**
 * Checks an Amazon States Language definition with asl-validator (schema, JSONPaths, ARNs,
 * transitions, unique state names). Task Resources may also be bare function names
 * (`kbis-extract`), which the local engine maps to registered functions.
 * Returns the problems found, empty when the definition is valid.
 */
export function validateAsl(definition: unknown): string[] {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    return ['definition must be a JSON object'];
  }
  const checked = withArnResources(definition);
  const record = recordFor(checked);
  if (knownValid.has(record)) return [];
  if (existsSync(record)) {
    knownValid.add(record);
    return [];
  }
  aslValidator ??= createRequire(import.meta.url)('asl-validator') as AslValidator;
  // The validator mutates what it checks: the hash above was taken before.
  const result = aslValidator(checked, { checkPaths: true, checkArn: true });
  if (result.isValid) {
    remember(record);
    return [];
  }
  return result.errorsText('\n').split('\n').filter((line) => line.length > 0);
}

/** The file whose presence says that `definition` passed the validator. */
export function validityRecord(definition: unknown): string {
  return recordFor(withArnResources(definition));
}

/**
 * Throws AppError 422 `WORKFLOW_DEFINITION_INVALID` naming the workflow and every problem
 * when `definition` is not valid ASL.
 */
export function assertValidAsl(name: string, definition: unknown): void {
  const problems = validateAsl(definition);
  if (problems.length > 0) {
    throw unprocessable('WORKFLOW_DEFINITION_INVALID', `workflow ${name} is not valid ASL: ${problems.join('; ')}`, { problems });
  }
}
