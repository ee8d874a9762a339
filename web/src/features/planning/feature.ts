import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { AdminOptimizePage } from './AdminOptimizePage.tsx';
import { FindSlotPage } from './FindSlotPage.tsx';
import { planningMessages } from './messages.ts';
import { MyAppointmentsPage } from './MyAppointmentsPage.tsx';
import { ProCalendarPage } from './ProCalendarPage.tsx';
import { ProProfilePage } from './ProProfilePage.tsx';

/** Planning: owners find and book slots, professionals run their week, admins optimise batches. */
export const planningFeature: Feature = {
  id: 'planning',
  messages: planningMessages,
  routes: [
    { path: '/planning', element: createElement(FindSlotPage) },
    { path: '/planning/appointments', element: createElement(MyAppointmentsPage) },
    { path: '/pro/planning', element: createElement(ProCalendarPage) },
    { path: '/pro/profile', element: createElement(ProProfilePage) },
    { path: '/admin/planning', element: createElement(AdminOptimizePage) },
  ],
  nav: [
    { to: '/planning', label: 'navFind', roles: ['owner'] },
    { to: '/planning/appointments', label: 'navMine', roles: ['owner'] },
    { to: '/pro/planning', label: 'navProCalendar', roles: ['pro'] },
    { to: '/pro/profile', label: 'navProProfile', roles: ['pro'] },
    { to: '/admin/planning', label: 'navAdmin', roles: ['admin'] },
  ],
};
