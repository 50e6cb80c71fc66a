import { QueryClient } from '@tanstack/react-query';
import { ApiError, forgetSession, setUnauthenticatedHandler } from '../api/client';

/** One client for the whole app. 4xx answers are not retried; they will not change by retrying. */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return count < 2;
        },
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
  // A 401 from any call means the session ended: drop the user; the route guard sends to /login.
  setUnauthenticatedHandler(() => forgetSession(client));
  return client;
}
