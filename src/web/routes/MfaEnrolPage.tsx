import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { postMfaEnrol, sessionKeys } from '../features/session/session.api';
import { groupSecret } from '../features/session/groupSecret';
import { TotpForm } from '../features/session/TotpForm';
import { useT } from '../i18n/useT';

export function MfaEnrolPage() {
  const t = useT();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  // A POST, but a query: it must run once per visit, and a new visit starts a fresh secret.
  const enrolment = useQuery({
    queryKey: sessionKeys.mfaEnrolment,
    queryFn: postMfaEnrol,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="page-narrow">
      <PageHeading>{t('mfaEnrol.title')}</PageHeading>
      <p className="lead">{t('mfaEnrol.intro')}</p>
      {enrolment.isPending ? (
        <Spinner />
      ) : enrolment.isError ? (
        <QueryError error={enrolment.error} onRetry={() => void enrolment.refetch()} />
      ) : (
        <>
          <h2>{t('mfaEnrol.step1')}</h2>
          <p>{t('mfaEnrol.step1Text')}</p>
          <h2>{t('mfaEnrol.step2')}</h2>
          <p>{t('mfaEnrol.step2Text')}</p>
          <img className="qr-image" src={enrolment.data.qrDataUrl} alt={t('mfaEnrol.qrAlt')} width={192} height={192} />
          <p className="section">{t('mfaEnrol.manual')}</p>
          <div className="secret-box">
            <span>
              <span className="visually-hidden">{t('mfaEnrol.secretLabel')} </span>
              <code id="mfa-secret">{groupSecret(enrolment.data.secret)}</code>
            </span>
            <button type="button" className="button button-secondary button-small" onClick={() => void copy(enrolment.data.secret)}>
              {t('mfaEnrol.copy')}
            </button>
            <span role="status">{copied === 'yes' ? t('mfaEnrol.copied') : copied === 'failed' ? t('mfaEnrol.copyFailed') : ''}</span>
          </div>
          <h2>{t('mfaEnrol.step3')}</h2>
          <p>{t('mfaEnrol.step3Text')}</p>
          <TotpForm formId="mfa-enrol" submitLabel={t('mfaEnrol.submit')} />
        </>
      )}
    </div>
  );
}
