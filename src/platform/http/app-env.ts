import type { Logger } from '../logger.ts';
import type { Principal } from '../auth/principal.ts';

/**
 * Per-request values every handler can read with `c.get(...)`. The principal is not among
 * them: only routes behind the route kit's authentication see it (see {@link AuthedEnv}), so
 * that a handler which forgot authentication does not compile when it reads the caller.
 */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
  };
}

/** The environment of a handler behind authentication: the verified caller is present. */
export interface AuthedEnv {
  Variables: AppEnv['Variables'] & {
    principal: Principal;
  };
}
