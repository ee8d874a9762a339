import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { vehiclesMessages } from './messages.ts';
import { NewVehiclePage } from './NewVehiclePage.tsx';
import { VehicleDetailPage } from './VehicleDetailPage.tsx';
import { VehiclesPage } from './VehiclesPage.tsx';

/** "Mes véhicules" (the vehicles module's pages). */
export const vehiclesFeature: Feature = {
  id: 'vehicles',
  messages: vehiclesMessages,
  routes: [
    { path: '/vehicles', element: createElement(VehiclesPage) },
    { path: '/vehicles/new', element: createElement(NewVehiclePage) },
    { path: '/vehicles/:id', element: createElement(VehicleDetailPage) },
  ],
  nav: [
    { to: '/vehicles', label: 'navOwner', roles: ['owner'] },
    { to: '/vehicles', label: 'navPro', roles: ['pro'] },
  ],
  homeFor: { owner: '/vehicles', pro: '/vehicles' },
};
