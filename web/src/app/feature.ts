import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

export type Role = 'owner' | 'pro' | 'admin';

/** Messages of one feature, French first: every key must exist in both languages. */
export interface FeatureMessages<T extends Record<string, unknown> = Record<string, unknown>> {
  fr: T;
  en: T;
}

/**
 * What a feature folder (web/src/features/<module>/) brings to the app. Listing it in
 * app/features.ts is all it takes: its routes, navigation entries, header items and messages
 * are then part of the app.
 */
export interface Feature {
  /** Also its i18next namespace: `useTranslation('<id>')`. */
  id: string;
  messages: FeatureMessages;
  /** Pages for everyone (rendered without the signed-in layout). */
  publicRoutes?: RouteObject[];
  /** Pages inside the signed-in layout. */
  routes?: RouteObject[];
  /** Navigation entries, shown to the roles listed; `label` is a key of the feature's messages. */
  nav?: { to: string; label: string; roles: Role[] }[];
  /** Small components shown in the header of the signed-in layout (e.g. the unread count). */
  headerItems?: ComponentType[];
  /** Where a role lands after signing in, when this feature is its home. */
  homeFor?: Partial<Record<Role, string>>;
}
