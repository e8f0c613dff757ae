import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ChangePasswordBody, MIN_PASSWORD_LENGTH } from '../../shared/auth';
import { Alert } from '../components/Alert';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { SubmitButton } from '../components/SubmitButton';
import type { FieldErrors } from '../features/forms/formErrors';
import { useFormErrors } from '../features/forms/useFormErrors';
import { postChangePassword } from '../features/session/session.api';
import { useMe } from '../features/session/useMe';
import { useRefreshSession } from '../features/session/useRefreshSession';
import { useT } from '../i18n/useT';

/** A new password: forced after an administrator set a first one, or by the user's own choice. */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const refreshSession = useRefreshSession();
  const { data: me } = useMe();
  const forced = me?.user.mustChangePassword ?? false;
  const form = useFormErrors('change-password');
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', passwordRepeat: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const change = useMutation({
    mutationFn: postChangePassword,
    onSuccess: async () => {
      await refreshSession();
      navigate('/', { state: { notice: 'passwordChanged' } });
    },
    onError: (error) => {
      setValues({ currentPassword: '', newPassword: '', passwordRepeat: '' });
      form.failFromApi(error, 'currentPassword');
    },
  });

  const fields = [
    ['currentPassword', forced ? t('changePassword.firstPassword') : t('changePassword.current')],
    ['newPassword', t('field.newPassword')],
    ['passwordRepeat', t('field.passwordRepeat')],
  ] as const;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ChangePasswordBody.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const repeatError: FieldErrors = values.passwordRepeat !== values.newPassword ? { passwordRepeat: t('form.passwordMismatch') } : {};
    if (!parsed.success) return form.failFromZod(parsed.error, repeatError);
    if (repeatError.passwordRepeat) return form.fail(repeatError);
    if (parsed.data.newPassword === parsed.data.currentPassword) return form.fail({ newPassword: t('changePassword.sameAsCurrent') });
    form.clear();
    change.mutate(parsed.data);
  };

  return (
    <div className="page-narrow">
      <PageHeading>{t('changePassword.title')}</PageHeading>
      {forced && (
        <Alert variant="info" heading={t('changePassword.forcedHeading')}>
          <p>{t('changePassword.forcedText')}</p>
        </Alert>
      )}
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        {/* Lets password managers tie the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={me?.user.email ?? ''} readOnly hidden />
        <TextField form={form} path="currentPassword" label={fields[0][1]} type="password" value={values.currentPassword} onChange={set('currentPassword')} autoComplete="current-password" />
        <TextField
          form={form}
          path="newPassword"
          label={t('field.newPassword')}
          hint={t('field.newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          type="password"
          value={values.newPassword}
          onChange={set('newPassword')}
          autoComplete="new-password"
        />
        <TextField form={form} path="passwordRepeat" label={t('field.passwordRepeat')} type="password" value={values.passwordRepeat} onChange={set('passwordRepeat')} autoComplete="new-password" />
        <div className="form-actions">
          <SubmitButton pending={change.isPending}>{t('changePassword.submit')}</SubmitButton>
          {!forced && (
            <button type="button" className="button-link" onClick={() => navigate(-1)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
