import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { HomePage } from './HomePage.tsx';
import { authMessages } from './messages.ts';

/** Signing in and creating an account (the identity module's pages). */
export const authFeature: Feature = {
  id: 'auth',
  messages: authMessages,
  publicRoutes: [{ path: '/', element: createElement(HomePage) }],
};
