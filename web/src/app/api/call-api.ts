import { sessionFetch } from './client.ts';
import { ApiError, type Problem } from './problem.ts';

/**
 * One call to the API with the session's token: a JSON body (or a FormData upload) in, the
 * JSON answer out (undefined for 204). A problem+json answer becomes an ApiError carrying its
 * code; no answer at all is NETWORK_ERROR. `headers` adds request headers (an Idempotency-Key).
 */
export async function callApi<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    const init: RequestInit = { method, headers: body === undefined || body instanceof FormData ? headers : { ...headers, 'content-type': 'application/json' } };
    if (body !== undefined) init.body = body instanceof FormData ? body : JSON.stringify(body);
    res = await sessionFetch(new Request(new URL(path, window.location.origin), init));
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(problem?.code ? { ...problem, status: res.status } : { status: res.status, code: res.status >= 500 ? 'SERVER_ERROR' : 'UNEXPECTED_RESPONSE' });
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}
