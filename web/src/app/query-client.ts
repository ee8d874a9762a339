import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem.ts';

/** Server state: a failed read is retried once unless the API said no (4xx); writes never are. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 1 && !(error instanceof ApiError && error.problem.status >= 400 && error.problem.status < 500),
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
