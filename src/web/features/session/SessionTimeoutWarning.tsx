import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { lastApiActivity } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n/useT';
import { msUntilIdleLogout, warningLeadMs } from './idle';
import { sessionKeys } from './session.api';
import { useLogout } from './useLogout';
import { useMe } from './useMe';

/**
 * WCAG 2.2.1 (timing adjustable): before the idle timeout ends the session, warn and let the user
 * continue with one action. When time runs out, log out here too, so an unattended screen is cleared.
 */
export function SessionTimeoutWarning() {
  const t = useT();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const logout = useLogout('sessionExpired');
  const idleSeconds = me?.session.idleTimeoutSeconds;
  const [remainingMs, setRemainingMs] = useState<number | null>(null);

  useEffect(() => {
    if (!idleSeconds) {
      setRemainingMs(null);
      return;
    }
    const tick = () => setRemainingMs(msUntilIdleLogout(lastApiActivity(), idleSeconds, Date.now()));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [idleSeconds]);

  const expired = remainingMs !== null && remainingMs <= 0;
  useEffect(() => {
    if (expired && logout.isIdle) logout.mutate();
  }, [expired, logout]);

  if (!idleSeconds || remainingMs === null) return null;
  const open = remainingMs > 0 && remainingMs <= warningLeadMs(idleSeconds);
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  const time =
    seconds >= 60 ? (minutes === 1 ? t('timeout.minute') : t('timeout.minutes', { minutes })) : seconds === 1 ? t('timeout.second') : t('timeout.seconds', { seconds });

  return (
    <Dialog open={open} title={t('timeout.title')} onClose={() => void queryClient.refetchQueries({ queryKey: sessionKeys.me })}>
      <p>{t('timeout.text', { time })}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" data-autofocus onClick={() => void queryClient.refetchQueries({ queryKey: sessionKeys.me })}>
          {t('timeout.stay')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => logout.mutate()}>
          {t('header.logout')}
        </button>
      </div>
    </Dialog>
  );
}
