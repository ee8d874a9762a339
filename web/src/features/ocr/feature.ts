import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { ocrMessages } from './messages.ts';
import { ScanCertificatePage } from './ScanCertificatePage.tsx';

/** "Ajouter un véhicule" from a photo of the registration certificate (the OCR module's page). */
export const ocrFeature: Feature = {
  id: 'ocr',
  messages: ocrMessages,
  routes: [{ path: '/vehicles/scan', element: createElement(ScanCertificatePage) }],
  nav: [{ to: '/vehicles/scan', label: 'nav', roles: ['owner', 'pro'] }],
};
