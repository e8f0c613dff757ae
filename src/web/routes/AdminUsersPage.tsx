import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { useDepartments, useUsers } from '../features/admin/useAdminQueries';
import { ActiveBadge, LockedBadge, MfaBadge } from '../features/admin/UserStatus';
import { roleList } from '../features/session/roleLabels';
import { formatDateTime } from '../lib/dates';
import { useI18n } from '../i18n/useT';
import { TableRegion } from '../components/TableRegion';
import { AdminNav } from '../features/admin/AdminNav';

function matches(query: string, ...values: string[]): boolean {
  const q = query.trim().toLocaleLowerCase('da');
  return !q || values.some((v) => v.toLocaleLowerCase('da').includes(q));
}

/** Users of the municipality, with a search by name or e-mail. */
export function AdminUsersPage() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const users = useUsers();
  const departments = useDepartments();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const created = (location.state as { created?: unknown } | null)?.created;

  const departmentName = (id: string | null) => (id ? (departments.data?.find((d) => d.id === id)?.name ?? '') : null);
  const shown = (users.data ?? []).filter((u) => matches(query, u.name, u.email)).sort((a, b) => a.name.localeCompare(b.name, 'da'));

  return (
    <>
      <div className="page-header">
        <PageHeading>{t('users.title')}</PageHeading>
        <Link to="/admin/users/new" className="button button-primary">
          {t('users.create')}
        </Link>
      </div>
      <AdminNav />
      {typeof created === 'string' && (
        <Alert variant="success" live="status">
          <p>{t('users.created', { name: created })}</p>
        </Alert>
      )}
      {users.isPending ? (
        <Spinner />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <div className="form-group" role="search">
            <label className="form-label" htmlFor={searchId}>
              {t('users.search')}
            </label>
            <input id={searchId} className="form-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          </div>
          <p role="status" className="muted">
            {users.data.length === 1 ? t('users.countOne') : t('users.count', { shown: shown.length, total: users.data.length })}
          </p>
          {shown.length === 0 ? (
            <div className="empty-state">
              <p>{users.data.length === 0 ? t('users.empty') : t('users.noMatch')}</p>
            </div>
          ) : (
            <TableRegion id="users-caption" caption={t('users.tableCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('field.email')}</th>
                  <th scope="col">{t('field.roles')}</th>
                  <th scope="col">{t('field.department')}</th>
                  <th scope="col">{t('users.col.status')}</th>
                  <th scope="col">{t('users.col.mfa')}</th>
                  <th scope="col">{t('users.col.locked')}</th>
                  <th scope="col">{t('users.col.lastLogin')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">
                      <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                    </th>
                    <td>{user.email}</td>
                    <td>{roleList(t, user.roles)}</td>
                    <td>{departmentName(user.departmentId) ?? <span className="muted">{t('users.noDepartmentShort')}</span>}</td>
                    <td>
                      <ActiveBadge user={user} />
                    </td>
                    <td>
                      <MfaBadge user={user} />
                    </td>
                    <td>
                      <LockedBadge user={user} />
                    </td>
                    <td className="nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, lang) : t('users.neverLoggedIn')}</td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
          )}
        </>
      )}
    </>
  );
}
