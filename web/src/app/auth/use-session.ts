import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problem.ts';
import { applyLocale, signedOutLocale } from '../i18n/locale.ts';
import { session } from './session.ts';

export const ME_QUERY_KEY = ['me'] as const;

/** True while a session exists (tokens in memory, or a refresh token for this tab). */
export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.isSignedIn);
}

/** The signed-in user (GET /v1/me); its `locale` becomes the page's language. */
export function useMe() {
  const signedIn = useSignedIn();
  const query = useQuery({ queryKey: ME_QUERY_KEY, queryFn: () => unwrap(api.GET('/v1/me')), enabled: signedIn, staleTime: 60_000 });
  const locale = query.data?.locale;
  useEffect(() => {
    if (locale) applyLocale(locale);
  }, [locale]);
  return query;
}

/** Email + password → a session. Throws an ApiError (LOGIN_FAILED, LOGIN_LOCKED, …). */
export async function signIn(email: string, password: string): Promise<void> {
  session.start(await unwrap(api.POST('/v1/auth/token', { body: { email, password } })));
}

/** Ends the session here and revokes its refresh token at the API; forgets every cached answer. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    const refreshToken = session.storedRefreshToken();
    session.end('signed-out');
    queryClient.clear();
    applyLocale(signedOutLocale());
    // Revoking is best effort: the session is over here whatever the network does.
    if (refreshToken) await api.POST('/v1/auth/logout', { body: { refresh_token: refreshToken } }).catch(() => undefined);
  };
}
