import type { IdentityParts, PlatformModule } from '../../platform/module/module.ts';

/**
 * Identity's module with its face only (plus its notification templates): its routes, chores and
 * subscriptions belong to identity's own function, not to every function that needs the face.
 */
export function faceOnly(identity: PlatformModule): PlatformModule {
  return {
    ...identity,
    async init(ctx) {
      const parts = (await identity.init(ctx as never)) as IdentityParts;
      return { provides: parts.provides, ...(parts.templates ? { templates: parts.templates } : {}) } as IdentityParts;
    },
  };
}
