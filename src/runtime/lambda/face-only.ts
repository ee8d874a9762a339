import type { IdentityParts, ModuleParts, PlatformModule } from '../../platform/module/module.ts';

/**
 * A module with what it offers other modules only: identity's face (`provides`), a module's
 * `face`, and notification templates. Its routes, chores, subscriptions and tasks belong to its
 * own function, not to every function that reads its face.
 */
export function faceOnly(module: PlatformModule): PlatformModule {
  return {
    ...module,
    async init(ctx) {
      const parts = (await module.init(ctx as never)) as ModuleParts & Partial<Pick<IdentityParts, 'provides'>>;
      return {
        ...(parts.provides ? { provides: parts.provides } : {}),
        ...(parts.face !== undefined ? { face: parts.face } : {}),
        ...(parts.templates ? { templates: parts.templates } : {}),
      } as ModuleParts;
    },
  };
}
