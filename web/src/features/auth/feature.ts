import { createElement } from 'react';
import type { Feature } from '../../app/feature.ts';
import { HomePage } from './HomePage.tsx';
import { authMessages } from './messages.ts';
import { VerifyEmailPage } from './VerifyEmailPage.tsx';

/** Signing in, creating an account, confirming its email (the identity module's pages). */
export const authFeature: Feature = {
  id: 'auth',
  messages: authMessages,
  publicRoutes: [
    { path: '/', element: createElement(HomePage) },
    { path: '/verify-email', element: createElement(VerifyEmailPage) },
  ],
};
