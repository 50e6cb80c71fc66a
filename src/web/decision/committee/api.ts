import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BallotRequest, CommitteeView, MemberEditions, MemberSheet, SessionView } from '../../../contract/committee';
import { api, apiGet, apiPost } from '../../api/client';

/** Queries and mutations of the committee: the office's tab and the members' page. */

const enc = encodeURIComponent;
export const committeeBase = (editionId: string) => `/api/decision/editions/${enc(editionId)}/committee`;
export const minutesUrl = (editionId: string, sessionId: string) => `${committeeBase(editionId)}/sessions/${enc(sessionId)}/minutes.pdf`;
const officeKey = (editionId: string) => ['committee', 'office', editionId] as const;
const memberKey = ['committee', 'member'] as const;

/** The office's view; polled while a session is open, so the progress of the vote shows. */
export function useCommittee(editionId: string) {
  return useQuery({
    queryKey: officeKey(editionId),
    queryFn: ({ signal }) => apiGet<CommitteeView>(committeeBase(editionId), signal),
    refetchInterval: (q) => (q.state.data?.sessions.some((s) => !s.closedAt) ? 5000 : false),
  });
}

/** An office mutation that refreshes the committee view. */
export function useCommitteeMutation<I, O = CommitteeView | SessionView | { ok: true }>(editionId: string, run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: officeKey(editionId) }) });
}

export const officeCalls = (editionId: string) => ({
  setMember: (body: { userId: string; position: string }) => apiPost<CommitteeView>(`${committeeBase(editionId)}/members`, body),
  removeMember: (userId: string) => api<CommitteeView>(`${committeeBase(editionId)}/members/${enc(userId)}`, { method: 'DELETE' }),
  constitute: (body: { documentNumber?: string | null }) => apiPost<CommitteeView>(`${committeeBase(editionId)}/constitute`, body),
  recuse: (body: { userId: string; applicationId: string; reason: string }) => apiPost<{ ok: true }>(`${committeeBase(editionId)}/recusals`, body),
  open: (body: { heldOn: string; presentUserIds: string[] }) => apiPost<SessionView>(`${committeeBase(editionId)}/sessions`, body),
  close: ({ sessionId, documentNumber }: { sessionId: string; documentNumber: string }) => apiPost<SessionView>(`${committeeBase(editionId)}/sessions/${enc(sessionId)}/close`, { documentNumber }),
  voidRound: ({ sessionId, reason }: { sessionId: string; reason: string }) => apiPost<SessionView>(`${committeeBase(editionId)}/sessions/${enc(sessionId)}/void`, { reason }),
});

export function useMemberEditions() {
  return useQuery({ queryKey: memberKey, queryFn: ({ signal }) => apiGet<MemberEditions>('/api/committee/editions', signal) });
}

export function useMemberSheet(editionId: string | null) {
  return useQuery({ queryKey: [...memberKey, editionId], queryFn: ({ signal }) => apiGet<MemberSheet>(`/api/committee/editions/${enc(editionId!)}`, signal), enabled: Boolean(editionId) });
}

export function useMemberMutation<I>(run: (input: I) => Promise<{ ok: true }>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: memberKey }) });
}

export const memberCalls = (editionId: string) => ({
  recuse: (body: { applicationId: string; reason: string }) => apiPost<{ ok: true }>(`/api/committee/editions/${enc(editionId)}/recusals`, body),
  cast: (body: BallotRequest) => apiPost<{ ok: true }>(`/api/committee/editions/${enc(editionId)}/ballot`, body),
});
