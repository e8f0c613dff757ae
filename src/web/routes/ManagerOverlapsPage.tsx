import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { fetchOverlaps, interventionKeys } from '../features/interventions/interventions.api';
import { categoryLabel } from '../features/interventions/price';
import { ManagerNav } from '../features/manager/ManagerNav';
import { useI18n } from '../i18n/useT';
import { formatPeriod } from '../lib/format';
import { TableRegion } from '../components/TableRegion';
import { familyLabel } from '../features/families/labels';

/** Leder: every overlap not yet over in the families the manager supervises. */
export function ManagerOverlapsPage() {
  const { t, lang } = useI18n();
  const overlaps = useQuery({ queryKey: interventionKeys.overlaps, queryFn: fetchOverlaps });
  return (
    <>
      <PageHeading>{t('manager.overlapsTitle')}</PageHeading>
      <ManagerNav />
      <p className="lead">{t('manager.overlapsIntro')}</p>
      {overlaps.isPending ? (
        <Spinner />
      ) : overlaps.isError ? (
        <QueryError error={overlaps.error} onRetry={() => void overlaps.refetch()} />
      ) : overlaps.data.overlaps.length === 0 ? (
        <div className="empty-state">
          <p>{t('manager.overlapsEmpty')}</p>
        </div>
      ) : (
        <>
          {overlaps.data.truncated && (
            <Alert variant="info">
              <p>{t('manager.overlapsTruncated', { count: overlaps.data.overlaps.length })}</p>
            </Alert>
          )}
          <TableRegion id="overlaps-caption" caption={t('manager.overlapsCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('manager.family')}</th>
                <th scope="col">{t('overlap.first')}</th>
                <th scope="col">{t('overlap.second')}</th>
                <th scope="col">{t('overlap.why')}</th>
                <th scope="col">{t('overlap.shared')}</th>
              </tr>
            </thead>
            <tbody>
              {overlaps.data.overlaps.map((o) => (
                <tr key={`${o.a.id}-${o.b.id}`}>
                  <th scope="row">
                    {o.named && o.familyId ? (
                      <>
                        <Link to={`/families/${o.familyId}`}>{familyLabel(t, o.familyNames)}</Link>
                        <br />
                        <span className="muted small">{o.personName ?? t('interventions.wholeFamily')}</span>
                      </>
                    ) : (
                      <>
                        <span>{t('manager.overlapUnnamed')}</span>
                        <br />
                        <span className="muted small">{o.coordinatingUnit ? t('manager.overlapCoordinatedFrom', { unit: o.coordinatingUnit }) : t('manager.overlapNoUnit')}</span>
                      </>
                    )}
                  </th>
                  {[o.a, o.b].map((s) => (
                    <td key={s.id}>
                      {s.typeName}
                      <br />
                      <span className="muted small">
                        {s.departmentName} · {formatPeriod(s.from, s.to, lang)}
                      </span>
                    </td>
                  ))}
                  <td>{o.reason === 'same_type' ? t('overlap.reasonSameType') : t('overlap.reasonSameCategory', { category: categoryLabel(t, o.a.category) })}</td>
                  <td className="nowrap">{formatPeriod(o.period.from, o.period.to, lang)}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        </>
      )}
    </>
  );
}
