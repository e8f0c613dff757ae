import { useState } from 'react';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { FamilySubPage } from '../features/family-work/FamilySubPage';
import type { FamilyOverview } from '../features/families/families.api';
import { FamilyNoticeProvider, FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../features/families/FamilySection';
import { BaselineSection } from '../features/plans/BaselineSection';
import { GoalCard } from '../features/plans/GoalCard';
import { GoalForm } from '../features/plans/GoalForm';
import { domainLabel } from '../features/plans/labels';
import { planPdfUrl, type LifeDomain, type Plan } from '../features/plans/plans.api';
import { PublishSection } from '../features/plans/PublishSection';
import { useLifeDomains, usePlan } from '../features/plans/usePlan';
import { VersionsSection } from '../features/plans/VersionsSection';
import { RateGoalsSection } from '../features/measurements/RateGoalsSection';
import { useCaseDepartments } from '../features/staff/staff.api';
import { useI18n } from '../i18n/useT';
import { formatDate } from '../lib/format';
import '../styles/work.css';

/** Helhedsplan: the draft written with the family, its publication, versions, sign-off and PDF. */
export function PlanPage() {
  const { t } = useI18n();
  return <FamilySubPage title={t('plan.title')}>{(overview) => <PlanContent overview={overview} />}</FamilySubPage>;
}

function PlanContent({ overview }: { overview: FamilyOverview }) {
  const { t, lang } = useI18n();
  const family = overview.data;
  const plan = usePlan(family.id);
  const domains = useLifeDomains();
  const departments = useCaseDepartments();
  if (plan.isPending || domains.isPending) return <Spinner />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (domains.isError) return <QueryError error={domains.error} onRetry={() => void domains.refetch()} />;
  const p = plan.data;
  const sections: Array<[string, string]> = [
    ['baseline', t('plan.baseline.title')],
    ['goals', t('plan.goals.title')],
    ...(p.can.edit ? [['ratings', t('plan.ratings.title')] as [string, string]] : []),
    ['publish', t('plan.publish.title')],
    ['versions', t('plan.versions.title')],
  ];
  return (
    <FamilyNoticeProvider key={family.id}>
      <dl className="summary-list family-facts">
        <dt>{t('plan.currentVersion')}</dt>
        <dd>{p.current ? t('plan.versionPublished', { number: p.current.number, date: formatDate(p.current.publishedAt.slice(0, 10), lang) }) : <span className="muted">{t('plan.noneOfficial')}</span>}</dd>
        {p.current && (
          <>
            <dt>{t('plan.nextReview')}</dt>
            <dd>{formatDate(p.current.nextReviewDate, lang)}</dd>
          </>
        )}
        <dt>{t('plan.draftState')}</dt>
        <dd>
          {!p.current ? (
            <span className="muted">{t('plan.draftOnly')}</span>
          ) : p.unpublishedChanges ? (
            <span className="badge badge-warning">{t('plan.unpublished')}</span>
          ) : (
            t('plan.upToDate')
          )}
        </dd>
      </dl>
      {p.can.print && p.current ? (
        <p className="button-row">
          <a className="button button-secondary" href={planPdfUrl(family.id, 'da')} download>
            {t('plan.pdfDa')}
          </a>
          <a className="button button-secondary" href={planPdfUrl(family.id, 'en')} download>
            {t('plan.pdfEn')}
          </a>
        </p>
      ) : p.can.print ? (
        <p className="muted">{t('plan.pdfNeedsVersion')}</p>
      ) : null}
      {!p.can.edit && <p className="muted">{t('plan.readOnly')}</p>}
      {p.hiddenByConsent.goals > 0 && <p className="alert alert-warning">{t('plan.hiddenByConsent', { count: p.hiddenByConsent.goals })}</p>}
      {p.hiddenByConsent.baseline > 0 && <p className="alert alert-warning">{t('plan.baselineHiddenByConsent', { count: p.hiddenByConsent.baseline })}</p>}
      {p.startDate === null && p.can.edit && <p>{t('plan.noPlanYet')}</p>}
      <nav className="page-contents" aria-label={t('plan.contents')}>
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <BaselineSection plan={p} domains={domains.data} />
      <GoalsSection plan={p} overview={overview} domains={domains.data} departments={departments.data ?? []} />
      {p.can.edit && <RateGoalsSection plan={p} />}
      <PublishSection plan={p} />
      <VersionsSection plan={p} family={family} domains={domains.data} />
    </FamilyNoticeProvider>
  );
}

function GoalsSection({ plan, overview, domains, departments }: { plan: Plan; overview: FamilyOverview; domains: LifeDomain[]; departments: Array<{ id: string; name: string }> }) {
  const { t, lang } = useI18n();
  const [message, setMessage] = useSectionMessage('goals');
  const [adding, setAdding] = useState(false);
  const family = overview.data;
  // Grouped by life domain in the municipality's order; a domain no longer listed comes last.
  const order = new Map(domains.map((d, i) => [d.code, i]));
  const groups = new Map<string, Plan['goals']>();
  for (const g of [...plan.goals].sort((a, b) => (order.get(a.domain) ?? 999) - (order.get(b.domain) ?? 999))) {
    groups.set(g.domain, [...(groups.get(g.domain) ?? []), g]);
  }
  return (
    <FamilySection id="goals" title={t('plan.goals.title')}>
      <SectionMessage message={message} />
      {plan.goals.length === 0 && <p className="muted">{t('plan.goals.empty')}</p>}
      {[...groups].map(([domain, goals]) => (
        <section key={domain} aria-labelledby={`domain-${domain}`} className="goal-group">
          <h3 id={`domain-${domain}`}>{domainLabel(domains, domain, lang)}</h3>
          {goals.map((g) => (
            <GoalCard key={g.id} plan={plan} family={family} goal={g} domains={domains} departments={departments} onMessage={setMessage} />
          ))}
        </section>
      ))}
      {plan.can.edit && (
        <FormToggle label={t('plan.goals.add')} open={adding} onOpen={() => (setAdding(true), setMessage(null))}>
          <GoalForm
            plan={plan}
            family={family}
            domains={domains}
            onDone={(title) => {
              setAdding(false);
              setMessage(t('plan.goals.added', { title }));
            }}
            onCancel={() => setAdding(false)}
          />
        </FormToggle>
      )}
    </FamilySection>
  );
}
