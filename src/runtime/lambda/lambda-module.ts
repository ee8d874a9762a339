import { getConnInfo } from 'hono/aws-lambda';
import type { Principal } from '../../platform/auth/principal.ts';
import type { TokenVerifier } from '../../platform/auth/token-verifier.ts';
import type { ApiRouter } from '../../platform/http/router.ts';
import type { IdentityParts, ModuleParts, PlatformModule } from '../../platform/module/module.ts';
import type { EventBus, EventHandler } from '../../platform/ports/event-bus.ts';
import type { MqttMessageHandler } from '../../platform/ports/mqtt.ts';
import type { TaskFunction } from '../../platform/ports/workflows.ts';
import type { MqttAccessHooks } from '../../platform/module/mqtt-access.ts';
import { buildApi } from '../api.ts';
import { Housekeeping } from '../housekeeping.ts';
import { faceOnly } from './face-only.ts';
import type { Platform } from '../platform.ts';
import type { Logger } from '../../platform/logger.ts';

/** One module as its Lambda function runs it: the Hono app of its routes and its declared parts. */
export interface LambdaModule {
  app: ApiRouter;
  subscriptions: { name: string; pattern: string; handler: EventHandler }[];
  tasks: ReadonlyMap<string, TaskFunction>;
  /** The module's chores (and the platform's own, in identity's function). */
  housekeeping: Housekeeping;
  mqtt: { filter: string; handler: MqttMessageHandler }[];
  mqttAccess: MqttAccessHooks | undefined;
  logger: Logger;
  /**
   * The principal API Gateway's authorizer proved for the request in hand, and its bearer
   * token: the route kit's verification of that token answers with it (no second JWT check,
   * no JWKS fetch). Set per request by the handler; any other token is verified as usual.
   */
  trust(token: string | undefined, principal: Principal | undefined): void;
  close(): Promise<void>;
}

/** `target` with some members replaced (the rest bound to it). */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

/** MQTT topic filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * Initialises `module` (after identity's face and the faces it reads) on `platform` the way the local runtime does —
 * through `buildApi`, so the Hono app is the same one — and keeps its parts for the handler.
 * Subscriptions are not registered on the bus (EventBridge rules deliver them); tasks and
 * workflows are registered with the platform's workflows port as locally.
 */
export async function assembleLambdaModule(
  platform: Platform,
  module: PlatformModule,
  options: { identity: PlatformModule; version: string; /** Modules whose faces `module` reads (`ctx.faceOf`). */ faces?: readonly PlatformModule[] },
): Promise<LambdaModule> {
  let parts: ModuleParts | undefined;
  let trusted: { token: string; principal: Principal } | undefined;
  const trusting = (verifier: TokenVerifier): TokenVerifier => ({
    verify: async (token) => (trusted && trusted.token === token ? { ...trusted.principal } : verifier.verify(token)),
  });
  const captured = (m: PlatformModule): PlatformModule => ({
    ...m,
    async init(ctx) {
      const p = await m.init(ctx as never);
      if (m.name === module.name) parts = p;
      if (!('provides' in p)) return p;
      const provided = (p as IdentityParts).provides.identity;
      return { ...p, provides: { identity: { ...provided, verifier: trusting(provided.verifier) } } } as IdentityParts;
    },
  });
  const subscriptions: LambdaModule['subscriptions'] = [];
  const tasks = new Map<string, TaskFunction>();
  const isIdentity = module.name === options.identity.name;
  const housekeeping = isIdentity ? platform.housekeeping : new Housekeeping(platform.clock, platform.logger.child({ component: 'housekeeping' }));
  const lambdaPlatform = withOverrides(platform, {
    housekeeping,
    events: withOverrides<EventBus>(platform.events, {
      subscribe: async (name, pattern, handler) => {
        subscriptions.push({ name, pattern, handler });
      },
    }),
    workflows: withOverrides(platform.workflows, {
      registerTask: (name, fn) => {
        tasks.set(name, fn);
        platform.workflows.registerTask(name, fn);
      },
    }),
  });
  const faces = (options.faces ?? []).filter((f) => f.name !== module.name && f.name !== options.identity.name).map(faceOnly);
  const list = isIdentity ? [captured(module), ...faces] : [captured(faceOnly(options.identity)), ...faces, captured(module)];
  const api = await buildApi(lambdaPlatform, {
    version: options.version,
    modules: list,
    publicUrl: platform.config.http.publicUrl ?? 'http://localhost',
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
  });
  const declared = parts!;
  return {
    app: api.app,
    subscriptions,
    tasks,
    housekeeping,
    mqtt: declared.mqtt?.subscriptions ?? [],
    mqttAccess: declared.mqtt?.access,
    logger: platform.logger.child({ module: module.name }),
    trust(token, principal) {
      trusted = token && principal ? { token, principal } : undefined;
    },
    close: () => api.modules.close(),
  };
}
