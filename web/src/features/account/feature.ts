import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { AccountPage } from './AccountPage.tsx';
import { accountMessages } from './messages.ts';

/** The account page: profile, language, notification preferences, sign out. */
export const accountFeature: Feature = {
  id: 'account',
  messages: accountMessages,
  routes: [{ path: '/account', element: createElement(AccountPage) }],
  nav: [{ to: '/account', label: 'nav', roles: ['owner', 'pro', 'admin'] }],
};
