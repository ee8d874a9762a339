import type { Context } from 'hono';
import { BLOB_ROUTE_PREFIX, blobRoutes } from '../platform/blobs/blob-routes.ts';
import { createHttpApp } from '../platform/http/app.ts';
import { bodyRules } from '../platform/http/body-rules.ts';
import type { ApiRouter } from '../platform/http/router.ts';
import type { PlatformModule } from '../platform/module/module.ts';
import { inboxRoutes } from '../platform/notifications/inbox-routes.ts';
import { staticWeb } from '../platform/http/static-web.ts';
import { assembleModules, type AssembledModules } from './assemble-modules.ts';
import type { Platform } from './platform.ts';
import { clientAddressResolver } from './client-address.ts';

export interface Api {
  app: ApiRouter;
  modules: AssembledModules;
}

/**
 * Assembles the HTTP API on the platform's adapters (the same app for Node and Lambda): every
 * module of the list, in order (identity first), then the platform's own routes (inbox, signed
 * blob URLs). Call once per platform, before `platform.start()`.
 */
export async function buildApi(
  platform: Platform,
  options: {
    version: string;
    modules: readonly PlatformModule[];
    publicUrl: string;
    deviceMqttUrl?: string;
    clientAddress?: (c: Context) => string;
    /** Runtime facts for /health beyond the adapters (e.g. the MQTT access policy). */
    health?: () => Record<string, string>;
  },
): Promise<Api> {
  const { clock } = platform;
  // Filled once the modules declared theirs; read per request.
  const uploadPrefixes = [`/v1${BLOB_ROUTE_PREFIX}`];
  const bodies = bodyRules({ ...platform.config.limits, isUploadPath: (p) => uploadPrefixes.some((prefix) => p.startsWith(prefix)) });
  const assembled = await assembleModules(platform, options.modules, {
    clientAddress: options.clientAddress ?? clientAddressResolver(platform.config.trustProxy),
    publicUrl: options.publicUrl,
    bodyRules: bodies,
    ...(options.deviceMqttUrl ? { deviceMqttUrl: options.deviceMqttUrl } : {}),
  });
  uploadPrefixes.push(...assembled.uploadPathPrefixes.map((p) => `/v1${p}`));
  const app = createHttpApp({
    logger: platform.logger,
    version: options.version,
    publicUrl: options.publicUrl,
    health: async () => ({
      status: 'ok',
      version: options.version,
      mode: 'local',
      time: clock.now().toISOString(),
      adapters: { ...platform.adapters, ...assembled.health, ...options.health?.() },
    }),
  });
  for (const r of assembled.rootRouters) app.route('/', r);
  for (const r of assembled.routers) app.route('/v1', r);
  app.route('/v1', inboxRoutes({ kit: assembled.kit, inbox: assembled.inbox, clock, templates: () => assembled.templates }));
  app.route('/v1', blobRoutes({ blobs: platform.blobs, secret: platform.blobUrlSecret, clock, bodyRules: bodies }));
  app.use('*', staticWeb()); // last: the web app answers only what no API route did
  return { app, modules: assembled };
}
