import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addEvidenceRequest,
  announceCaseRequest,
  CaseDetail,
  caseList,
  CaseStatus,
  CaseSubjects,
  closeCaseRequest,
  decideCaseRequest,
  disqualifyExpertRequest,
  OpenCaseRequest,
  proposeCaseRequest,
  publicRevocationList,
  revocationGrounds,
  verifyCaseRequest,
} from '../../contract/supervision';
import { apiGet, apiPost, qs } from '../api/client';

/** Queries and mutations of supervision cases (issue 13): the /api/supervision routes and the public revocations. */
const enc = encodeURIComponent;
export type CaseList = z.infer<typeof caseList>;
export type RevocationGrounds = z.infer<typeof revocationGrounds>;
export type PublicRevocationList = z.infer<typeof publicRevocationList>;
export type SubjectKind = 'revocation' | 'applicant' | 'expert';

export const CASES_KEY = ['supervision', 'cases'] as const;
export const caseKey = (id: string) => ['supervision', 'case', id] as const;

export const caseFileUrl = (caseId: string, fileId: string) => `/api/supervision/cases/${enc(caseId)}/files/${enc(fileId)}`;
/** Where evidence is uploaded (multipart, one file per request) before it is attached to a case. */
export const CASE_FILE_UPLOAD_URL = '/api/supervision/files';

export function useCases(filter: { editionId?: string; status?: CaseStatus }) {
  return useQuery({
    queryKey: [...CASES_KEY, filter.editionId ?? '', filter.status ?? ''],
    queryFn: ({ signal }) => apiGet<CaseList>(`/api/supervision/cases${qs({ editionId: filter.editionId, status: filter.status })}`, signal),
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => apiGet<CaseDetail>(`/api/supervision/cases/${enc(id)}`, signal) });
}

export function useCaseSubjects(editionId: string | undefined, kind: SubjectKind | undefined) {
  return useQuery({
    queryKey: ['supervision', 'subjects', editionId ?? '', kind ?? ''],
    enabled: !!editionId && !!kind,
    queryFn: ({ signal }) => apiGet<CaseSubjects>(`/api/supervision/subjects${qs({ editionId, kind })}`, signal),
  });
}

export function useRevocationGrounds(applicationId: string | undefined) {
  return useQuery({
    queryKey: ['supervision', 'grounds', applicationId ?? ''],
    enabled: !!applicationId,
    queryFn: ({ signal }) => apiGet<RevocationGrounds>(`/api/supervision/grounds${qs({ applicationId })}`, signal),
  });
}

export function usePublicRevocations() {
  return useQuery({ queryKey: ['public', 'revocations'], queryFn: ({ signal }) => apiGet<PublicRevocationList>('/api/public/revocations', signal) });
}

export function useOpenCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenCaseRequest) => apiPost<CaseDetail>('/api/supervision/cases', body),
    onSuccess: () => client.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

/** The body each step posts (the contract's request schemas). */
export interface StepBodies {
  addEvidence: z.input<typeof addEvidenceRequest>;
  verify: z.input<typeof verifyCaseRequest>;
  propose: z.input<typeof proposeCaseRequest>;
  decide: z.input<typeof decideCaseRequest>;
  announce: z.input<typeof announceCaseRequest>;
  disqualifyExpert: z.input<typeof disqualifyExpertRequest>;
  close: z.input<typeof closeCaseRequest>;
}
export type StepName = keyof StepBodies;

const STEP_PATHS: Record<StepName, string> = {
  addEvidence: 'evidence',
  verify: 'verify',
  propose: 'propose',
  decide: 'decide',
  announce: 'announce',
  disqualifyExpert: 'disqualify-expert',
  close: 'close',
};

/** One step of a case; every step answers the case's new state, which replaces the cached one. */
export function useCaseStep<S extends StepName>(caseId: string, step: S) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StepBodies[S]) => apiPost<CaseDetail>(`/api/supervision/cases/${enc(caseId)}/${STEP_PATHS[step]}`, body),
    onSuccess: (detail) => {
      if (detail && typeof detail === 'object' && 'id' in detail) client.setQueryData(caseKey(caseId), detail);
      void client.invalidateQueries({ queryKey: caseKey(caseId) });
      void client.invalidateQueries({ queryKey: CASES_KEY });
      // A revocation changes the winners' ledger and the public pages.
      void client.invalidateQueries({ queryKey: ['awards'] });
      void client.invalidateQueries({ queryKey: ['public'] });
      // A disqualified expert changes the edition's list of disqualifications and its results.
      void client.invalidateQueries({ queryKey: ['supervision', 'expert-disqualifications'] });
    },
  });
}
