import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { FirmwareCataloguePage } from './FirmwareCataloguePage.tsx';
import { FlashJobPage } from './FlashJobPage.tsx';
import { FlashJobsPage } from './FlashJobsPage.tsx';
import { flashMessages } from './messages.ts';

/** The flash module's pages: jobs and their live progress (verified pros), the firmware catalogue and audit check (admins). */
export const flashFeature: Feature = {
  id: 'flash',
  messages: flashMessages,
  routes: [
    { path: '/flash', element: createElement(FlashJobsPage) },
    { path: '/flash/jobs/:id', element: createElement(FlashJobPage) },
    { path: '/flash/firmwares', element: createElement(FirmwareCataloguePage) },
  ],
  nav: [
    { to: '/flash', label: 'navPro', roles: ['pro'] },
    { to: '/flash/firmwares', label: 'navAdmin', roles: ['admin'] },
  ],
};
