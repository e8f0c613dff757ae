import { useQuery } from '@tanstack/react-query';
import { fetchAttention, taskKeys } from './tasks.api';

/**
 * What needs the signed-in user's attention (counts only, GET /attention), shared by the header's badges and the
 * front page; one request serves both, refreshed every five minutes.
 */
export function useAttention(enabled = true) {
  return useQuery({ queryKey: taskKeys.attention, queryFn: fetchAttention, refetchInterval: 5 * 60_000, staleTime: 30_000, enabled });
}
