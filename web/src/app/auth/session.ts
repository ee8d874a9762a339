/**
 * The signed-in session. The access token lives in memory only: a script that could read
 * storage never finds a token that opens the API. The refresh token is kept in sessionStorage,
 * so that reloading the page (or opening a link in the same tab) keeps the user signed in, while
 * closing the tab ends the session and other tabs never see it; the strict Content-Security-Policy
 * (no inline or foreign scripts) is what protects it from injected code.
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is refreshed before use. */
  accessExpiresAt: number;
}

/** Why the user was sent back to the sign-in page, shown there once. */
export type SignOutReason = 'expired' | 'signed-out';

const REFRESH_KEY = 'novaevo.refresh';
// Refresh a little early, so a request never leaves with a token about to expire.
const EARLY_MS = 30_000;

type Listener = () => void;

let tokens: Tokens | undefined;
let reason: SignOutReason | undefined;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l();
}

export const session = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Has a refresh token: signed in, or able to become so without a password. */
  isSignedIn(): boolean {
    return tokens !== undefined || session.storedRefreshToken() !== undefined;
  },
  accessToken(): string | undefined {
    return tokens && Date.now() < tokens.accessExpiresAt ? tokens.accessToken : undefined;
  },
  storedRefreshToken(): string | undefined {
    return tokens?.refreshToken ?? sessionStorage.getItem(REFRESH_KEY) ?? undefined;
  },
  start(set: { access_token: string; refresh_token: string; expires_in: number }): void {
    tokens = { accessToken: set.access_token, refreshToken: set.refresh_token, accessExpiresAt: Date.now() + set.expires_in * 1000 - EARLY_MS };
    sessionStorage.setItem(REFRESH_KEY, set.refresh_token);
    reason = undefined;
    emit();
  },
  end(why: SignOutReason): void {
    tokens = undefined;
    sessionStorage.removeItem(REFRESH_KEY);
    reason = why;
    emit();
  },
  /** The reason of the last sign-out, once. */
  takeReason(): SignOutReason | undefined {
    const r = reason;
    reason = undefined;
    return r;
  },
  peekReason(): SignOutReason | undefined {
    return reason;
  },
};
