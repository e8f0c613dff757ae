import { useParams } from 'react-router';
import { ApiError } from '../api/client';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { ActivitySection } from '../features/families/ActivitySection';
import { FamilyNotFound } from '../features/families/BreakGlass';
import { FamilyNoticeProvider } from '../features/families/FamilySection';
import { ConsentSection } from '../features/families/ConsentSection';
import { familyLabel, relationLabel } from '../features/families/labels';
import { MembersSection } from '../features/families/MembersSection';
import { StatusBadge } from '../features/families/StatusBadge';
import { StatusSection } from '../features/families/StatusSection';
import { TeamSection } from '../features/families/TeamSection';
import { useFamily, useReloadFamily } from '../features/families/useFamily';
import { WorkSection } from '../features/family-work/WorkSection';
import { InterventionsSection } from '../features/interventions/InterventionsSection';
import type { MessageKey } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useT';
import { formatDkk } from '../lib/format';
import { FamiliesCrumb } from '../features/families/FamiliesCrumb';

const SECTIONS: ReadonlyArray<readonly [id: string, label: MessageKey]> = [
  ['work', 'familyWork.title'],
  ['members', 'members.title'],
  ['consent', 'consent.title'],
  ['status', 'status.title'],
  ['team', 'team.title'],
  ['interventions', 'interventions.title'],
  ['activity', 'activity.title'],
];

/** Familieoverblik: the single page a coordinator lives on. */
export function FamilyPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const family = useFamily(id);
  const reload = useReloadFamily(id);

  const breadcrumbs = (current: string) => (
    <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
      <li><FamiliesCrumb /></li>
      <li aria-current="page">{current}</li>
    </ol>
  );

  if (family.isPending) return <Spinner />;
  if (family.isError) {
    if (family.error instanceof ApiError && family.error.status === 404) {
      return (
        <>
          {breadcrumbs(t('family.breadcrumb'))}
          <FamilyNotFound familyId={id} onOpened={reload} />
        </>
      );
    }
    return (
      <>
        <PageHeading>{t('family.breadcrumb')}</PageHeading>
        <QueryError error={family.error} onRetry={() => void family.refetch()} />
      </>
    );
  }

  const overview = family.data;
  const f = overview.data;
  const name = familyLabel(t, f.familyNames);
  return (
    <FamilyNoticeProvider key={f.id}>
      {breadcrumbs(name)}
      <div className="family-header">
        <PageHeading title={name}>
          {name} <StatusBadge status={f.status} />
        </PageHeading>
      </div>
      {f.relation === 'break_glass' && (
        <Alert variant="error" heading={t('breakGlass.bannerHeading')}>
          <p>{t('breakGlass.banner')}</p>
        </Alert>
      )}
      <dl className="summary-list family-facts">
        <dt>{t('family.yourRelation')}</dt>
        <dd>{relationLabel(t, f.relation)}</dd>
        <dt>{t('coordinator.heading')}</dt>
        <dd>{f.coordinator ? f.coordinator.name : <span className="muted">{t('coordinator.noneShort')}</span>}</dd>
        <dt>{t('members.title')}</dt>
        <dd>{f.members.length}</dd>
        <dt>{t('interventions.monthlyTotal')}</dt>
        <dd>{formatDkk(f.interventions.monthlyCostTotal)}</dd>
        {f.interventions.overlaps.length > 0 && (
          <>
            <dt>{t('overlap.factLabel')}</dt>
            <dd>
              <a href="#interventions">
                <span className="badge badge-warning">{f.interventions.overlaps.length === 1 ? t('overlap.countOne') : t('overlap.count', { count: f.interventions.overlaps.length })}</span>
              </a>
            </dd>
          </>
        )}
      </dl>
      <nav className="page-contents" aria-label={t('family.contents')}>
        <ul>
          {SECTIONS.map(([sectionId, label]) => (
            <li key={sectionId}>
              <a href={`#${sectionId}`}>{t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <WorkSection family={f} />
      <MembersSection overview={overview} onReload={reload} />
      <ConsentSection overview={overview} onReload={reload} />
      <StatusSection overview={overview} onReload={reload} />
      <TeamSection overview={overview} onReload={reload} />
      <InterventionsSection overview={overview} onReload={reload} />
      <ActivitySection family={f} />
    </FamilyNoticeProvider>
  );
}
