import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { LOGGED_OUT_CODES, setAuthProblemHandler, setCsrfToken } from '../../api/client';
import { sessionKeys } from './session.api';

/** Connects the API client's auth failures to navigation: an ended session goes to the login page. */
export function AuthProblemBridge() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    setAuthProblemHandler((error) => {
      if (LOGGED_OUT_CODES.includes(error.code)) {
        navigate('/login', { state: { notice: 'sessionExpired' } });
        setCsrfToken(null);
        queryClient.setQueryData(sessionKeys.me, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.me[0] && query.queryKey[0] !== sessionKeys.setupStatus[0] });
      } else {
        // mfa_required or password_change_required: /me tells the route guards where to send the user.
        void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
      }
    });
    return () => setAuthProblemHandler(null);
  }, [navigate, queryClient]);
  return null;
}
