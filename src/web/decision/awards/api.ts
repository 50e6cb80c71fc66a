import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';
import type { EditionAwards, MyAwards, WinnerAwards } from '../../../contract/awards';
import type { AwardItemKind, PrizePurpose } from '../../../domain/profile/decision-settings';

/** Queries and mutations of certificates, award items, prize money and feedback reports. */
const enc = encodeURIComponent;
export const awardsKey = (editionId: string) => ['awards', editionId] as const;
export const MY_AWARDS_KEY = ['awards', 'mine'] as const;

export const certificatePdfUrl = (winnerId: string) => `/api/winners/${enc(winnerId)}/certificate.pdf`;
export const feedbackPdfUrl = (applicationId: string) => `/api/applications/${enc(applicationId)}/feedback.pdf`;

export function useEditionAwards(editionId: string) {
  return useQuery({ queryKey: awardsKey(editionId), queryFn: ({ signal }) => apiGet<EditionAwards>(`/api/editions/${enc(editionId)}/awards`, signal) });
}

export function useMyAwards() {
  return useQuery({ queryKey: MY_AWARDS_KEY, queryFn: ({ signal }) => apiGet<MyAwards>('/api/my/awards', signal) });
}

/** Every winner mutation answers the winner's new state; both views refresh. */
function useWinnerMutation<I>(path: (input: I) => string, body: (input: I) => unknown) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => apiPost<WinnerAwards>(path(input), body(input)),
    onSuccess: () => client.invalidateQueries({ queryKey: ['awards'] }),
  });
}

export const useRecordItem = () =>
  useWinnerMutation(
    (i: { winnerId: string; kind: AwardItemKind; issuedOn: string; receivedBy: string; note?: string }) => `/api/winners/${enc(i.winnerId)}/items`,
    ({ kind, issuedOn, receivedBy, note }) => ({ kind, issuedOn, receivedBy, note }),
  );

export const useRecoverItem = () =>
  useWinnerMutation((i: { winnerId: string; kind: AwardItemKind; recoveredOn: string }) => `/api/winners/${enc(i.winnerId)}/items/${i.kind}/recovery`, ({ recoveredOn }) => ({ recoveredOn }));

export const useRecordPayment = () =>
  useWinnerMutation(
    (i: { winnerId: string; amountFen: number; paidOn: string; reference: string }) => `/api/winners/${enc(i.winnerId)}/payments`,
    ({ amountFen, paidOn, reference }) => ({ amountFen, paidOn, reference }),
  );

export const useSubmitUsage = () =>
  useWinnerMutation(
    (i: { winnerId: string; lines: { purpose: PrizePurpose; amountFen: number; description: string }[]; fileIds: string[] }) => `/api/winners/${enc(i.winnerId)}/usage-reports`,
    ({ lines, fileIds }) => ({ lines, fileIds }),
  );

export function useReleaseFeedback(editionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ feedbackReleasedAt: string }>(`/api/editions/${enc(editionId)}/feedback/release`),
    onSuccess: () => client.invalidateQueries({ queryKey: awardsKey(editionId) }),
  });
}
