import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, apiPost, apiPut } from '../api/client';
import type { DecisionRequest } from '../../contract/actions';
import type { ConflictList, Expert, PanelView, SolveProgressView, TechnicalOverview } from '../../contract/technical';
import type { StageResults } from '../../contract/technical-scoring';
import type { TechnicalReport, TechnicalStage } from '../../contract/technical-report';
import type { ExpertInput } from '../../domain/experts/expert';

/** Queries and mutations of the agency's and the office's technical review pages. */

const enc = encodeURIComponent;
export const editionBase = (id: string) => `/api/technical/editions/${enc(id)}`;

export const EXPERTS_KEY = ['experts'] as const;
export const technicalKey = (id: string) => ['technical', id] as const;

export function useExperts(enabled = true) {
  return useQuery({ queryKey: EXPERTS_KEY, queryFn: ({ signal }) => apiGet<{ items: Expert[] }>('/api/experts', signal), enabled });
}

export function useSaveExpert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ExpertInput }) => (id ? apiPut<Expert>(`/api/experts/${enc(id)}`, input) : apiPost<Expert>('/api/experts', input)),
    onSuccess: () => client.invalidateQueries({ queryKey: EXPERTS_KEY }),
  });
}

export function useOpenAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, username, password }: { id: string; username: string; password: string }) => apiPost<Expert>(`/api/experts/${enc(id)}/account`, { username, password }),
    onSuccess: () => client.invalidateQueries({ queryKey: EXPERTS_KEY }),
  });
}

export function useOverview(id: string) {
  return useQuery({ queryKey: [...technicalKey(id), 'overview'], queryFn: ({ signal }) => apiGet<TechnicalOverview>(editionBase(id), signal) });
}

export function useConflicts(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...technicalKey(id), 'conflicts'], queryFn: ({ signal }) => apiGet<ConflictList>(`${editionBase(id)}/conflicts`, signal), enabled });
}

export const panelsKey = (id: string, stage: TechnicalStage) => [...technicalKey(id), 'panels', stage] as const;
export function usePanels(id: string, stage: TechnicalStage) {
  return useQuery({ queryKey: panelsKey(id, stage), queryFn: ({ signal }) => apiGet<PanelView>(`${editionBase(id)}/stages/${stage}/panels`, signal) });
}

/** The solve's progress, polled while the agency waits for it. */
export function useSolveProgress(id: string, stage: TechnicalStage, enabled: boolean) {
  return useQuery({ queryKey: [...panelsKey(id, stage), 'progress'], queryFn: ({ signal }) => apiGet<SolveProgressView>(`${editionBase(id)}/stages/${stage}/panels/progress`, signal), enabled, refetchInterval: enabled ? 400 : false });
}

export function useResults(id: string, stage: TechnicalStage) {
  return useQuery({ queryKey: [...technicalKey(id), 'results', stage], queryFn: ({ signal }) => apiGet<StageResults>(`${editionBase(id)}/stages/${stage}/results`, signal) });
}

export interface ReportAnswer {
  submittedAt: string | null;
  report: TechnicalReport;
}
export function useReport(id: string) {
  return useQuery({ queryKey: [...technicalKey(id), 'report'], queryFn: ({ signal }) => apiGet<ReportAnswer>(`${editionBase(id)}/report`, signal), retry: false });
}

/** A mutation on the edition's technical review that refreshes everything shown of it afterwards. */
export function useTechnicalMutation<V, R>(id: string, fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: technicalKey(id) }) });
}

/** Panel edits answer the whole panel view: put it straight in the cache, then refresh the rest. */
export function usePanelMutation<V>(id: string, stage: TechnicalStage, fn: (vars: V) => Promise<PanelView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (view) => {
      client.setQueryData(panelsKey(id, stage), view);
      void client.invalidateQueries({ queryKey: technicalKey(id), predicate: (q) => q.queryKey[2] !== 'panels' || q.queryKey[3] !== stage });
    },
  });
}

export const panelPath = (id: string, stage: TechnicalStage, applicationId?: string) =>
  `${editionBase(id)}/stages/${stage}/panels${applicationId ? `/${enc(applicationId)}` : ''}`;

export const deleteMember = (id: string, stage: TechnicalStage, applicationId: string, expertId: string) =>
  api<PanelView>(`${panelPath(id, stage, applicationId)}/members/${enc(expertId)}`, { method: 'DELETE' });

export const recordDecision = (editionId: string, body: DecisionRequest) => apiPost(`/api/editions/${enc(editionId)}/decisions`, body);
