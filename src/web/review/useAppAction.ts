import { App as AntApp } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../api/client';
import type { Application } from '../api/types';
import { APPLICATIONS_KEY, applicationKey } from '../applications/api';

/**
 * POST /api/applications/:id/<path> and put the answer (the updated Application) in the cache.
 * Errors are left to the caller (shown in the form or modal that triggered the action).
 */
export function useAppAction(applicationId: string, path: string, successText: string) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: (body: unknown) => apiPost<Application>(`/api/applications/${encodeURIComponent(applicationId)}/${path}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(applicationKey(applicationId), updated);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      message.success(successText);
    },
  });
}
