import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../api/client';
import { postLogout, sessionKeys } from './session.api';

/** Logs out, forgets every cached answer but the setup status, and shows the login page with the notice. */
export function useLogout(notice: 'loggedOut' | 'sessionExpired' = 'loggedOut') {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: postLogout,
    onSettled: () => {
      navigate('/login', { state: { notice } });
      setCsrfToken(null);
      queryClient.setQueryData(sessionKeys.me, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.me[0] && query.queryKey[0] !== sessionKeys.setupStatus[0] });
    },
  });
}
