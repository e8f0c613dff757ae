import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../shared/referrals';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { familyKeys } from '../features/families/families.api';
import { AcceptDialog, DecideDialog } from '../features/referrals/DecisionDialogs';
import { ReferralPersonLine, ReferralStatusBadge, referralStatusLabel, SignList } from '../features/referrals/ReferralParts';
import { fetchQueue, referralKeys, type Referral, type ReferralDecision } from '../features/referrals/referrals.api';
import { taskKeys } from '../features/tasks/tasks.api';
import { useI18n } from '../i18n/useT';
import { formatDateTime } from '../lib/dates';

function ReferralCard({ referral, onAccept, onDecline, onForward }: { referral: Referral; onAccept: () => void; onDecline: () => void; onForward: () => void }) {
  const { t, lang } = useI18n();
  const headingId = `referral-${referral.id}`;
  const r = referral;
  return (
    <article className="referral-card" aria-labelledby={headingId}>
      <header className="referral-card-header">
        <h2 id={headingId}>{t('visitation.cardTitle', { date: formatDateTime(r.createdAt, lang) })}</h2>
        <ReferralStatusBadge status={r.status} />
      </header>
      <dl className="summary-list">
        <dt>{t('visitation.referrer')}</dt>
        <dd>{[r.referrer.name, r.referrer.profession, r.referrer.department].filter(Boolean).join(', ')}</dd>
        <dt>{t('referral.persons')}</dt>
        <dd>
          <ul className="plain-list">
            {r.persons.map((p, i) => (
              <li key={i}>
                <ReferralPersonLine person={p} />{' '}
                {p.inEffort === true && (
                  <span className="badge badge-warning">{p.coordinator ? t('visitation.inEffortWith', { name: p.coordinator.name }) : t('visitation.inEffort')}</span>
                )}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('referral.signs')}</dt>
        <dd>
          <SignList signs={r.signs} />
        </dd>
        <dt>{t('referral.note')}</dt>
        <dd className="prewrap">{r.note || <span className="muted">{t('visitation.noNote')}</span>}</dd>
        {r.decision && (
          <>
            <dt>{t('visitation.decision')}</dt>
            <dd>
              {[r.decision.byName, formatDateTime(r.decision.at, lang)].filter(Boolean).join(', ')}
              {r.decision.reason && (
                <>
                  <br />
                  {r.decision.reason}
                </>
              )}
              {r.familyId && (
                <>
                  <br />
                  <Link to={`/families/${r.familyId}`}>{t('visitation.toFamily')}</Link>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {(r.can.accept || r.can.decline || r.can.forward) && (
        <div className="button-row">
          {r.can.accept && (
            <button type="button" className="button button-primary" onClick={onAccept}>
              {t('visitation.accept')}
            </button>
          )}
          {r.can.forward && (
            <button type="button" className="button button-secondary" onClick={onForward}>
              {t('visitation.forward')}
            </button>
          )}
          {r.can.decline && (
            <button type="button" className="button button-secondary" onClick={onDecline}>
              {t('visitation.decline')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

/** Visitation: the referral queue by status; accept (new or existing family), decline or forward with a reason. */
export function VisitationPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const status: ReferralStatus = REFERRAL_STATUSES.find((s) => s === search.get('status')) ?? 'open';
  const queue = useQuery({ queryKey: referralKeys.queue(status), queryFn: () => fetchQueue(status) });
  const [accepting, setAccepting] = useState<Referral | null>(null);
  const [declining, setDeclining] = useState<Referral | null>(null);
  const [forwarding, setForwarding] = useState<Referral | null>(null);
  const [outcome, setOutcome] = useState<ReferralDecision | null>(null);

  const decided = async (decision: ReferralDecision) => {
    setAccepting(null);
    setDeclining(null);
    setForwarding(null);
    setOutcome(decision);
    await queryClient.invalidateQueries({ queryKey: referralKeys.queueAll });
    await queryClient.invalidateQueries({ queryKey: familyKeys.caseloadAll });
    await queryClient.invalidateQueries({ queryKey: taskKeys.attention });
  };

  return (
    <>
      <PageHeading>{t('visitation.title')}</PageHeading>
      <p className="lead">{t('visitation.intro')}</p>
      {outcome && (
        <Alert variant="success" live="status" heading={t(outcome.status === 'accepted' ? 'visitation.acceptedHeading' : outcome.status === 'declined' ? 'visitation.declinedHeading' : 'visitation.forwardedHeading')}>
          {outcome.familyId && (
            <p>
              <Link to={`/families/${outcome.familyId}`}>{t('visitation.toFamily')}</Link>
            </p>
          )}
        </Alert>
      )}
      <nav className="tabs" aria-label={t('visitation.filterLabel')}>
        <ul>
          {REFERRAL_STATUSES.map((s) => (
            <li key={s}>
              <Link to={s === 'open' ? '/referrals' : `/referrals?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {referralStatusLabel(t, s)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {queue.isPending ? (
        <Spinner />
      ) : queue.isError ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <div className="empty-state">
          <p>{status === 'open' ? t('visitation.emptyOpen') : t('visitation.empty')}</p>
        </div>
      ) : (
        <>
          <p role="status" className="muted">
            {queue.data.length === 1 ? t('visitation.countOne') : t('visitation.count', { count: queue.data.length })}
          </p>
          {queue.data.map((r) => (
            <ReferralCard
              key={r.id}
              referral={r}
              onAccept={() => {
                setOutcome(null);
                setAccepting(r);
              }}
              onDecline={() => {
                setOutcome(null);
                setDeclining(r);
              }}
              onForward={() => {
                setOutcome(null);
                setForwarding(r);
              }}
            />
          ))}
        </>
      )}
      <AcceptDialog referral={accepting} onClose={() => setAccepting(null)} onDone={decided} />
      <DecideDialog referral={declining} outcome="decline" onClose={() => setDeclining(null)} onDone={decided} />
      <DecideDialog referral={forwarding} outcome="forward" onClose={() => setForwarding(null)} onDone={decided} />
    </>
  );
}
