/**
 * Naming rules for what modules add to the platform's global namespaces, so that two modules
 * never collide and an operator can tell, from any name, which module owns it.
 */
const MODULE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SUFFIX = /^[a-z0-9]+([.-][a-z0-9]+)*$/;

export class ModuleNameError extends Error {
  override name = 'ModuleNameError';
}

function fail(module: string, what: string, name: string, rule: string): never {
  throw new ModuleNameError(`module ${module}: ${what} "${name}" must be named ${rule}`);
}

export const moduleNameRules = {
  module(name: string): void {
    if (!MODULE_NAME.test(name)) throw new ModuleNameError(`"${name}" is not a module name (lower-case letters, digits, dashes)`);
  },
  /** `<module>.<NNN>` optionally followed by `.<what>`. */
  migration(module: string, id: string): void {
    if (!new RegExp(`^${module}\\.\\d{3}(\\.[a-z0-9-]+)?$`).test(id)) fail(module, 'migration', id, `${module}.<NNN>[.<what>]`);
  },
  /** `<module>.on-<event>`. */
  subscription(module: string, name: string): void {
    if (!name.startsWith(`${module}.on-`) || !SUFFIX.test(name.slice(module.length + 4))) fail(module, 'subscription', name, `${module}.on-<event>`);
  },
  /** Workflows and tasks: `<module>-<what>` (a valid Lambda/Step Functions name). */
  workflowOrTask(module: string, name: string): void {
    if (!new RegExp(`^${module}-[a-z0-9]+(-[a-z0-9]+)*$`).test(name) || name.length > 64) fail(module, 'workflow or task', name, `${module}-<what>`);
  },
  /** Housekeeping chores and notification kinds: `<module>.<what>`. */
  dotted(module: string, what: string, name: string): void {
    if (!name.startsWith(`${module}.`) || !SUFFIX.test(name.slice(module.length + 1))) fail(module, what, name, `${module}.<what>`);
  },
  /** Key-value partition keys: `<MODULE>#...`. */
  kvPartition(module: string, pk: string): void {
    if (!pk.startsWith(`${module.toUpperCase()}#`)) fail(module, 'key-value partition key', pk, `${module.toUpperCase()}#...`);
  },
  /** Blob keys: `<module>/...`. */
  blobKey(module: string, key: string): void {
    if (!key.startsWith(`${module}/`)) fail(module, 'blob key', key, `${module}/...`);
  },
  /** Time series: `<module>.<measure>`. */
  series(module: string, series: string): void {
    if (!series.startsWith(`${module}.`)) fail(module, 'time series', series, `${module}.<measure>`);
  },
};
