import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { familyKeys, fetchFamily, type FamilyData } from './families.api';
import { fullName } from './labels';

/** The family overview; a 404 is an answer (no access or no family), not a failure to retry. */
export function useFamily(id: string) {
  return useQuery({ queryKey: familyKeys.overview(id), queryFn: ({ signal }) => fetchFamily(id, signal), staleTime: 0 });
}

/** Fetches the family again after a change (or a conflict), and refreshes the caseload lists. */
export function useReloadFamily(id: string) {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    void queryClient.invalidateQueries({ queryKey: familyKeys.caseloadAll });
    await queryClient.invalidateQueries({ queryKey: familyKeys.overview(id) });
  }, [queryClient, id]);
}

/** A member's name by person id; an id the family no longer has shows as itself. */
export function memberName(family: FamilyData, personId: string): string {
  const m = family.members.find((x) => x.personId === personId);
  return m ? fullName(m) : personId;
}
