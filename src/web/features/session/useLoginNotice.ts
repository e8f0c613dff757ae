import { useLocation } from 'react-router';

/** Why the user arrived at the login page, passed in the navigation state. */
export type LoginNotice = 'setupDone' | 'loggedOut' | 'sessionExpired';

export function useLoginNotice(): LoginNotice | null {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice = (state as { notice: unknown }).notice;
  return notice === 'setupDone' || notice === 'loggedOut' || notice === 'sessionExpired' ? notice : null;
}

/** The page the user wanted before being sent to log in, if any. */
export function useReturnPath(): string | null {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null || !('from' in state)) return null;
  const from = (state as { from: unknown }).from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : null;
}
