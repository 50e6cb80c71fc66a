import { useQuery } from '@tanstack/react-query';
import type { OrganisationKind } from '../../domain/roles';
import { apiGet, qs } from '../api/client';
import type { OrganisationList } from '../../contract/directory';

export const ORGANISATIONS_KEY = ['organisations'] as const;

export function useOrganisations(kind?: OrganisationKind | null, enabled = true) {
  return useQuery({
    queryKey: [...ORGANISATIONS_KEY, kind ?? 'all'],
    queryFn: ({ signal }) => apiGet<OrganisationList>(`/api/organisations${qs({ kind })}`, signal),
    enabled,
  });
}
