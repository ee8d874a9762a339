import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSignedIn } from '../auth/use-session.ts';
import { applyLocale, signedOutLocale } from '../i18n/locale.ts';

/** When a session ends (signed out, or its refresh token refused), forgets what it had loaded. */
export function SessionWatcher() {
  const signedIn = useSignedIn();
  const queryClient = useQueryClient();
  const was = useRef(signedIn);
  useEffect(() => {
    if (was.current && !signedIn) {
      queryClient.clear();
      applyLocale(signedOutLocale());
    }
    was.current = signedIn;
  }, [signedIn, queryClient]);
  return null;
}
