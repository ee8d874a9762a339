import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { KbisStatusPage } from './KbisStatusPage.tsx';
import { KbisUploadPage } from './KbisUploadPage.tsx';
import { kbisMessages } from './messages.ts';
import { ReviewCasePage } from './ReviewCasePage.tsx';
import { ReviewQueuePage } from './ReviewQueuePage.tsx';

/** KBIS verification: the pro's upload and live status, the admins' review queue. */
export const kbisFeature: Feature = {
  id: 'kbis',
  messages: kbisMessages,
  routes: [
    { path: '/kbis', element: createElement(KbisUploadPage) },
    { path: '/kbis/verifications/:id', element: createElement(KbisStatusPage) },
    { path: '/admin/kbis', element: createElement(ReviewQueuePage) },
    { path: '/admin/kbis/:id', element: createElement(ReviewCasePage) },
  ],
  nav: [
    { to: '/kbis', label: 'nav', roles: ['pro'] },
    { to: '/admin/kbis', label: 'navAdmin', roles: ['admin'] },
  ],
};
