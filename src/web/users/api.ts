import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import type { ListResponse, UserRecord } from '../api/types';

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => apiGet<ListResponse<UserRecord>>('/api/users', signal),
  });
}
