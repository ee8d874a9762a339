import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';
import { problemResponse } from './problem.ts';

/** Zod issues as `{path, message}` pairs, the `errors` member of a VALIDATION_FAILED problem. */
export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/**
 * The one place where failures become HTTP responses. Known errors keep their status and code;
 * anything else is logged with its stack and answered as a 500 without internals.
 */
export function errorToProblem(err: unknown, c: Context<AppEnv>): Response {
  if (err instanceof AppError) {
    return problemResponse(c, {
      status: err.status,
      code: err.code,
      detail: err.message,
      ...(err.details ? { extra: err.details } : {}),
      ...(err.headers ? { headers: err.headers } : {}),
    });
  }
  if (err instanceof ZodError) {
    return problemResponse(c, { status: 400, code: 'VALIDATION_FAILED', detail: 'The request is not valid.', extra: { errors: zodIssues(err) } });
  }
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) {
      return problemResponse(c, { status: 400, code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' });
    }
    return problemResponse(c, { status: err.status, code: err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'HTTP_ERROR', detail: err.message });
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problemResponse(c, { status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred; it has been logged.' });
}
