import { PageHeading } from '../components/PageHeading';
import { TotpForm } from '../features/session/TotpForm';
import { useT } from '../i18n/useT';

export function MfaVerifyPage() {
  const t = useT();
  return (
    <div className="page-narrow">
      <PageHeading>{t('mfa.title')}</PageHeading>
      <p className="lead">{t('mfa.intro')}</p>
      <TotpForm formId="mfa" submitLabel={t('mfa.submit')} />
      <p className="muted section">{t('mfa.lostDevice')}</p>
    </div>
  );
}
