import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { LinksPage } from './LinksPage.tsx';
import { affiliationMessages } from './messages.ts';
import { PartnerPage } from './PartnerPage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import { ReconciliationPage } from './ReconciliationPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';

/** Affiliation: pros' tracked links and commissions; admins' partners (secrets, GET postback mapping) and statement reconciliation. */
export const affiliationFeature: Feature = {
  id: 'affiliation',
  messages: affiliationMessages,
  routes: [
    { path: '/affiliation/links', element: createElement(LinksPage) },
    { path: '/affiliation/reports', element: createElement(ReportsPage) },
    { path: '/admin/affiliation/partners', element: createElement(PartnersPage) },
    { path: '/admin/affiliation/partners/:id', element: createElement(PartnerPage) },
    { path: '/admin/affiliation/reconciliation', element: createElement(ReconciliationPage) },
  ],
  nav: [
    { to: '/affiliation/links', label: 'navLinks', roles: ['pro'] },
    { to: '/affiliation/reports', label: 'navReports', roles: ['pro', 'admin'] },
    { to: '/admin/affiliation/partners', label: 'navPartners', roles: ['admin'] },
    { to: '/admin/affiliation/reconciliation', label: 'navReconciliation', roles: ['admin'] },
  ],
};
