import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { UpdateSettingsBody } from '../../shared/admin';
import type { Role } from '../../shared/roles';
import { Alert } from '../components/Alert';
import { ErrorSummary } from '../components/ErrorSummary';
import { CheckboxGroup } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { adminKeys, saveSettings } from '../features/admin/admin.api';
import { useSettings } from '../features/admin/useAdminQueries';
import { useFormErrors } from '../features/forms/useFormErrors';
import { roleOptions } from '../features/session/roleLabels';
import { useT } from '../i18n/useT';

function SettingsForm({ initial }: { initial: Role[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = useFormErrors('settings');
  const [roles, setRoles] = useState<Role[]>(initial);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: saveSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(adminKeys.settings, settings);
      setRoles(settings.mfaRequiredRoles);
      setSaved(true);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = UpdateSettingsBody.safeParse({ mfaRequiredRoles: roles });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };

  return (
    <>
      <ErrorSummary form={form} fields={[['mfaRequiredRoles', t('settings.mfaRoles')]]} />
      {saved && (
        <Alert variant="success" live="status">
          <p>{t('settings.saved')}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <CheckboxGroup form={form} path="mfaRequiredRoles" legend={t('settings.mfaRoles')} hint={t('settings.mfaRolesHint')} options={roleOptions(t)} value={roles} onChange={setRoles} />
        {!roles.includes('admin') && (
          <Alert variant="warning">
            <p>{t('settings.adminWithoutMfa')}</p>
          </Alert>
        )}
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('common.save')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

/** Municipality-wide settings; for now, which roles must use two-factor authentication. */
export function AdminSettingsPage() {
  const t = useT();
  const settings = useSettings();
  return (
    <div className="page-narrow">
      <PageHeading>{t('settings.title')}</PageHeading>
      <h2>{t('settings.mfaHeading')}</h2>
      <p>{t('settings.mfaIntro')}</p>
      {settings.isPending ? (
        <Spinner />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm initial={settings.data.mfaRequiredRoles} />
      )}
    </div>
  );
}
