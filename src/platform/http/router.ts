import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { zodIssues } from './errors-to-problems.ts';
import { problemResponse } from './problem.ts';

/**
 * A router whose zod validation failures become 400 VALIDATION_FAILED problems.
 * Every module builds its routes on one of these, so that OpenAPI and validation stay one thing.
 */
export function createApiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(c, {
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: `The request ${result.target === 'json' ? 'body' : result.target} is not valid.`,
          extra: { errors: zodIssues(result.error) },
        });
      }
      return undefined;
    },
  });
}

export type ApiRouter = OpenAPIHono<AppEnv>;
