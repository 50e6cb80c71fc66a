import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, fetchMe, getCsrfToken } from '../../api/client';
import type { SurveyIssueRequest, SurveyOpenRequest, SurveyOverview } from '../../../contract/survey';

/** Queries and mutations of the office's survey tab. */

const enc = encodeURIComponent;
export const surveysBase = (editionId: string) => `/api/decision/editions/${enc(editionId)}/surveys`;
export const surveysKey = (editionId: string) => ['decision', editionId, 'surveys'] as const;

export function useSurveyOverview(editionId: string) {
  return useQuery({ queryKey: surveysKey(editionId), queryFn: ({ signal }) => apiGet<SurveyOverview>(surveysBase(editionId), signal) });
}

function useSurveyMutation<I, O>(editionId: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: surveysKey(editionId) }) });
}

export const useOpenSurveys = (editionId: string) => useSurveyMutation(editionId, (input: SurveyOpenRequest) => apiPost<{ opened: number }>(surveysBase(editionId), input));

export const useCloseSurvey = (editionId: string) => useSurveyMutation(editionId, (surveyId: string) => apiPost<{ score: number }>(`${surveysBase(editionId)}/${enc(surveyId)}/close`));

/**
 * Issues a batch and saves the spreadsheet: a POST (it creates the codes), so the browser's
 * plain link download cannot be used; the codes exist in plain only in this one answer.
 */
export const useIssueCodes = (editionId: string) =>
  useSurveyMutation(editionId, async ({ surveyId, ...input }: SurveyIssueRequest & { surveyId: string }) => {
    const post = async () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const csrf = getCsrfToken();
      if (csrf) headers['x-csrf-token'] = csrf;
      try {
        return await fetch(`${surveysBase(editionId)}/${enc(surveyId)}/codes`, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(input) });
      } catch {
        throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试');
      }
    };
    let res = await post();
    let error = res.ok ? null : await errorOf(res);
    // As the shared client does: a stale CSRF token is refreshed once, then the request is repeated.
    if (error?.code === 'csrf_failed') {
      await fetchMe();
      res = await post();
      error = res.ok ? null : await errorOf(res);
    }
    if (error) throw error;
    saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition')) ?? '满意度测评码.xlsx');
    return input.count;
  });

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; fields?: Array<{ field: string; message: string }> };
  return new ApiError(res.status, body.code ?? `http_${res.status}`, body.message ?? '发放测评码失败', body.fields ?? []);
}

function filenameOf(disposition: string | null): string | null {
  const m = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  return m ? decodeURIComponent(m[1]) : null;
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
