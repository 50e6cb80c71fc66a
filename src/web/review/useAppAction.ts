import { App as AntApp } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActionRequest } from '../../contract/actions';
import { apiPost } from '../api/client';
import type { Application } from '../api/types';
import { APPLICATIONS_KEY, applicationKey } from '../applications/api';

function usePostAndCache(applicationId: string, successText: string, url: (path: string) => string) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown; text?: string }) => apiPost<Application>(url(path), body),
    onSuccess: (updated, { text }) => {
      queryClient.setQueryData(applicationKey(applicationId), updated);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      message.success(text ?? successText);
    },
  });
}

/**
 * A lifecycle step: POST /api/applications/:id/actions/:action with the reason and payload,
 * and the answer (the updated application) into the cache. Errors are the caller's to show.
 */
export function useLifecycleAction(applicationId: string, successText = '操作已完成') {
  const post = usePostAndCache(applicationId, successText, (action) => `/api/applications/${encodeURIComponent(applicationId)}/actions/${encodeURIComponent(action)}`);
  return { ...post, run: (action: string, body: ActionRequest = {}, text?: string) => post.mutateAsync({ path: action, body, text }) };
}

/** A document of its own on an application (a department's opinion, the office's overruling). */
export function useAppAction(applicationId: string, path: string, successText: string) {
  const post = usePostAndCache(applicationId, successText, (p) => `/api/applications/${encodeURIComponent(applicationId)}/${p}`);
  return { ...post, mutate: (body: unknown, options?: Parameters<typeof post.mutate>[1]) => post.mutate({ path, body }, options), mutateAsync: (body: unknown) => post.mutateAsync({ path, body }) };
}
