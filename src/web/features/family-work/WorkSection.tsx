import { Link } from 'react-router';
import { useI18n } from '../../i18n/useT';
import { formatTimeRange } from '../../lib/copenhagen';
import { formatDateTime } from '../../lib/dates';
import { formatDate, todayIso } from '../../lib/format';
import type { FamilyData } from '../families/families.api';
import { FamilySection } from '../families/FamilySection';
import { noteTypeLabel } from '../journal/journal.api';
import { domainLabel } from '../plans/labels';
import { useLifeDomains } from '../plans/usePlan';
import { taskTitle } from '../tasks/tasks.api';

/** On the family overview: the plan in force with each goal's latest rating, the next meeting, open tasks and the latest notes. */
export function WorkSection({ family }: { family: FamilyData }) {
  const { t, lang } = useI18n();
  const domains = useLifeDomains();
  const base = `/families/${encodeURIComponent(family.id)}`;
  const plan = family.plan;
  const today = todayIso();
  return (
    <FamilySection id="work" title={t('familyWork.title')}>
      <h3>{t('familyWork.plan')}</h3>
      {!plan?.currentVersion ? (
        <p className="muted">{t('familyWork.noPlan')}</p>
      ) : (
        <>
          <p>{t('familyWork.planVersion', { number: plan.currentVersion.number, date: formatDate(plan.currentVersion.nextReviewDate, lang) })}</p>
          {plan.goals.length === 0 && plan.hiddenByConsent === 0 ? (
            <p className="muted">{t('familyWork.noGoals')}</p>
          ) : plan.goals.length === 0 ? null : (
            <ul>
              {plan.goals.map((g) => (
                <li key={g.id}>
                  {g.title} <span className="muted">({domainLabel(domains.data, g.domain, lang)})</span>
                  {g.latestRating && <> – {t('familyWork.rating', { value: g.latestRating.value, date: formatDate(g.latestRating.date, lang) })}</>}
                </li>
              ))}
            </ul>
          )}
          {plan.hiddenByConsent > 0 && <p className="muted">{t('familyWork.goalsHiddenByConsent', { count: plan.hiddenByConsent })}</p>}
        </>
      )}
      <p>
        <Link to={`${base}/plan`}>{t('familyWork.openPlan')}</Link>
      </p>
      <p>
        <Link to={`${base}/measurements`}>{t('familyWork.openMeasurements')}</Link>
      </p>
      <h3>{t('familyWork.nextMeeting')}</h3>
      {family.nextMeeting ? (
        <p>
          {family.nextMeeting.title} – {formatTimeRange(family.nextMeeting.startsAt, family.nextMeeting.endsAt, lang)}
          {family.nextMeeting.place ? `, ${family.nextMeeting.place}` : ''}
        </p>
      ) : (
        <p className="muted">{t('familyWork.noMeeting')}</p>
      )}
      <p>
        <Link to={`${base}/meetings`}>{t('familyWork.openMeetings')}</Link>
      </p>
      <h3>{t('familyWork.openTasks')}</h3>
      {family.openTasks.length === 0 ? (
        <p className="muted">{t('familyWork.noTasks')}</p>
      ) : (
        <ul>
          {family.openTasks.map((task) => (
            <li key={task.id}>
              {t('familyWork.taskDue', { title: taskTitle(t, task), date: formatDate(task.due, lang), name: task.assigneeName })}
              {task.due < today && (
                <>
                  {' '}
                  <span className="badge badge-error">{t('tasks.overdue')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {family.openTasksHiddenByConsent > 0 && <p className="muted">{t('familyWork.tasksHiddenByConsent', { count: family.openTasksHiddenByConsent })}</p>}
      <p>
        <Link to="/tasks">{t('familyWork.myTasks')}</Link>
      </p>
      <h3>{t('familyWork.latestNotes')}</h3>
      {family.latestNotes.length === 0 ? (
        <p className="muted">{t('familyWork.noNotes')}</p>
      ) : (
        <ul>
          {family.latestNotes.map((n) => (
            <li key={n.id}>
              <strong>{noteTypeLabel(t, n.type)}</strong>, {formatDateTime(n.occurredAt, lang)} ({n.authorName}): {n.excerpt}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`${base}/notes`}>{t('familyWork.openNotes')}</Link>
      </p>
    </FamilySection>
  );
}
