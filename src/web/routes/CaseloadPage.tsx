import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { FAMILY_STATUSES, type DeadlineKind, type FamilyStatus } from '../../shared/families';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { familyKeys, fetchCaseload, type CaseloadParams } from '../features/families/families.api';
import { familyLabel, statusLabel } from '../features/families/labels';
import { GivenNames } from '../features/families/GivenNames';
import { StatusBadge } from '../features/families/StatusBadge';
import { useStaff } from '../features/staff/staff.api';
import { useMe } from '../features/session/useMe';
import type { MessageKey } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useT';
import { formatDateTime } from '../lib/dates';
import { formatDate } from '../lib/format';
import { TableRegion } from '../components/TableRegion';

const DEADLINE_KIND_KEYS: Record<DeadlineKind, MessageKey> = {
  task: 'caseload.deadline.task',
  plan_review: 'caseload.deadline.plan_review',
  consent_expiry: 'caseload.deadline.consent_expiry',
};

type SortKey = 'name' | 'status' | 'nextDeadline' | 'lastContact';
const SORTS: readonly SortKey[] = ['name', 'status', 'nextDeadline', 'lastContact'];

function paramsFrom(search: URLSearchParams): CaseloadParams {
  const status = FAMILY_STATUSES.find((s) => s === search.get('status'));
  const sort = SORTS.find((s) => s === search.get('sort')) ?? 'name';
  const dir = search.get('dir') === 'desc' ? 'desc' : 'asc';
  return { status, q: search.get('q') ?? undefined, sort, dir, coordinatorId: search.get('coordinatorId') ?? undefined };
}

function SortHeader({ column, label, params, onSort }: { column: SortKey; label: MessageKey; params: CaseloadParams; onSort: (column: SortKey) => void }) {
  const { t } = useI18n();
  const active = params.sort === column;
  const sortState = active ? (params.dir === 'desc' ? 'descending' : 'ascending') : undefined;
  return (
    <th scope="col" aria-sort={sortState ?? 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {t(label)}
        <span aria-hidden="true" className="sort-indicator">
          {active ? (params.dir === 'desc' ? '▼' : '▲') : '↕'}
        </span>
        <span className="visually-hidden">{active ? (params.dir === 'desc' ? t('caseload.sortedDesc') : t('caseload.sortedAsc')) : t('caseload.sortBy')}</span>
      </button>
    </th>
  );
}

/** Min sagsstamme: the coordinator's families (or, for a manager, one coordinator's), sortable and filterable. */
export function CaseloadPage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const params = paramsFrom(search);
  const [q, setQ] = useState(params.q ?? '');
  const [status, setStatus] = useState<FamilyStatus | ''>(params.status ?? '');
  const [synced, setSynced] = useState(search.toString());
  if (synced !== search.toString()) {
    setSynced(search.toString());
    setQ(params.q ?? '');
    setStatus(params.status ?? '');
  }
  const caseload = useQuery({ queryKey: familyKeys.caseload(params), queryFn: ({ signal }) => fetchCaseload(params, signal), placeholderData: (prev) => prev });
  const coordinators = useStaff('coordinator');
  const otherCoordinator = params.coordinatorId && params.coordinatorId !== me?.user.id ? coordinators.data?.find((c) => c.id === params.coordinatorId) : undefined;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next);
  };
  const onSort = (column: SortKey) => update({ sort: column, dir: params.sort === column && params.dir === 'asc' ? 'desc' : 'asc' });
  const onFilter = (event: FormEvent) => {
    event.preventDefault();
    update({ q: q.trim() || undefined, status: status || undefined });
  };
  const filtered = !!params.q || !!params.status;
  const handedOver = (location.state as { handedOver?: { family?: unknown; to?: unknown } } | null)?.handedOver;
  const title = otherCoordinator ? t('caseload.titleOf', { name: otherCoordinator.name }) : t('caseload.title');

  return (
    <>
      {otherCoordinator && (
        <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
          <li>
            <Link to="/manager/caseloads">{t('manager.caseloadsTitle')}</Link>
          </li>
          <li aria-current="page">{otherCoordinator.name}</li>
        </ol>
      )}
      <div className="page-header">
        <PageHeading>{title}</PageHeading>
        {me?.can.coordinate && !otherCoordinator && (
          <Link to="/families/new" className="button button-primary">
            {t('caseload.register')}
          </Link>
        )}
      </div>
      {!otherCoordinator && (
        <p>
          <Link to="/team-families">{t('caseload.teamLink')}</Link>
        </p>
      )}
      {handedOver && typeof handedOver.family === 'string' && typeof handedOver.to === 'string' && (
        <Alert variant="success" live="status">
          <p>{t('caseload.handedOver', { family: handedOver.family, name: handedOver.to })}</p>
        </Alert>
      )}
      <form className="filter-panel" role="search" aria-label={t('caseload.filterLabel')} onSubmit={onFilter}>
        <div className="form-grid">
          <div className="form-group">
            <label className="form-label" htmlFor="caseload-q">
              {t('caseload.search')}
            </label>
            <input id="caseload-q" className="form-input" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor="caseload-status">
              {t('caseload.status')}
            </label>
            <select id="caseload-status" className="form-select" value={status} onChange={(e) => setStatus(e.target.value as FamilyStatus | '')}>
              <option value="">{t('caseload.allStatuses')}</option>
              {FAMILY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(t, s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('caseload.apply')}
          </button>
          {filtered && (
            <button type="button" className="button button-secondary" onClick={() => update({ q: undefined, status: undefined })}>
              {t('caseload.reset')}
            </button>
          )}
        </div>
      </form>

      {caseload.isPending ? (
        <Spinner />
      ) : caseload.isError ? (
        <QueryError error={caseload.error} onRetry={() => void caseload.refetch()} />
      ) : caseload.data.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? t('caseload.noMatch') : t('caseload.empty')}</p>
          {!filtered && me?.can.visitate && (
            <p>
              <Link to="/referrals">{t('caseload.toVisitation')}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <p role="status" className="muted">
            {caseload.data.length === 1 ? t('caseload.countOne') : t('caseload.count', { count: caseload.data.length })}
          </p>
          <TableRegion id="caseload-caption" caption={title}>
            <thead>
              <tr>
                <SortHeader column="name" label="caseload.col.name" params={params} onSort={onSort} />
                <SortHeader column="status" label="caseload.col.status" params={params} onSort={onSort} />
                <th scope="col" className="numeric">
                  {t('caseload.col.members')}
                </th>
                <SortHeader column="nextDeadline" label="caseload.col.nextDeadline" params={params} onSort={onSort} />
                <SortHeader column="lastContact" label="caseload.col.lastContact" params={params} onSort={onSort} />
              </tr>
            </thead>
            <tbody>
              {caseload.data.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/families/${f.id}`}>{familyLabel(t, f.familyNames)}</Link>
                    <GivenNames names={f.givenNames} />
                  </th>
                  <td>
                    <StatusBadge status={f.status} />
                  </td>
                  <td className="numeric">{f.memberCount}</td>
                  <td>
                    {f.nextDeadline ? (
                      <>
                        <span className="nowrap">{formatDate(f.nextDeadline.date, lang)}</span> {f.nextDeadline.overdue && <span className="badge badge-error">{t('tasks.overdue')}</span>}
                        <div className="muted small">{t(DEADLINE_KIND_KEYS[f.nextDeadline.kind])}</div>
                      </>
                    ) : (
                      <span className="muted">{t('caseload.noDeadline')}</span>
                    )}
                  </td>
                  <td className="nowrap">{f.lastContact ? formatDateTime(f.lastContact, lang) : <span className="muted">{t('caseload.noContact')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </>
      )}
    </>
  );
}
