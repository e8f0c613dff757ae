import { useQueryClient } from '@tanstack/react-query';
import type { MeDto } from '../../../shared/auth';
import { fetchMe, sessionKeys } from './session.api';

/** Re-reads /me after a login step: the session and its CSRF token rotate. */
export function useRefreshSession(): () => Promise<MeDto | null> {
  const queryClient = useQueryClient();
  return () => queryClient.fetchQuery({ queryKey: sessionKeys.me, queryFn: fetchMe, staleTime: 0 });
}
