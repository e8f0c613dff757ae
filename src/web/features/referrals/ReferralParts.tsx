import type { ReferralStatus } from '../../../shared/referrals';
import type { MessageKey } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import { memberRoleLabel } from '../families/labels';
import type { MyReferral } from './referrals.api';
import { signLabel } from './signs';

const STATUS_KEYS: Record<ReferralStatus, MessageKey> = {
  open: 'referralStatus.open',
  accepted: 'referralStatus.accepted',
  declined: 'referralStatus.declined',
  forwarded: 'referralStatus.forwarded',
};

const STATUS_CLASSES: Record<ReferralStatus, string> = {
  open: 'badge badge-neutral',
  accepted: 'badge badge-success',
  declined: 'badge badge-error',
  forwarded: 'badge badge-warning',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useI18n();
  return <span className={STATUS_CLASSES[status]}>{t(STATUS_KEYS[status])}</span>;
}

export function referralStatusLabel(t: (key: MessageKey) => string, status: ReferralStatus): string {
  return t(STATUS_KEYS[status]);
}

type PersonView = MyReferral['persons'][number];

/** A referred person as the referrer knew them: name, masked CPR or birth date, role. */
export function ReferralPersonLine({ person }: { person: PersonView }) {
  const { t, lang } = useI18n();
  const name = [person.givenName, person.familyName].filter(Boolean).join(' ');
  const id = person.cpr ?? (person.birthDate ? t('referral.bornOn', { date: formatDate(person.birthDate, lang) }) : '');
  return (
    <>
      {name || <span className="muted">{t('referral.nameUnknown')}</span>}
      {id && (
        <>
          {' '}
          <span className="mono muted">{id}</span>
        </>
      )}
      {person.role && <span className="muted"> ({memberRoleLabel(t, person.role)})</span>}
    </>
  );
}

export function SignList({ signs }: { signs: MyReferral['signs'] }) {
  const { lang } = useI18n();
  return (
    <ul className="plain-list">
      {signs.map((s) => (
        <li key={s.code}>{signLabel(s, lang)}</li>
      ))}
    </ul>
  );
}
