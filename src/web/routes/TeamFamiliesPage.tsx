import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { TableRegion } from '../components/TableRegion';
import { familyKeys, fetchTeamFamilies, type TeamFamily } from '../features/families/families.api';
import { familyLabel } from '../features/families/labels';
import { GivenNames } from '../features/families/GivenNames';
import { StatusBadge } from '../features/families/StatusBadge';
import { useI18n } from '../i18n/useT';
import { formatDate, formatPeriod } from '../lib/format';

function TasksCell({ family }: { family: TeamFamily }) {
  const { t } = useI18n();
  if (family.openTasks === 0) return <span className="muted">{t('teamFamilies.noTasks')}</span>;
  return (
    <>
      <Link to="/tasks">{family.openTasks === 1 ? t('teamFamilies.openTasksOne') : t('teamFamilies.openTasks', { count: family.openTasks })}</Link>{' '}
      {family.overdueTasks > 0 && (
        <span className="badge badge-error">{family.overdueTasks === 1 ? t('teamFamilies.overdueOne') : t('teamFamilies.overdue', { count: family.overdueTasks })}</span>
      )}
    </>
  );
}

/**
 * Mine familier: the families whose team the signed-in user is on today, as the access rule lets them open them,
 * with the coordinator to contact, their own place on the team and their open tasks for the family.
 */
export function TeamFamiliesPage() {
  const { t, lang } = useI18n();
  const list = useQuery({ queryKey: familyKeys.teamFamilies, queryFn: ({ signal }) => fetchTeamFamilies(signal) });
  const title = t('teamFamilies.title');
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="lead">{t('teamFamilies.intro')}</p>
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          {list.data.notCovered > 0 && (
            <Alert variant="info">
              <p>{list.data.notCovered === 1 ? t('teamFamilies.notCoveredOne') : t('teamFamilies.notCovered', { count: list.data.notCovered })}</p>
            </Alert>
          )}
          {list.data.families.length === 0 ? (
            <div className="empty-state">
              <p>{t('teamFamilies.empty')}</p>
            </div>
          ) : (
            <>
              <p role="status" className="muted">
                {list.data.families.length === 1 ? t('teamFamilies.countOne') : t('teamFamilies.count', { count: list.data.families.length })}
              </p>
              <TableRegion id="team-families-caption" caption={title}>
                <thead>
                  <tr>
                    <th scope="col">{t('teamFamilies.col.name')}</th>
                    <th scope="col">{t('teamFamilies.col.status')}</th>
                    <th scope="col">{t('teamFamilies.col.coordinator')}</th>
                    <th scope="col">{t('teamFamilies.col.role')}</th>
                    <th scope="col">{t('teamFamilies.col.tasks')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.families.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">
                        <Link to={`/families/${f.id}`}>{familyLabel(t, f.familyNames)}</Link>
                        <GivenNames names={f.givenNames} />
                      </th>
                      <td>
                        <StatusBadge status={f.status} />
                      </td>
                      <td>
                        {f.coordinator ? (
                          <>
                            {f.coordinator.name}
                            <div className="small">
                              <a href={`mailto:${f.coordinator.email}`}>{f.coordinator.email}</a>
                            </div>
                          </>
                        ) : (
                          <span className="muted">{t('teamFamilies.noCoordinator')}</span>
                        )}
                      </td>
                      <td>
                        {f.memberships.map((m, i) => (
                          <div key={i}>
                            {`${m.role}, ${m.departmentName}`}
                            <div className="muted small nowrap">{m.to ? formatPeriod(m.from, m.to, lang) : t('teamFamilies.since', { date: formatDate(m.from, lang) })}</div>
                          </div>
                        ))}
                      </td>
                      <td>
                        <TasksCell family={f} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableRegion>
            </>
          )}
        </>
      )}
    </>
  );
}
