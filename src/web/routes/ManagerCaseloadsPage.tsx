import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { familyKeys, fetchDistribution } from '../features/families/families.api';
import { statusLabel } from '../features/families/labels';
import { ManagerNav } from '../features/manager/ManagerNav';
import { useT } from '../i18n/useT';
import { TableRegion } from '../components/TableRegion';

/** A count of deadlines let pass: marked when there are any, so the eye finds them. */
function OverdueCell({ count }: { count: number }) {
  return <td className="numeric">{count > 0 ? <span className="badge badge-error">{count}</span> : count}</td>;
}

/** Leder: how the unit's open families are spread over its coordinators, and the deadlines each has let pass. */
export function ManagerCaseloadsPage() {
  const t = useT();
  const distribution = useQuery({ queryKey: familyKeys.distribution, queryFn: fetchDistribution });
  const rows = [...(distribution.data ?? [])].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'da'));
  const total = rows.reduce((sum, r) => sum + r.open, 0);
  return (
    <>
      <PageHeading>{t('manager.caseloadsTitle')}</PageHeading>
      <ManagerNav />
      <p className="lead">{t('manager.caseloadsIntro')}</p>
      {distribution.isPending ? (
        <Spinner />
      ) : distribution.isError ? (
        <QueryError error={distribution.error} onRetry={() => void distribution.refetch()} />
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p>{t('manager.caseloadsEmpty')}</p>
        </div>
      ) : (
        <TableRegion id="distribution-caption" caption={t('manager.caseloadsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('role.coordinator')}</th>
              <th scope="col" className="numeric">
                {t('manager.open')}
              </th>
              <th scope="col" className="numeric">
                {statusLabel(t, 'referred')}
              </th>
              <th scope="col" className="numeric">
                {statusLabel(t, 'assessing')}
              </th>
              <th scope="col" className="numeric">
                {statusLabel(t, 'active')}
              </th>
              <th scope="col" className="numeric">
                {statusLabel(t, 'paused')}
              </th>
              <th scope="col" className="numeric">
                {t('manager.overdueTasks')}
              </th>
              <th scope="col" className="numeric">
                {t('manager.overdueReviews')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.userId}>
                <th scope="row">
                  <Link to={`/caseload?coordinatorId=${c.userId}`}>{c.name}</Link>
                </th>
                <td className="numeric">{c.open}</td>
                <td className="numeric">{c.byStatus.referred}</td>
                <td className="numeric">{c.byStatus.assessing}</td>
                <td className="numeric">{c.byStatus.active}</td>
                <td className="numeric">{c.byStatus.paused}</td>
                <OverdueCell count={c.overdue.tasks} />
                <OverdueCell count={c.overdue.planReviews} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('manager.total')}</th>
              <td className="numeric">{total}</td>
              <td className="numeric">{rows.reduce((s, r) => s + r.byStatus.referred, 0)}</td>
              <td className="numeric">{rows.reduce((s, r) => s + r.byStatus.assessing, 0)}</td>
              <td className="numeric">{rows.reduce((s, r) => s + r.byStatus.active, 0)}</td>
              <td className="numeric">{rows.reduce((s, r) => s + r.byStatus.paused, 0)}</td>
              <OverdueCell count={rows.reduce((s, r) => s + r.overdue.tasks, 0)} />
              <OverdueCell count={rows.reduce((s, r) => s + r.overdue.planReviews, 0)} />
            </tr>
          </tfoot>
        </TableRegion>
      )}
      <p className="muted">{t('manager.reassignHint')}</p>
    </>
  );
}
