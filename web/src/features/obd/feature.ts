import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { ConnectDevicePage } from './ConnectDevicePage.tsx';
import { obdMessages } from './messages.ts';
import { VehicleObdPage } from './VehicleObdPage.tsx';

/** The OBD module's pages: connect a dongle, a vehicle's live dashboard, history and fault codes. */
export const obdFeature: Feature = {
  id: 'obd',
  messages: obdMessages,
  routes: [
    { path: '/obd', element: createElement(ConnectDevicePage) },
    { path: '/obd/vehicles/:id', element: createElement(VehicleObdPage) },
    { path: '/obd/vehicles/:id/dtcs', element: createElement(VehicleObdPage) },
  ],
  nav: [{ to: '/obd', label: 'nav', roles: ['owner'] }],
};
