import type { MiddlewareHandler } from 'hono';
import type { TokenVerifier } from '../platform/auth/token-verifier.ts';
import type { AppEnv } from '../platform/http/app-env.ts';
import type { ApiRouter } from '../platform/http/router.ts';
import type { Logger } from '../platform/logger.ts';
import type { Migration } from '../platform/migrations.ts';
import type { IdentityService } from '../modules/identity/index.ts';
import type { Platform } from './platform.ts';

/** What a module receives when the runtime assembles it. */
export interface ModuleContext {
  platform: Platform;
  /** Verifies bearer tokens (local issuer, and Cognito when configured). */
  verifier: TokenVerifier;
  /** Route middleware that makes a creating POST honour Idempotency-Key. */
  idempotent: MiddlewareHandler<AppEnv>;
  /** The identity module's public face (users, organisations). */
  identity: IdentityService;
  logger: Logger;
}

/** What a module adds to the running platform. */
export interface ModuleParts {
  /** Mounted under /v1. */
  routes?: ApiRouter;
  /** Paths (under /v1) whose bodies are raw uploads rather than JSON, e.g. `/documents/`. */
  uploadPathPrefixes?: string[];
}

/**
 * A feature module, as the runtime sees it (Cal.com's "app store" shape): its schema, and one
 * `init` that builds routes and registers event subscriptions, workflows, task functions,
 * timers and housekeeping chores on the platform's ports. Both runtimes assemble the same list.
 */
export interface PlatformModule {
  name: string;
  migrations: readonly Migration[];
  init(ctx: ModuleContext): Promise<ModuleParts>;
}
