import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { DescribeProblemPage } from './DescribeProblemPage.tsx';
import { nlpMessages } from './messages.ts';

/**
 * The NLP module's page: "Décrire un problème" at /describe (`?vehicleId=` preselects a vehicle,
 * `?codes=P0301,…` starts the text with the fault codes the OBD dashboard read).
 */
export const nlpFeature: Feature = {
  id: 'nlp',
  messages: nlpMessages,
  routes: [{ path: '/describe', element: createElement(DescribeProblemPage) }],
  nav: [{ to: '/describe', label: 'nav', roles: ['owner'] }],
};
