import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import type { UserList } from '../../contract/directory';

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => apiGet<UserList>('/api/users', signal),
  });
}
