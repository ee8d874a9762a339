import { createRequire } from 'node:module';
import { unprocessable } from '../errors.ts';

interface AslValidatorResult {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
type AslValidator = (definition: unknown, options?: { checkPaths: boolean; checkArn: boolean }) => AslValidatorResult;

// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

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
  const result = aslValidator(withArnResources(definition), { checkPaths: true, checkArn: true });
  if (result.isValid) return [];
  return result.errorsText('\n').split('\n').filter((line) => line.length > 0);
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
