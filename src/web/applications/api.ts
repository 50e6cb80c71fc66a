import { useQuery } from '@tanstack/react-query';
import { ApiError, apiGet, getCsrfToken, qs } from '../api/client';
import type { ApplicationPage } from '../../contract/applications';
import type { FileList } from '../../contract/files';
import type { CountyList, Industries } from '../../contract/intake';
import type { Application, ApplicationFile, ApplicationVersion, CurrentEdition } from '../api/types';

export const APPLICATIONS_KEY = ['applications'] as const;
export const applicationKey = (id: string) => ['applications', 'one', id] as const;
export const filesKey = (id: string) => ['applications', 'files', id] as const;

const enc = encodeURIComponent;

export function useApplicationList(params: { state?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, 'list', params],
    queryFn: ({ signal }) => apiGet<ApplicationPage>(`/api/applications${qs(params)}`, signal),
    placeholderData: (prev) => prev,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: applicationKey(id),
    queryFn: ({ signal }) => apiGet<Application>(`/api/applications/${enc(id)}`, signal),
  });
}

/** One submitted version (immutable, so cached for good); disabled while `version` is null. */
export function useApplicationVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: ['applications', 'version', id, version],
    queryFn: ({ signal }) => apiGet<ApplicationVersion>(`/api/applications/${enc(id)}/versions/${version}`, signal),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

export function useApplicationFiles(id: string) {
  return useQuery({
    queryKey: filesKey(id),
    queryFn: ({ signal }) => apiGet<FileList>(`/api/applications/${enc(id)}/files`, signal),
  });
}

export function useCurrentEdition() {
  return useQuery({
    queryKey: ['reference', 'current-edition'],
    queryFn: ({ signal }) => apiGet<CurrentEdition>('/api/editions/current', signal),
    staleTime: 5 * 60_000,
  });
}

export function useCounties() {
  return useQuery({
    queryKey: ['reference', 'counties'],
    queryFn: ({ signal }) => apiGet<CountyList>('/api/reference/counties', signal),
    staleTime: 30 * 60_000,
  });
}

export type IndustrySection = Industries['sections'][number];

export function useIndustries() {
  return useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: ({ signal }) => apiGet<Industries>('/api/reference/industries', signal),
    staleTime: Infinity,
  });
}

export function uploadUrl(applicationId: string, purpose: ApplicationFile['purpose'], itemCode?: string): string {
  return `/api/applications/${enc(applicationId)}/files${qs({ purpose, itemCode })}`;
}

/** Upload headers: the session's CSRF token (multipart goes around the JSON client). */
export function uploadHeaders(): Record<string, string> {
  const token = getCsrfToken();
  return token ? { 'x-csrf-token': token } : {};
}

/** The Chinese message of a failed antd Upload (its `response` is the server's error body). */
export function uploadErrorMessage(response: unknown, fallback = '上传失败'): string {
  const body = response as { message?: unknown } | null;
  if (body && typeof body.message === 'string' && body.message) return body.message;
  return fallback;
}

export function fileUrl(fileId: string): string {
  return `/api/files/${enc(fileId)}`;
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function isRevisionConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.code === 'revision_conflict';
}
