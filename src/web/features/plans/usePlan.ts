import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { familyKeys } from '../families/families.api';
import { fetchLifeDomains, fetchPlan, planKeys, type Plan } from './plans.api';

/**
 * The plan as this page loaded it. It is not refetched behind the user's back: its draftVersion is the
 * version the user has seen, which every save sends so a stale save is refused instead of overwriting.
 */
export function usePlan(familyId: string) {
  return useQuery({
    queryKey: planKeys.plan(familyId),
    queryFn: ({ signal }) => fetchPlan(familyId, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnMount: 'always',
  });
}

export function useLifeDomains() {
  return useQuery({ queryKey: planKeys.lifeDomains, queryFn: fetchLifeDomains, staleTime: 5 * 60_000 });
}

/**
 * A write to the draft: the server answers with the whole plan, which becomes the page's plan
 * (and with it the new draftVersion). The version history and the family overview are refreshed.
 */
export function usePlanWrite<V>(familyId: string, write: (vars: V) => Promise<Plan>, options: { onSuccess?: (plan: Plan, vars: V) => void; onError?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (plan, vars) => {
      queryClient.setQueryData(planKeys.plan(familyId), plan);
      void queryClient.invalidateQueries({ queryKey: planKeys.versions(familyId) });
      void queryClient.invalidateQueries({ queryKey: familyKeys.overview(familyId) });
      options.onSuccess?.(plan, vars);
    },
    onError: options.onError,
  });
}
