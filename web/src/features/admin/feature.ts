import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { DeadLettersPage } from './DeadLettersPage.tsx';
import { adminMessages } from './messages.ts';

/** Administration of the platform itself (the admin module's pages). */
export const adminFeature: Feature = {
  id: 'admin',
  messages: adminMessages,
  routes: [{ path: '/admin/dead-letters', element: createElement(DeadLettersPage) }],
  nav: [{ to: '/admin/dead-letters', label: 'nav', roles: ['admin'] }],
  homeFor: { admin: '/admin/dead-letters' },
};
