import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { InboxPage } from './InboxPage.tsx';
import { notificationsMessages } from './messages.ts';
import { UnreadBell } from './UnreadBell.tsx';

/** The inbox (the platform's notifications) and the unread count in the header. */
export const notificationsFeature: Feature = {
  id: 'notifications',
  messages: notificationsMessages,
  routes: [{ path: '/notifications', element: createElement(InboxPage) }],
  nav: [{ to: '/notifications', label: 'nav', roles: ['owner', 'pro', 'admin'] }],
  headerItems: [UnreadBell],
};
