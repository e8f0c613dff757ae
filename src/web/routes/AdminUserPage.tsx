import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ResetPasswordBody, UpdateUserBody, type UserDto } from '../../shared/admin';
import { MIN_PASSWORD_LENGTH } from '../../shared/auth';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { adminKeys, resetPassword, updateUser, userAction, type UpdateUserInput, type UserAction } from '../features/admin/admin.api';
import { suggestPassword } from '../features/admin/password';
import { useDepartments, useUsers } from '../features/admin/useAdminQueries';
import { UserDetailsFields, userDetailsFieldLabels, type UserDetails } from '../features/admin/UserDetailsFields';
import { ActiveBadge, LockedBadge, MfaBadge } from '../features/admin/UserStatus';
import { useFormErrors } from '../features/forms/useFormErrors';
import { sessionKeys } from '../features/session/session.api';
import { useMe } from '../features/session/useMe';
import type { MessageKey } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useT';
import { formatDateTime } from '../lib/dates';
import { NotFoundPage } from './NotFoundPage';

function detailsOf(user: UserDto): UserDetails {
  return { name: user.name, roles: [...user.roles], profession: user.profession ?? '', departmentId: user.departmentId ?? '' };
}

/** Replaces one user in the cached list with the server's answer; a change to oneself reloads /me. */
function useStoreUser() {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  return (user: UserDto) => {
    queryClient.setQueryData<UserDto[]>(adminKeys.users, (old) => old?.map((u) => (u.id === user.id ? user : u)));
    void queryClient.invalidateQueries({ queryKey: adminKeys.departments });
    if (me?.user.id === user.id) void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  };
}

function EditUserForm({ user }: { user: UserDto }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const storeUser = useStoreUser();
  const form = useFormErrors('edit-user');
  const [values, setValues] = useState<UserDetails>(() => detailsOf(user));
  const [saved, setSaved] = useState(false);

  const update = useMutation({
    mutationFn: (body: UpdateUserInput) => updateUser(user.id, body),
    onSuccess: (updated) => {
      storeUser(updated);
      setValues(detailsOf(updated));
      setSaved(true);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = UpdateUserBody.safeParse({
      name: values.name,
      roles: values.roles,
      profession: values.profession.trim() || null,
      departmentId: values.departmentId || null,
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    update.mutate(parsed.data);
  };

  if (departments.isPending) return <Spinner />;
  if (departments.isError) return <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  return (
    <>
      <ErrorSummary form={form} fields={userDetailsFieldLabels(t)} />
      {saved && (
        <Alert variant="success" live="status">
          <p>{t('users.saved')}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <UserDetailsFields form={form} values={values} onChange={setValues} departments={departments.data} />
        <div className="form-actions">
          <SubmitButton pending={update.isPending}>{t('common.save')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function ResetPasswordForm({ user }: { user: UserDto }) {
  const { t } = useI18n();
  const storeUser = useStoreUser();
  const form = useFormErrors('reset-password');
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);

  const reset = useMutation({
    mutationFn: (password: string) => resetPassword(user.id, password),
    onSuccess: (updated) => {
      storeUser(updated);
      setDone(true);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const parsed = ResetPasswordBody.safeParse({ newPassword });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    reset.mutate(parsed.data.newPassword);
  };

  return (
    <>
      <ErrorSummary form={form} fields={[['newPassword', t('users.temporaryPassword')]]} />
      {done && (
        <Alert variant="success" live="status">
          <p>{t('users.passwordResetDone', { name: user.name })}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          form={form}
          path="newPassword"
          label={t('users.temporaryPassword')}
          hint={t('users.temporaryPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="off"
          spellCheck={false}
          className="mono"
        />
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => setNewPassword(suggestPassword())}>
            {t('users.suggestPassword')}
          </button>
          <SubmitButton pending={reset.isPending}>{t('users.setPassword')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

interface PendingAction {
  action: UserAction;
  title: MessageKey;
  text: MessageKey;
  confirm: MessageKey;
  done: MessageKey;
}

const ACTIONS: Record<UserAction, PendingAction> = {
  deactivate: { action: 'deactivate', title: 'users.deactivateTitle', text: 'users.deactivateText', confirm: 'users.deactivate', done: 'users.deactivated' },
  reactivate: { action: 'reactivate', title: 'users.reactivateTitle', text: 'users.reactivateText', confirm: 'users.reactivate', done: 'users.reactivated' },
  'reset-mfa': { action: 'reset-mfa', title: 'users.resetMfaTitle', text: 'users.resetMfaText', confirm: 'users.resetMfa', done: 'users.mfaResetDone' },
};

function AccessActions({ user, isSelf }: { user: UserDto; isSelf: boolean }) {
  const { t } = useI18n();
  const storeUser = useStoreUser();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);

  const run = useMutation({
    mutationFn: (action: UserAction) => userAction(user.id, action),
    onSuccess: (updated, action) => {
      storeUser(updated);
      setDone(ACTIONS[action].done);
      setPending(null);
    },
  });

  const ask = (action: UserAction) => {
    run.reset();
    setDone(null);
    setPending(ACTIONS[action]);
  };

  return (
    <>
      {done && (
        <Alert variant="success" live="status">
          <p>{t(done, { name: user.name })}</p>
        </Alert>
      )}
      <h3>{t('users.statusHeading')}</h3>
      <p>{user.active ? t('users.activeText') : t('users.deactivatedText')}</p>
      {user.active ? (
        isSelf ? (
          <p className="muted">{t('users.cannotDeactivateSelf')}</p>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => ask('deactivate')}>
            {t('users.deactivate')}
          </button>
        )
      ) : (
        <button type="button" className="button button-secondary" onClick={() => ask('reactivate')}>
          {t('users.reactivate')}
        </button>
      )}
      <h3>{t('users.mfaHeading')}</h3>
      <p>{user.mfaEnrolled ? t('users.mfaEnrolledText') : t('users.mfaNotEnrolledText')}</p>
      {user.mfaEnrolled && (
        <button type="button" className="button button-secondary" onClick={() => ask('reset-mfa')}>
          {t('users.resetMfa')}
        </button>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(pending.title, { name: user.name }) : ''}
        confirmLabel={pending ? t(pending.confirm) : ''}
        destructive={pending?.action !== 'reactivate'}
        onConfirm={() => pending && run.mutate(pending.action)}
        onCancel={() => setPending(null)}
        pending={run.isPending}
        error={run.error}
      >
        {pending && <p>{t(pending.text, { name: user.name })}</p>}
      </ConfirmDialog>
    </>
  );
}

/** One user: details, edit form, and the access actions (deactivate, reset two-factor, new password). */
export function AdminUserPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const users = useUsers();
  const { data: me } = useMe();

  if (users.isPending) return <Spinner />;
  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;
  const user = users.data.find((u) => u.id === id);
  if (!user) return <NotFoundPage />;

  return (
    <div className="page-narrow">
      <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <li>
          <Link to="/admin/users">{t('users.title')}</Link>
        </li>
        <li aria-current="page">{user.name}</li>
      </ol>
      <PageHeading>{user.name}</PageHeading>
      <dl className="summary-list">
        <dt>{t('field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('users.col.status')}</dt>
        <dd>
          <ActiveBadge user={user} />
        </dd>
        <dt>{t('users.col.mfa')}</dt>
        <dd>
          <MfaBadge user={user} />
        </dd>
        <dt>{t('users.col.locked')}</dt>
        <dd>
          <LockedBadge user={user} />
        </dd>
        <dt>{t('users.col.lastLogin')}</dt>
        <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, lang) : t('users.neverLoggedIn')}</dd>
        <dt>{t('users.createdAt')}</dt>
        <dd>{formatDateTime(user.createdAt, lang)}</dd>
      </dl>

      <section className="section section-bordered" aria-labelledby="user-details-heading">
        <h2 id="user-details-heading">{t('users.detailsHeading')}</h2>
        <EditUserForm key={user.id} user={user} />
      </section>

      <section className="section section-bordered" aria-labelledby="user-access-heading">
        <h2 id="user-access-heading">{t('users.accessHeading')}</h2>
        <AccessActions user={user} isSelf={me?.user.id === user.id} />
      </section>

      <section className="section section-bordered" aria-labelledby="user-password-heading">
        <h2 id="user-password-heading">{t('users.passwordHeading')}</h2>
        <p>{t('users.passwordText')}</p>
        <ResetPasswordForm user={user} />
      </section>
    </div>
  );
}
