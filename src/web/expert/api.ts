import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Commitment, ExpertWork } from '../../contract/technical';
import type { ScorebookPage } from '../../contract/technical-scoring';
import type { TechnicalStage } from '../../domain/profile/schema';
import { apiGet, apiPost, apiPut } from '../api/client';

/** The expert's side of the technical review (issue 11): work, commitment, conflicts, scorebooks. */

export const EXPERT_WORK_KEY = ['expert', 'work'] as const;
export const commitmentKey = (editionId: string) => ['expert', 'commitment', editionId] as const;
export const scorebookKey = (applicationId: string, stage: string) => ['scorebooks', applicationId, stage] as const;

const enc = encodeURIComponent;

export function useExpertWork(enabled = true) {
  return useQuery({ queryKey: EXPERT_WORK_KEY, queryFn: ({ signal }) => apiGet<ExpertWork>('/api/expert/work', signal), enabled });
}

export function useCommitment(editionId: string) {
  return useQuery({
    queryKey: commitmentKey(editionId),
    queryFn: ({ signal }) => apiGet<Commitment>(`/api/expert/editions/${enc(editionId)}/commitment`, signal),
  });
}

export function useAcceptCommitment(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<Commitment>(`/api/expert/editions/${enc(editionId)}/commitment`),
    onSuccess: (answer) => {
      queryClient.setQueryData(commitmentKey(editionId), answer);
      void queryClient.invalidateQueries({ queryKey: EXPERT_WORK_KEY });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useDeclareConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ editionId, applicationId, reason }: { editionId: string; applicationId: string; reason: string }) =>
      apiPost<{ ok: true }>(`/api/technical/editions/${enc(editionId)}/conflicts`, { applicationId, reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: EXPERT_WORK_KEY });
      void queryClient.invalidateQueries({ queryKey: ['scorebooks'] });
    },
  });
}

export function useScorebookPage(applicationId: string, stage: string) {
  return useQuery({
    queryKey: scorebookKey(applicationId, stage),
    queryFn: ({ signal }) => apiGet<ScorebookPage>(`/api/applications/${enc(applicationId)}/scorebooks/${enc(stage)}`, signal),
    // The editor keeps its own draft; a background refetch must not look like a reload.
    refetchOnWindowFocus: false,
  });
}

export type ScorebookKind = 'mine' | 'consensus';

const scorebookUrl = (applicationId: string, stage: TechnicalStage, kind: ScorebookKind) =>
  `/api/applications/${enc(applicationId)}/scorebooks/${enc(stage)}/${kind}`;

export const saveScorebook = (applicationId: string, stage: TechnicalStage, kind: ScorebookKind, body: { items: unknown; revision: number }) =>
  apiPut<ScorebookPage>(scorebookUrl(applicationId, stage, kind), body);

export const submitScorebook = (applicationId: string, stage: TechnicalStage, kind: ScorebookKind) =>
  apiPost<ScorebookPage>(`${scorebookUrl(applicationId, stage, kind)}/submit`);
