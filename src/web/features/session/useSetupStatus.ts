import { useQuery } from '@tanstack/react-query';
import { fetchSetupStatus, sessionKeys } from './session.api';

/** Whether this installation still needs its first-run setup. */
export function useSetupStatus() {
  return useQuery({ queryKey: sessionKeys.setupStatus, queryFn: fetchSetupStatus, staleTime: Infinity });
}
