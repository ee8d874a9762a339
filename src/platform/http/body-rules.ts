import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

// HTTP/1.1: a request has a body only when it declares a length or a transfer encoding.
function hasBody(req: Request): boolean {
  const length = req.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return req.headers.has('transfer-encoding');
}

export interface BodyRulesOptions {
  jsonBodyBytes: number;
  uploadBodyBytes: number;
  /** Paths that take raw uploads (any media type, the upload size limit) instead of JSON. */
  isUploadPath: (path: string) => boolean;
}

/**
 * Enforces what a request body may be before any handler sees it:
 * - size: 413 PAYLOAD_TOO_LARGE over the JSON limit (or the upload limit on upload paths);
 * - type: 415 UNSUPPORTED_MEDIA_TYPE when it is not JSON (upload paths take any type);
 * - syntax: 400 MALFORMED_JSON when JSON does not parse (parsed once; handlers reuse the result).
 */
export function bodyRules(options: BodyRulesOptions) {
  const tooLarge = (limit: number) => () => {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
  };
  const jsonLimit = bodyLimit({ maxSize: options.jsonBodyBytes, onError: tooLarge(options.jsonBodyBytes) });
  const uploadLimit = bodyLimit({ maxSize: options.uploadBodyBytes, onError: tooLarge(options.uploadBodyBytes) });

  return createMiddleware<AppEnv>(async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || !hasBody(c.req.raw)) return next();
    const type = c.req.header('Content-Type') ?? '';
    if (options.isUploadPath(c.req.path)) return uploadLimit(c, next);
    if (JSON_TYPE.test(type)) {
      return jsonLimit(c, async () => {
        try {
          await c.req.json();
        } catch (err) {
          if (err instanceof AppError) throw err;
          throw new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
        }
        await next();
      });
    }
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send JSON with Content-Type: application/json, not "${type || 'none'}".`);
  });
}
