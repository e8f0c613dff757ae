import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { UpdateSettingsBody } from '../../shared/admin';
import type { SettingsDto } from '../../shared/admin';
import { DEFAULT_PUBLIC_SUPPORT, SUPPORT_STATUSES, type SupportStatus } from '../../shared/measurements';
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
import { GoalRatingIntervalSettings } from '../features/tasks/GoalRatingIntervalForm';
import { supportLabel } from '../features/measurements/labels';
import { roleOptions } from '../features/session/roleLabels';
import { useT } from '../i18n/useT';
import { AdminNav } from '../features/admin/AdminNav';

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

/** Support codes an administrator may count as public support; »unknown« is never self-supporting anyway. */
const SUPPORT_CHOICES = SUPPORT_STATUSES.filter((s) => s !== 'unknown');

/** Which support codes count as public support (offentlig forsørgelse) in the self-support KPIs. */
function PublicSupportForm({ settings }: { settings: SettingsDto }) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = useFormErrors('public-support');
  const [codes, setCodes] = useState<SupportStatus[]>(settings.publicSupportStatuses);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: saveSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(adminKeys.settings, next);
      setCodes(next.publicSupportStatuses);
      setSaved(true);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = UpdateSettingsBody.safeParse({ mfaRequiredRoles: settings.mfaRequiredRoles, publicSupportStatuses: codes });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <ErrorSummary form={form} fields={[['publicSupportStatuses', t('settings.publicSupportLegend')]]} />
      {saved && (
        <Alert variant="success" live="status">
          <p>{t('settings.publicSupportSaved')}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <CheckboxGroup
          form={form}
          path="publicSupportStatuses"
          legend={t('settings.publicSupportLegend')}
          hint={t('settings.publicSupportHint')}
          options={SUPPORT_CHOICES.map((code) => ({ value: code, label: supportLabel(t, code) }))}
          value={codes}
          onChange={setCodes}
        />
        <p>
          <button type="button" className="button button-secondary" onClick={() => setCodes([...DEFAULT_PUBLIC_SUPPORT])}>
            {t('settings.publicSupportDefault')}
          </button>
        </p>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('settings.publicSupportSave')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

/** Municipality-wide settings: which roles must use two-factor authentication, what counts as public support, and how often goals are rated. */
export function AdminSettingsPage() {
  const t = useT();
  const settings = useSettings();
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <AdminNav />
      <div className="page-narrow">
        <h2>{t('settings.mfaHeading')}</h2>
        <p>{t('settings.mfaIntro')}</p>
        {settings.isPending ? (
          <Spinner />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            <SettingsForm initial={settings.data.mfaRequiredRoles} />
            <h2>{t('settings.publicSupportHeading')}</h2>
            <p>{t('settings.publicSupportIntro')}</p>
            <PublicSupportForm settings={settings.data} />
            <GoalRatingIntervalSettings />
          </>
        )}
      </div>
    </>
  );
}
