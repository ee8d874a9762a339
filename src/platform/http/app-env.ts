import type { Logger } from '../logger.ts';
import type { Principal } from '../auth/principal.ts';

/** Per-request values every handler can read with `c.get(...)`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by the authentication middleware on protected routes. */
    principal: Principal;
  };
}
