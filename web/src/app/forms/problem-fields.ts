import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../api/problem.ts';

/**
 * Puts the API's field errors next to their fields: the `errors` of a VALIDATION_FAILED problem
 * by their path (`company.siren`), and the codes that concern one field (SIREN_INVALID → the
 * SIREN field) by `fieldOfCode`. Returns true when the problem was shown on a field, false when
 * the form should show it as a whole.
 */
export function showProblemOnFields<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  options: { fields: readonly Path<T>[]; fieldOfCode: Partial<Record<string, Path<T>>>; message: (code: string) => string; invalidField: string },
): boolean {
  if (!(error instanceof ApiError)) return false;
  const { code, errors } = error.problem;
  const field = options.fieldOfCode[code];
  if (field) {
    setError(field, { type: 'server', message: options.message(code) }, { shouldFocus: true });
    return true;
  }
  if (code !== 'VALIDATION_FAILED' || !errors) return false;
  const known = errors.filter((e) => (options.fields as readonly string[]).includes(e.path));
  // The API's zod messages are English developer text: the field gets plain words instead.
  known.forEach((e, i) => setError(e.path as Path<T>, { type: 'server', message: options.invalidField }, { shouldFocus: i === 0 }));
  return known.length > 0 && known.length === errors.length;
}
