import { useQuery } from '@tanstack/react-query';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { FamilySubPage } from '../features/family-work/FamilySubPage';
import type { FamilyOverview } from '../features/families/families.api';
import { FamilyNoticeProvider } from '../features/families/FamilySection';
import { AssessmentsSection } from '../features/measurements/AssessmentsSection';
import { fetchMeasurements, measurementKeys } from '../features/measurements/measurements.api';
import { ChildrenSection, SupportSection } from '../features/measurements/OutcomeSections';
import { useT } from '../i18n/useT';
import '../styles/work.css';

/** Målinger: questionnaires and assessments, each adult's support status, and the children's indicators. */
export function FamilyMeasurementsPage() {
  const t = useT();
  return <FamilySubPage title={t('measurements.title')}>{(overview) => <MeasurementsContent overview={overview} />}</FamilySubPage>;
}

function MeasurementsContent({ overview }: { overview: FamilyOverview }) {
  const t = useT();
  const familyId = overview.data.id;
  const measurements = useQuery({ queryKey: measurementKeys.family(familyId), queryFn: ({ signal }) => fetchMeasurements(familyId, signal) });
  if (measurements.isPending) return <Spinner />;
  if (measurements.isError) return <QueryError error={measurements.error} onRetry={() => void measurements.refetch()} />;
  const data = measurements.data;
  const sections: Array<[string, string]> = [
    ['assessments', t('measurements.assessments.title')],
    ['support', t('measurements.support.title')],
    ['children', t('measurements.children.title')],
  ];
  return (
    <FamilyNoticeProvider key={familyId}>
      {!data.can.record && <p className="muted">{t('measurements.readOnly')}</p>}
      {data.hiddenByConsent.sections.length > 0 && (
        <p className="alert alert-warning">{t('measurements.sectionsNotCovered', { sections: data.hiddenByConsent.sections.map((x) => t(`measurements.section.${x}`)).join(', ') })}</p>
      )}
      {data.hiddenByConsent.records > 0 && <p className="alert alert-warning">{t('measurements.hiddenByConsent', { count: data.hiddenByConsent.records })}</p>}
      <nav className="page-contents" aria-label={t('measurements.contents')}>
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <AssessmentsSection data={data} familyId={familyId} />
      <SupportSection data={data} familyId={familyId} />
      <ChildrenSection data={data} familyId={familyId} />
    </FamilyNoticeProvider>
  );
}
