import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../api/client';
import type { DecisionRequest } from '../../contract/actions';
import type { CompositeTable } from '../../contract/decision';

/** Queries and mutations of the decision workspace (Art. 16–18). */

const enc = encodeURIComponent;
export const decisionKey = (id: string) => ['decision', id] as const;

export function useComposite(editionId: string) {
  return useQuery({ queryKey: [...decisionKey(editionId), 'composite'], queryFn: ({ signal }) => apiGet<CompositeTable>(`/api/decision/editions/${enc(editionId)}/composite`, signal) });
}

/** A mutation that refreshes everything of the edition's decision afterwards. */
export function useDecisionMutation<T, R = unknown>(editionId: string, run: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: decisionKey(editionId) }) });
}

export const recordListDecision = (editionId: string, body: DecisionRequest) => apiPost(`/api/editions/${enc(editionId)}/decisions`, body);
export const publishResults = (editionId: string) => apiPost<{ awarded: number; nominated: number }>(`/api/decision/editions/${enc(editionId)}/publish`, {});
