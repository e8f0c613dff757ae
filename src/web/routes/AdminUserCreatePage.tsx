import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreateUserBody } from '../../shared/admin';
import { MIN_PASSWORD_LENGTH } from '../../shared/auth';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { adminKeys, createUser } from '../features/admin/admin.api';
import { suggestPassword } from '../features/admin/password';
import { useDepartments } from '../features/admin/useAdminQueries';
import { EMPTY_USER_DETAILS, UserDetailsFields, userDetailsFieldLabels, type UserDetails } from '../features/admin/UserDetailsFields';
import { useFormErrors } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

export function AdminUserCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const form = useFormErrors('create-user');
  const [details, setDetails] = useState<UserDetails>(EMPTY_USER_DETAILS);
  const [email, setEmail] = useState('');
  const [initialPassword, setInitialPassword] = useState('');

  const create = useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      await queryClient.invalidateQueries({ queryKey: adminKeys.departments });
      navigate('/admin/users', { state: { created: user.name } });
    },
    onError: (error) => form.failFromApi(error),
  });

  const detailLabels = userDetailsFieldLabels(t);
  const fields = [detailLabels[0], ['email', t('field.email')] as const, ...detailLabels.slice(1), ['initialPassword', t('users.initialPassword')] as const];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateUserBody.safeParse({
      email,
      name: details.name,
      roles: details.roles,
      profession: details.profession.trim() || undefined,
      departmentId: details.departmentId || null,
      initialPassword,
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    create.mutate(parsed.data);
  };

  return (
    <div className="page-narrow">
      <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <li>
          <Link to="/admin/users">{t('users.title')}</Link>
        </li>
        <li aria-current="page">{t('users.create')}</li>
      </ol>
      <PageHeading>{t('users.create')}</PageHeading>
      <ErrorSummary form={form} fields={fields} />
      {departments.isPending ? (
        <Spinner />
      ) : departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <UserDetailsFields form={form} values={details} onChange={setDetails} departments={departments.data}>
            <TextField form={form} path="email" label={t('field.email')} hint={t('users.emailHint')} type="email" value={email} onChange={setEmail} autoComplete="off" spellCheck={false} />
          </UserDetailsFields>
          <TextField
            form={form}
            path="initialPassword"
            label={t('users.initialPassword')}
            hint={t('users.initialPasswordHint', { min: MIN_PASSWORD_LENGTH })}
            value={initialPassword}
            onChange={setInitialPassword}
            autoComplete="off"
            spellCheck={false}
            className="mono"
          />
          <p>
            <button type="button" className="button button-secondary button-small" onClick={() => setInitialPassword(suggestPassword())}>
              {t('users.suggestPassword')}
            </button>
          </p>
          <div className="form-actions">
            <SubmitButton pending={create.isPending}>{t('users.createSubmit')}</SubmitButton>
            <Link to="/admin/users">{t('common.cancel')}</Link>
          </div>
        </form>
      )}
    </div>
  );
}
