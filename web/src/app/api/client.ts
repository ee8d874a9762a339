import createClient from 'openapi-fetch';
import { session } from '../auth/session.ts';
import type { paths } from './schema.gen.ts';

let refreshing: Promise<boolean> | undefined;

async function refresh(): Promise<boolean> {
  const refreshToken = session.storedRefreshToken();
  if (!refreshToken) return false;
  const res = await fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (!res.ok) return false;
  session.start(await res.json());
  return true;
}

/** One refresh at a time: a second one would reuse the rotated token, which revokes the family. */
function refreshOnce(): Promise<boolean> {
  refreshing ??= refresh().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

function withToken(request: Request): Request {
  const token = session.accessToken();
  const r = new Request(request);
  if (token) r.headers.set('authorization', `Bearer ${token}`);
  return r;
}

/**
 * fetch with the session: adds the access token, refreshes it when it is about to expire or the
 * API answers 401, and ends the session (the shell then shows the sign-in page with a message)
 * when the refresh token no longer works. Credential endpoints go through untouched.
 */
export async function sessionFetch(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.startsWith('/v1/auth/') || !session.isSignedIn()) return fetch(request);
  if (!session.accessToken()) await refreshOnce();
  const retry = request.clone();
  const res = await fetch(withToken(request));
  if (res.status !== 401) return res;
  if (await refreshOnce()) {
    const again = await fetch(withToken(retry));
    if (again.status !== 401) return again;
  }
  session.end('expired');
  return res;
}

/** The typed API client: paths, bodies and answers come from the generated schema.gen.ts. */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: sessionFetch });
