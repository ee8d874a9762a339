import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';

/** RFC 9457 problem details, with the stable machine `code` clients branch on. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://novaevo.fr/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The `type` URI of a problem code: stable, documented, never dereferenced by clients. */
export function problemType(code: string): string {
  return `https://novaevo.fr/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export interface ProblemInit {
  status: number;
  code: string;
  detail?: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Builds the application/problem+json response for `init`. */
export function problemResponse(c: Context<AppEnv>, init: ProblemInit): Response {
  // Unset when the failure happens before the request-context middleware ran.
  const requestId = c.get('requestId') as string | undefined;
  const body: Record<string, unknown> = {
    type: problemType(init.code),
    title: TITLES[init.status] ?? 'Error',
    status: init.status,
    code: init.code,
    ...(init.detail ? { detail: init.detail } : {}),
    instance: new URL(c.req.url).pathname,
    ...(requestId ? { request_id: requestId } : {}),
    ...init.extra,
  };
  return c.body(JSON.stringify(body), init.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...init.headers,
  });
}

/** The OpenAPI description of a problem response, for route definitions. */
export function problemContent(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}
