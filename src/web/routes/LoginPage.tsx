import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { LoginBody } from '../../shared/auth';
import { Alert } from '../components/Alert';
import { ErrorSummary } from '../components/ErrorSummary';
import { SelectField, TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { useFormErrors } from '../features/forms/useFormErrors';
import { pendingStep } from '../features/session/guards';
import { fetchMunicipalities, postLogin, sessionKeys } from '../features/session/session.api';
import { useLoginNotice, useReturnPath } from '../features/session/useLoginNotice';
import { useRefreshSession } from '../features/session/useRefreshSession';
import { isFullySignedIn, useMe } from '../features/session/useMe';
import type { MessageKey } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';

const NOTICES = {
  setupDone: { variant: 'success', heading: 'login.notice.setupDoneHeading', text: 'login.notice.setupDone' },
  loggedOut: { variant: 'info', heading: 'login.notice.loggedOutHeading', text: 'login.notice.loggedOut' },
  sessionExpired: { variant: 'warning', heading: 'login.notice.sessionExpiredHeading', text: 'login.notice.sessionExpired' },
} as const satisfies Record<string, { variant: 'success' | 'info' | 'warning'; heading: MessageKey; text: MessageKey }>;

export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const notice = useLoginNotice();
  const returnPath = useReturnPath();
  const refreshSession = useRefreshSession();
  const me = useMe();
  const form = useFormErrors('login');
  const [values, setValues] = useState({ email: '', password: '', municipalityCode: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const municipalities = useQuery({ queryKey: sessionKeys.municipalities, queryFn: fetchMunicipalities, staleTime: 5 * 60_000 });
  const chooseMunicipality = (municipalities.data?.length ?? 0) > 1;

  const login = useMutation({
    mutationFn: postLogin,
    onSuccess: async () => {
      const me = await refreshSession();
      if (!me) return form.fail({}, { message: t('error.unexpected') });
      navigate(pendingStep(me) ?? returnPath ?? '/', { replace: true, state: returnPath ? { from: returnPath } : undefined });
    },
    onError: (error) => {
      setValues((v) => ({ ...v, password: '' }));
      form.failFromApi(error, 'password');
    },
  });

  const fields = [
    ...(chooseMunicipality ? ([['municipalityCode', t('login.municipality')]] as const) : []),
    ['email', t('field.email')],
    ['password', t('field.password')],
  ] as const;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = LoginBody.safeParse({
      email: values.email,
      password: values.password,
      municipalityCode: chooseMunicipality ? values.municipalityCode || undefined : undefined,
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    if (chooseMunicipality && !values.municipalityCode) return form.fail({ municipalityCode: t('login.municipalityRequired') });
    form.clear();
    login.mutate(parsed.data);
  };

  const shownNotice = notice ? NOTICES[notice] : null;
  if (isFullySignedIn(me.data) && !login.isPending) return <Navigate to="/" replace />;

  return (
    <div className="page-narrow">
      <PageHeading>{t('login.title')}</PageHeading>
      {shownNotice && !form.formProblem && Object.keys(form.errors).length === 0 && (
        <Alert variant={shownNotice.variant} heading={t(shownNotice.heading)} live="status">
          <p>{t(shownNotice.text)}</p>
        </Alert>
      )}
      <ErrorSummary form={form} fields={fields} />
      {municipalities.isPending ? (
        <Spinner />
      ) : municipalities.isError ? (
        <QueryError error={municipalities.error} onRetry={() => void municipalities.refetch()} />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          {chooseMunicipality && (
            <SelectField
              form={form}
              path="municipalityCode"
              label={t('login.municipality')}
              value={values.municipalityCode}
              onChange={set('municipalityCode')}
              options={[{ value: '', label: t('login.chooseMunicipality') }, ...municipalities.data.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))]}
            />
          )}
          <TextField form={form} path="email" label={t('field.email')} type="email" value={values.email} onChange={set('email')} autoComplete="username" spellCheck={false} />
          <TextField form={form} path="password" label={t('field.password')} type="password" value={values.password} onChange={set('password')} autoComplete="current-password" />
          <div className="form-actions">
            <SubmitButton pending={login.isPending}>{t('login.submit')}</SubmitButton>
          </div>
          <p className="muted section">{t('login.help')}</p>
        </form>
      )}
    </div>
  );
}
