import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { MIN_PASSWORD_LENGTH, SetupBody } from '../../shared/auth';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { SubmitButton } from '../components/SubmitButton';
import type { FieldErrors } from '../features/forms/formErrors';
import { useFormErrors } from '../features/forms/useFormErrors';
import { postSetup, sessionKeys } from '../features/session/session.api';
import { useT } from '../i18n/useT';

/** First run: the municipality and its first administrator. */
export function SetupPage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useFormErrors('setup');
  const [values, setValues] = useState({ code: '', name: '', adminName: '', email: '', password: '', passwordRepeat: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const setup = useMutation({
    mutationFn: postSetup,
    onSuccess: () => {
      queryClient.setQueryData(sessionKeys.setupStatus, { needed: false });
      navigate('/login', { state: { notice: 'setupDone' } });
    },
    onError: (error) => form.failFromApi(error),
  });

  const fields = [
    ['municipality.code', t('setup.municipalityCode')],
    ['municipality.name', t('setup.municipalityName')],
    ['admin.name', t('setup.adminName')],
    ['admin.email', t('field.email')],
    ['admin.password', t('field.newPassword')],
    ['passwordRepeat', t('field.passwordRepeat')],
  ] as const;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      municipality: { code: values.code.trim(), name: values.name },
      admin: { name: values.adminName, email: values.email, password: values.password },
    };
    const parsed = SetupBody.safeParse(body);
    const repeatError: FieldErrors = values.passwordRepeat !== values.password ? { passwordRepeat: t('form.passwordMismatch') } : {};
    if (!parsed.success) return form.failFromZod(parsed.error, repeatError);
    if (repeatError.passwordRepeat) return form.fail(repeatError);
    form.clear();
    setup.mutate(parsed.data);
  };

  return (
    <div className="page-narrow">
      <PageHeading>{t('setup.title')}</PageHeading>
      <p className="lead">{t('setup.intro')}</p>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <h2>{t('setup.municipalityHeading')}</h2>
        <TextField form={form} path="municipality.code" label={t('setup.municipalityCode')} hint={t('setup.municipalityCodeHint')} value={values.code} onChange={set('code')} inputMode="numeric" maxLength={3} autoComplete="off" narrow />
        <TextField form={form} path="municipality.name" label={t('setup.municipalityName')} hint={t('setup.municipalityNameHint')} value={values.name} onChange={set('name')} autoComplete="organization" />
        <h2>{t('setup.adminHeading')}</h2>
        <p>{t('setup.adminIntro')}</p>
        <TextField form={form} path="admin.name" label={t('setup.adminName')} value={values.adminName} onChange={set('adminName')} autoComplete="name" />
        <TextField form={form} path="admin.email" label={t('field.email')} type="email" value={values.email} onChange={set('email')} autoComplete="email" spellCheck={false} />
        <TextField form={form} path="admin.password" label={t('field.newPassword')} hint={t('field.newPasswordHint', { min: MIN_PASSWORD_LENGTH })} type="password" value={values.password} onChange={set('password')} autoComplete="new-password" />
        <TextField form={form} path="passwordRepeat" label={t('field.passwordRepeat')} type="password" value={values.passwordRepeat} onChange={set('passwordRepeat')} autoComplete="new-password" />
        <div className="form-actions">
          <SubmitButton pending={setup.isPending}>{t('setup.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
