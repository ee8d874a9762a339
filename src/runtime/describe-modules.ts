import type { ModuleContext, ModuleParts, PlatformModule } from '../platform/module/module.ts';
import { RouteKit } from '../platform/http/route-kit.ts';
import { subscriptionName } from '../platform/module/events.ts';

/** What one module handles, as a build tool (Lambda handlers, the CDK app) needs to know it. */
export interface ModuleDescription {
  name: string;
  migrations: string[];
  events: string[];
  routes: { method: string; path: string }[];
  rootRoutes: { method: string; path: string }[];
  subscriptions: { name: string; pattern: string }[];
  tasks: string[];
  workflows: string[];
  chores: string[];
  notificationKinds: string[];
  mqttDeviceAuth: boolean;
  uploadPathPrefixes: string[];
}

/** A port that refuses every use: module initialisation must only declare, never do I/O. */
function inert(module: string, port: string): never {
  return new Proxy({}, {
    get: (_, prop) => {
      if (prop === 'then') return undefined;
      return () => {
        throw new Error(`module ${module} used ${port}.${String(prop)} while initialising: init must only declare its parts`);
      };
    },
  }) as never;
}

const routesOf = (r: ModuleParts['routes']) => (r?.routes ?? []).filter((x) => x.method !== 'ALL').map((x) => ({ method: x.method, path: x.path }));

/**
 * Lists what each module handles — its routes, subscriptions, tasks, workflows, chores,
 * notification kinds — by initialising it against inert ports: no database, no broker, no
 * network. Module configuration sections get their defaults from an empty environment.
 */
export async function describeModules(modules: readonly PlatformModule[]): Promise<ModuleDescription[]> {
  const kit = new RouteKit({ identity: () => inert('runtime', 'identity'), idempotency: () => async (_c, next) => next(), clientAddress: () => 'unknown' });
  const out: ModuleDescription[] = [];
  for (const m of modules) {
    const ctx = new Proxy({} as ModuleContext<unknown>, {
      get: (_, prop: string) => {
        if (prop === 'name') return m.name;
        if (prop === 'http') return kit;
        if (prop === 'config') return m.config?.parse({});
        if (prop === 'publicUrl') return 'https://api.example.invalid';
        if (prop === 'deviceMqttUrl') return 'mqtts://mqtt.example.invalid';
        if (prop === 'mqttBroker') return 'external';
        if (prop === 'ids') return { newId: () => '00000000-0000-7000-8000-000000000000' };
        return inert(m.name, prop);
      },
    });
    const parts = await m.init(ctx as never);
    out.push({
      name: m.name,
      migrations: m.migrations.map((x) => x.id),
      events: Object.keys(m.events ?? {}),
      routes: routesOf(parts.routes),
      rootRoutes: routesOf(parts.rootRoutes),
      subscriptions: (parts.subscriptions ?? []).map((s) => ({ name: subscriptionName(m.name, s), pattern: s.pattern })),
      tasks: Object.keys(parts.tasks ?? {}),
      workflows: Object.keys(parts.workflows ?? {}),
      chores: Object.keys(parts.chores ?? {}),
      notificationKinds: Object.keys(parts.templates ?? {}),
      mqttDeviceAuth: parts.mqtt?.access !== undefined,
      uploadPathPrefixes: parts.uploadPathPrefixes ?? [],
    });
  }
  return out;
}
