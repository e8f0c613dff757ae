import type { UserDto } from '../../../shared/admin';
import { useT } from '../../i18n/useT';

export function ActiveBadge({ user }: { user: UserDto }) {
  const t = useT();
  return user.active ? <span className="badge badge-success">{t('users.status.active')}</span> : <span className="badge badge-neutral">{t('users.status.deactivated')}</span>;
}

export function MfaBadge({ user }: { user: UserDto }) {
  const t = useT();
  return user.mfaEnrolled ? <span className="badge badge-success">{t('users.mfa.enrolled')}</span> : <span className="badge badge-neutral">{t('users.mfa.notEnrolled')}</span>;
}

export function LockedBadge({ user }: { user: UserDto }) {
  const t = useT();
  return user.locked ? <span className="badge badge-error">{t('users.locked.yes')}</span> : <span>{t('users.locked.no')}</span>;
}
