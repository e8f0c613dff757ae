import { useQuery } from '@tanstack/react-query';
import type { MeDto } from '../../../shared/auth';
import { fetchMe, sessionKeys } from './session.api';

/** The current session's user (null when logged out). */
export function useMe() {
  return useQuery<MeDto | null>({ queryKey: sessionKeys.me, queryFn: fetchMe, staleTime: 30_000 });
}

/** Whether the user has finished logging in and may use the application's pages. */
export function isFullySignedIn(me: MeDto | null | undefined): me is MeDto {
  return !!me && me.session.stage === 'active' && !me.user.mustChangePassword;
}
