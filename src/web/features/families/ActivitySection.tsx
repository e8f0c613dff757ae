import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import { actionLabel } from '../audit/auditLabels';
import type { FamilyData } from './families.api';
import { FamilySection } from './FamilySection';

/** Seneste aktivitet: the last things done with the family, from the audit log. */
export function ActivitySection({ family }: { family: FamilyData }) {
  const { t, lang } = useI18n();
  return (
    <FamilySection id="activity" title={t('activity.title')}>
      {family.recentActivity.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ol className="activity-list">
          {family.recentActivity.map((a, index) => (
            <li key={`${a.at}-${index}`}>
              <span className="activity-time">{formatDateTime(a.at, lang)}</span> <span className="activity-what">{actionLabel(t, a.action)}</span>
              {a.actorName && <span className="muted"> – {a.actorName}</span>}
            </li>
          ))}
        </ol>
      )}
    </FamilySection>
  );
}
