import type { Context, MiddlewareHandler } from 'hono';
import { idempotency } from '../platform/http/idempotency.ts';
import type { ApiRouter } from '../platform/http/router.ts';
import { RouteKit } from '../platform/http/route-kit.ts';
import { newId } from '../platform/ids.ts';
import { subscriptionName, typedPublisher, type EventCatalog } from '../platform/module/events.ts';
import type { IdentityFace } from '../platform/module/identity-face.ts';
import type { IdentityAdminTasks, IdentityParts, ModuleContext, ModuleParts, PlatformModule } from '../platform/module/module.ts';
import type { MqttAccessHooks, MqttDeviceConnections } from '../platform/module/mqtt-access.ts';
import { moduleNameRules as rules, ModuleNameError } from '../platform/module/names.ts';
import { namespacedBlobs, namespacedKv, namespacedScheduler, namespacedTimeSeries } from '../platform/module/namespaced-ports.ts';
import { InboxStore } from '../platform/notifications/inbox-store.ts';
import { createUserNotifier } from '../platform/notifications/user-notifier.ts';
import type { NotificationTemplates } from '../platform/notifications/templates.ts';
import type { Platform } from './platform.ts';

/** What the runtime mounts and runs once every module is initialised. */
export interface AssembledModules {
  routers: ApiRouter[];
  rootRouters: ApiRouter[];
  uploadPathPrefixes: string[];
  identity: IdentityFace & IdentityAdminTasks;
  kit: RouteKit;
  inbox: InboxStore;
  templates: NotificationTemplates;
  /** Device-authentication hooks by module, for the MQTT broker's access policy. */
  mqttAccess: Map<string, MqttAccessHooks>;
  /** Set by the runtime once the broker's policy registered a module's hooks. */
  mqttRegistrations: Map<string, MqttDeviceConnections>;
  health: Record<string, string>;
  /**
   * Registers the modules' MQTT subscriptions (once the platform's MQTT connection is up): `all`
   * in the process that handles device messages, `every-process` alone in the other workers.
   */
  subscribeMqtt(scope?: 'all' | 'every-process'): Promise<void>;
  close(): Promise<void>;
}

export interface AssembleOptions {
  /** The caller's network address (Node: the socket peer). */
  clientAddress: (c: Context) => string;
  /** Request body rules, applied by the route kit after authentication. */
  bodyRules?: MiddlewareHandler;
  publicUrl: string;
  /** Where devices connect over MQTT (see ModuleContext.deviceMqttUrl). */
  deviceMqttUrl?: string;
  mqttBroker?: 'embedded' | 'external';
}

/**
 * Initialises `modules` in order on `platform` and registers their declared parts, refusing
 * duplicate or unprefixed names. The first module must provide the identity face.
 */
export async function assembleModules(platform: Platform, modules: readonly PlatformModule[], options: AssembleOptions): Promise<AssembledModules> {
  let identity: (IdentityFace & IdentityAdminTasks) | undefined;
  const identityFace = (): IdentityFace & IdentityAdminTasks => {
    if (!identity) throw new Error('the identity module is not initialised yet');
    return identity;
  };
  const kit = new RouteKit({
    identity: identityFace,
    idempotency: (callerOf) => idempotency({ store: platform.idempotency, clock: platform.clock }, callerOf),
    clientAddress: options.clientAddress,
    ...(options.bodyRules ? { bodyRules: options.bodyRules } : {}),
  });
  const templates: Record<string, NotificationTemplates[string]> = {};
  const inbox = new InboxStore(platform.db);
  const notify = createUserNotifier({
    db: platform.db,
    clock: platform.clock,
    inbox,
    notifications: platform.notifications,
    templates: () => templates,
    users: (id, tx) => identityFace().getUser(id, tx),
  });

  const seen = new Set<string>();
  const unique = (kind: string, name: string) => {
    if (seen.has(`${kind}:${name}`)) throw new ModuleNameError(`${kind} "${name}" is declared twice`);
    seen.add(`${kind}:${name}`);
  };
  const assembled: AssembledModules = {
    routers: [],
    rootRouters: [],
    uploadPathPrefixes: [],
    get identity() {
      return identityFace();
    },
    kit,
    inbox,
    templates,
    mqttAccess: new Map(),
    mqttRegistrations: new Map(),
    health: {},
    subscribeMqtt: async (scope = 'all') => {
      const chosen = scope === 'all' ? mqttSubscriptions : mqttSubscriptions.filter((s) => s.everyProcess);
      for (const { filter, handler, everyProcess } of chosen) await platform.mqtt.subscribe(filter, handler, { shared: !everyProcess });
    },
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
  const faces = new Map<string, unknown>();
  const mqttSubscriptions: MqttSubscription[] = [];
  const closers: (() => Promise<void>)[] = [];

  for (const m of modules) {
    rules.module(m.name);
    unique('module', m.name);
    const ctx: ModuleContext<unknown, EventCatalog> = {
      name: m.name,
      db: platform.db,
      events: typedPublisher(platform.events, m.name, m.events ?? {}),
      bus: platform.events,
      scheduler: namespacedScheduler(m.name, platform.scheduler),
      kv: namespacedKv(m.name, platform.kv),
      timeseries: namespacedTimeSeries(m.name, platform.timeseries),
      blobs: namespacedBlobs(m.name, platform.blobs),
      mqtt: platform.mqtt,
      mqttDevices: {
        disconnect: async (predicate) => (await assembled.mqttRegistrations.get(m.name)?.disconnect(predicate)) ?? 0,
      },
      workflows: platform.workflows,
      notifications: platform.notifications,
      ocr: platform.ocr,
      notify,
      idempotency: platform.idempotency,
      clock: platform.clock,
      logger: platform.logger.child({ module: m.name }),
      ids: { newId },
      config: platform.config.modules[m.name],
      get identity() {
        return identityFace();
      },
      faceOf: <F>(name: string) => faces.get(name) as F | undefined,
      http: kit,
      publicUrl: options.publicUrl,
      deviceMqttUrl: options.deviceMqttUrl ?? 'mqtt://127.0.0.1:1883',
      mqttBroker: options.mqttBroker ?? (platform.config.mqtt.url ? 'external' : 'embedded'),
    };
    const parts = await m.init(ctx as never);
    if ('provides' in parts) identity = (parts as IdentityParts).provides.identity;
    if (parts.face !== undefined) faces.set(m.name, parts.face);
    await register(platform, m.name, parts, { unique, templates, assembled, mqttSubscriptions, closers });
  }
  identityFace();
  return assembled;
}

/** A module's MQTT subscription; `everyProcess` ones are made in every process, the others once. */
interface MqttSubscription {
  filter: string;
  handler: NonNullable<NonNullable<ModuleParts['mqtt']>['subscriptions']>[number]['handler'];
  everyProcess: boolean;
}

interface Registry {
  unique: (kind: string, name: string) => void;
  templates: Record<string, NotificationTemplates[string]>;
  assembled: AssembledModules;
  mqttSubscriptions: MqttSubscription[];
  closers: (() => Promise<void>)[];
}

async function register(platform: Platform, module: string, parts: ModuleParts, r: Registry): Promise<void> {
  if (parts.routes) r.assembled.routers.push(parts.routes);
  if (parts.rootRoutes) r.assembled.rootRouters.push(parts.rootRoutes);
  r.assembled.uploadPathPrefixes.push(...(parts.uploadPathPrefixes ?? []));
  for (const s of parts.subscriptions ?? []) {
    const name = subscriptionName(module, s);
    rules.subscription(module, name);
    r.unique('subscription', name);
    await platform.events.subscribe(name, s.pattern, s.handler);
  }
  for (const [name, fn] of Object.entries(parts.tasks ?? {})) {
    rules.workflowOrTask(module, name);
    r.unique('task', name);
    platform.workflows.registerTask(name, fn);
  }
  for (const [name, definition] of Object.entries(parts.workflows ?? {})) {
    rules.workflowOrTask(module, name);
    r.unique('workflow', name);
    platform.workflows.register(name, definition);
  }
  for (const [name, chore] of Object.entries(parts.chores ?? {})) {
    rules.dotted(module, 'chore', name);
    r.unique('chore', name);
    platform.housekeeping.add(name, chore);
  }
  for (const [kind, template] of Object.entries(parts.templates ?? {})) {
    rules.dotted(module, 'notification kind', kind);
    r.unique('notification kind', kind);
    r.templates[kind] = template;
  }
  if (parts.mqtt?.access) r.assembled.mqttAccess.set(module, parts.mqtt.access);
  r.mqttSubscriptions.push(
    ...(parts.mqtt?.subscriptions ?? []).map((s) => ({ ...s, everyProcess: false })),
    ...(parts.mqtt?.everyProcess ?? []).map((s) => ({ ...s, everyProcess: true })),
  );
  Object.assign(r.assembled.health, parts.health);
  if (parts.close) r.closers.push(parts.close);
}
