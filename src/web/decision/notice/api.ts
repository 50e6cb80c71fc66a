import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecisionRecord, DecisionRequest } from '../../../contract/actions';
import type { NoticeOverview, NoticePeriod, ObjectionList, ObjectionView, PublicNoticeDetail, PublishNoticeRequest, RulingRequest } from '../../../contract/notice';
import { apiGet, apiPost, apiPut } from '../../api/client';

/** Queries and mutations of the notice tabs (office: publish, objections; leadership: decide again). */

const enc = encodeURIComponent;
export const noticeBase = (editionId: string) => `/api/decision/editions/${enc(editionId)}/notice`;
export const noticeKey = (editionId: string) => ['notice', editionId] as const;

export function useNoticeOverview(editionId: string) {
  return useQuery({ queryKey: [...noticeKey(editionId), 'overview'], queryFn: ({ signal }) => apiGet<NoticeOverview>(noticeBase(editionId), signal) });
}

export function useNoticePeriod(editionId: string, startsOn: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...noticeKey(editionId), 'period', startsOn],
    queryFn: ({ signal }) => apiGet<NoticePeriod>(`${noticeBase(editionId)}/period${startsOn ? `?startsOn=${enc(startsOn)}` : ''}`, signal),
    enabled,
    retry: false,
  });
}

export function useObjections(editionId: string, enabled: boolean) {
  return useQuery({ queryKey: [...noticeKey(editionId), 'objections'], queryFn: ({ signal }) => apiGet<ObjectionList>(`${noticeBase(editionId)}/objections`, signal), enabled });
}

function useInvalidate(editionId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: noticeKey(editionId) });
}

export function usePublishNotice(editionId: string) {
  const invalidate = useInvalidate(editionId);
  return useMutation({ mutationFn: (input: PublishNoticeRequest) => apiPost<PublicNoticeDetail>(noticeBase(editionId), input), onSuccess: invalidate });
}

export function useInvestigation(editionId: string) {
  const invalidate = useInvalidate(editionId);
  return useMutation({
    mutationFn: ({ objectionId, investigation }: { objectionId: string; investigation: string }) => apiPut<ObjectionView>(`${noticeBase(editionId)}/objections/${enc(objectionId)}/investigation`, { investigation }),
    onSuccess: invalidate,
  });
}

export function useRuling(editionId: string) {
  const invalidate = useInvalidate(editionId);
  return useMutation({
    mutationFn: ({ objectionId, input }: { objectionId: string; input: RulingRequest }) => apiPost<ObjectionView>(`${noticeBase(editionId)}/objections/${enc(objectionId)}/ruling`, input),
    onSuccess: invalidate,
  });
}

/** The leadership's decision on the list again after an upheld objection (generic decisions route). */
export function useReconfirm(editionId: string) {
  const invalidate = useInvalidate(editionId);
  return useMutation({ mutationFn: (input: DecisionRequest) => apiPost<DecisionRecord>(`/api/editions/${enc(editionId)}/decisions`, input), onSuccess: invalidate });
}

export const evidenceUrl = (editionId: string, objectionId: string, fileId: string) => `${noticeBase(editionId)}/objections/${enc(objectionId)}/files/${enc(fileId)}`;
