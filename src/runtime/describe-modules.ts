import type { ModuleContext, ModuleParts, PlatformModule } from '../platform/module/module.ts';
import { RouteKit } from '../platform/http/route-kit.ts';
import { subscriptionName } from '../platform/module/events.ts';

/** What one module handles, as a build tool (Lambda handlers, the CDK app) needs to know it. */
export interface ModuleDescription {
  name: string;
  migrations: string[];
  events: string[];
  routes: DescribedRoute[];
  rootRoutes: DescribedRoute[];
  subscriptions: { name: string; pattern: string }[];
  tasks: string[];
  workflows: string[];
  /** The ASL definition of each workflow, by name (what Step Functions runs in AWS). */
  workflowDefinitions: Record<string, unknown>;
  chores: string[];
  notificationKinds: string[];
  mqttDeviceAuth: boolean;
  /** Topic filters of the module's MQTT subscriptions (device data it ingests). */
  mqttFilters: string[];
  uploadPathPrefixes: string[];
}

/** One route; `bearer` when its OpenAPI declaration requires a bearer token (a protected route). */
export interface DescribedRoute {
  method: string;
  path: string;
  bearer: boolean;
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

/** `METHOD /path/{param}` of each OpenAPI route declared with a security requirement. */
function bearerRoutes(r: ModuleParts['routes']): Set<string> {
  const out = new Set<string>();
  for (const d of r?.openAPIRegistry.definitions ?? []) {
    if (d.type === 'route' && (d.route.security?.length ?? 0) > 0) out.add(`${d.route.method.toUpperCase()} ${d.route.path}`);
  }
  return out;
}

function routesOf(r: ModuleParts['routes']): DescribedRoute[] {
  const bearer = bearerRoutes(r);
  return (r?.routes ?? [])
    .filter((x) => x.method !== 'ALL')
    .map((x) => ({ method: x.method, path: x.path, bearer: bearer.has(`${x.method} ${x.path.replace(/:(\w+)/g, '{$1}')}`) }));
}

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
      workflowDefinitions: { ...parts.workflows },
      chores: Object.keys(parts.chores ?? {}),
      notificationKinds: Object.keys(parts.templates ?? {}),
      mqttDeviceAuth: parts.mqtt?.access !== undefined,
      mqttFilters: (parts.mqtt?.subscriptions ?? []).map((s) => s.filter),
      uploadPathPrefixes: parts.uploadPathPrefixes ?? [],
    });
  }
  return out;
}
