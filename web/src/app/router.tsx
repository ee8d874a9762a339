import { createBrowserRouter } from 'react-router';
import { features } from './features.ts';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { SignedInLayout } from './shell/SignedInLayout.tsx';

/** Every page: the features' public ones, their signed-in ones inside the layout, then 404. */
export const router = createBrowserRouter([
  ...features.flatMap((f) => f.publicRoutes ?? []),
  { element: <SignedInLayout />, children: features.flatMap((f) => f.routes ?? []) },
  { path: '*', element: <NotFoundPage /> },
]);
