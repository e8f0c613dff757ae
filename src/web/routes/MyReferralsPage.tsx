import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { ReferralPersonLine, ReferralStatusBadge, SignList } from '../features/referrals/ReferralParts';
import { fetchMyReferrals, referralKeys } from '../features/referrals/referrals.api';
import { useI18n } from '../i18n/useT';
import { formatDateTime } from '../lib/dates';
import { TableRegion } from '../components/TableRegion';

/** Mine henvisninger: what the user referred and the outcome — nothing more about the family. */
export function MyReferralsPage() {
  const { t, lang } = useI18n();
  const referrals = useQuery({ queryKey: referralKeys.mine, queryFn: fetchMyReferrals });
  return (
    <>
      <div className="page-header">
        <PageHeading>{t('myReferrals.title')}</PageHeading>
        <Link to="/referrals/new" className="button button-primary">
          {t('referral.title')}
        </Link>
      </div>
      <p className="lead">{t('myReferrals.intro')}</p>
      {referrals.isPending ? (
        <Spinner />
      ) : referrals.isError ? (
        <QueryError error={referrals.error} onRetry={() => void referrals.refetch()} />
      ) : referrals.data.length === 0 ? (
        <div className="empty-state">
          <p>{t('myReferrals.empty')}</p>
        </div>
      ) : (
        <TableRegion id="my-referrals-caption" caption={t('myReferrals.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('myReferrals.col.date')}</th>
              <th scope="col">{t('referral.persons')}</th>
              <th scope="col">{t('referral.signs')}</th>
              <th scope="col">{t('myReferrals.col.status')}</th>
              <th scope="col">{t('myReferrals.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.data.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(r.createdAt, lang)}
                </th>
                <td>
                  <ul className="plain-list">
                    {r.persons.map((p, i) => (
                      <li key={i}>
                        <ReferralPersonLine person={p} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <SignList signs={r.signs} />
                </td>
                <td>
                  <ReferralStatusBadge status={r.status} />
                  {r.decidedAt && (
                    <>
                      <br />
                      <span className="muted small">{formatDateTime(r.decidedAt, lang)}</span>
                    </>
                  )}
                </td>
                <td>{r.decisionReason ?? <span className="muted">{t('myReferrals.noReason')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </>
  );
}
