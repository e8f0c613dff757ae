import { Link } from 'react-router';
import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import { actionLabel } from '../audit/auditLabels';
import { activityHref } from './activityLinks';
import type { FamilyData } from './families.api';
import { FamilySection } from './FamilySection';

/** Seneste aktivitet: the last things done with the family, from the audit log. */
export function ActivitySection({ family }: { family: FamilyData }) {
  const { t, lang } = useI18n();
  // The server sends changes only, never reads or searches (audit_event.activity). The same thing done again by the same
  // person (notes written one after another, say) shows once, with a count.
  const rows: Array<{ action: string; at: string; actorName: string | null; count: number }> = [];
  for (const a of family.recentActivity) {
    const last = rows[rows.length - 1];
    if (last && last.action === a.action && last.actorName === a.actorName) last.count++;
    else rows.push({ ...a, count: 1 });
  }
  return (
    <FamilySection id="activity" title={t('activity.title')}>
      {rows.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ol className="activity-list">
          {rows.map((a, index) => (
            <li key={`${a.at}-${index}`}>
              <span className="activity-time">{formatDateTime(a.at, lang)}</span> <ActivityWhat familyId={family.id} action={a.action} label={actionLabel(t, a.action)} />
              {a.count > 1 && <span> {t('activity.times', { count: a.count })}</span>}
              {a.actorName && <span className="muted"> – {a.actorName}</span>}
            </li>
          ))}
        </ol>
      )}
    </FamilySection>
  );
}

/** What was done, as a link to where it can be seen when it has such a place (activityLinks.ts). */
function ActivityWhat({ familyId, action, label }: { familyId: string; action: string; label: string }) {
  const href = activityHref(familyId, action);
  const what = <span className="activity-what">{label}</span>;
  if (!href) return what;
  return href.startsWith('#') ? <a href={href}>{what}</a> : <Link to={href}>{what}</Link>;
}
