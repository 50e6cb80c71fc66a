import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import type { RuleProfileList, RuleProfileSummary } from '../../contract/directory';
import type { Edition, EditionList } from '../../contract/editions';

export const EDITIONS_KEY = ['editions'] as const;
export const editionKey = (id: string) => ['editions', id] as const;

export function useEditions() {
  return useQuery({
    queryKey: EDITIONS_KEY,
    queryFn: ({ signal }) => apiGet<EditionList>('/api/editions', signal),
  });
}

export function useEdition(id: string) {
  return useQuery({
    queryKey: editionKey(id),
    queryFn: ({ signal }) => apiGet<Edition>(`/api/editions/${encodeURIComponent(id)}`, signal),
  });
}

export function useProfiles(enabled = true) {
  return useQuery({
    queryKey: ['profiles'],
    queryFn: ({ signal }) => apiGet<RuleProfileList>('/api/profiles', signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function profileLabel(p: RuleProfileSummary): string {
  return `${p.name}（有效期 ${p.validFrom} 至 ${p.validTo ?? '长期'}）`;
}
