import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../api/client';
import type { Inbox, InboxMarked } from '../../contract/intake';

export const INBOX_KEY = ['inbox'] as const;

export function useInbox(poll = false) {
  return useQuery({
    queryKey: INBOX_KEY,
    queryFn: ({ signal }) => apiGet<Inbox>('/api/inbox', signal),
    refetchInterval: poll ? 60_000 : false,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<void>(`/api/inbox/${encodeURIComponent(id)}/read`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<InboxMarked>('/api/inbox/read-all'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
