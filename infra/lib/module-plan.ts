import type { ModuleDescription } from '../../src/runtime/describe-modules.ts';

/** One HTTP API route onto a module's function. */
export interface PlannedRoute {
  method: string;
  /** API Gateway form: `/v1/vehicles/{id}`. */
  path: string;
  /** Behind the Lambda authorizer (the route's OpenAPI declaration requires a bearer token). */
  bearer: boolean;
}

/** What the stack deploys for one module, derived from its declarations alone. */
export interface ModulePlan {
  name: string;
  routes: PlannedRoute[];
  subscriptions: { name: string; pattern: string }[];
  workflows: { name: string; definition: Record<string, unknown> }[];
  /** Its workflows wait on task tokens that it answers (`.waitForTaskToken`). */
  answersTaskTokens: boolean;
  publishesEvents: boolean;
  chores: string[];
  notificationKinds: string[];
  mqttFilters: string[];
  mqttDeviceAuth: boolean;
  /** Answers `/r/*` at the root (served by CloudFront through its function URL). */
  rootPrefixes: string[];
  migrations: string[];
}

/** The whole deployment: each module, and which module owns each workflow task. */
export interface DeploymentPlan {
  modules: ModulePlan[];
  taskOwners: Map<string, string>;
}

/** Hono's `/vehicles/:id` as API Gateway's `/vehicles/{id}`. */
export function apiGatewayPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{proxy+}');
}

function uniqueRoutes(routes: ModuleDescription['routes'], base: string): PlannedRoute[] {
  const byKey = new Map<string, PlannedRoute>();
  for (const r of routes) {
    const path = `${base}${apiGatewayPath(r.path)}`;
    const key = `${r.method} ${path}`;
    const seen = byKey.get(key);
    byKey.set(key, { method: r.method, path, bearer: r.bearer || (seen?.bearer ?? false) });
  }
  return [...byKey.values()];
}

/** The first path segment of each root route, e.g. `/r` for `/r/:code`. */
function rootPrefixes(routes: ModuleDescription['rootRoutes']): string[] {
  return [...new Set(routes.map((r) => `/${r.path.split('/')[1] ?? ''}`))].filter((p) => p !== '/' && p !== '/.well-known');
}

const callsBack = (definition: unknown): boolean => JSON.stringify(definition).includes('.waitForTaskToken');

/**
 * Turns module descriptions (`describeModules`) into what the stack creates: a module added to
 * `src/runtime/modules.ts` gets its function, routes, rules and state machines from this alone.
 * Throws when two modules claim the same route or task, which would make one of them unreachable.
 */
export function planDeployment(described: readonly ModuleDescription[]): DeploymentPlan {
  const routeOwners = new Map<string, string>();
  const taskOwners = new Map<string, string>();
  const modules = described.map((d): ModulePlan => {
    const routes = [...uniqueRoutes(d.routes, '/v1'), ...uniqueRoutes(d.rootRoutes.filter((r) => r.path.startsWith('/.well-known')), '')];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      const other = routeOwners.get(key);
      if (other) throw new Error(`route ${key} is declared by both ${other} and ${d.name}`);
      routeOwners.set(key, d.name);
    }
    for (const task of d.tasks) {
      const other = taskOwners.get(task);
      if (other) throw new Error(`task ${task} is declared by both ${other} and ${d.name}`);
      taskOwners.set(task, d.name);
    }
    const workflows = Object.entries(d.workflowDefinitions).map(([name, definition]) => ({ name, definition: definition as Record<string, unknown> }));
    return {
      name: d.name,
      routes,
      subscriptions: d.subscriptions,
      workflows,
      answersTaskTokens: workflows.some((w) => callsBack(w.definition)),
      publishesEvents: d.events.length > 0,
      chores: d.chores,
      notificationKinds: d.notificationKinds,
      mqttFilters: d.mqttFilters,
      mqttDeviceAuth: d.mqttDeviceAuth,
      rootPrefixes: rootPrefixes(d.rootRoutes),
      migrations: d.migrations,
    };
  });
  return { modules, taskOwners };
}
