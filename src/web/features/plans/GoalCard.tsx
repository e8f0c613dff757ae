import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n/useT';
import { formatDate, formatPeriod, todayIso } from '../../lib/format';
import type { FamilyData } from '../families/families.api';
import { memberName } from '../families/useFamily';
import { FormToggle } from '../families/FamilySection';
import type { DepartmentOption } from '../staff/staff.api';
import { ActionForm } from './ActionForm';
import { GAS_KEYS, GAS_LABELS, GoalForm } from './GoalForm';
import { domainLabel, goalStatusLabel, horizonLabel } from './labels';
import { isPlanConflict, PlanConflictNotice } from './PlanConflictNotice';
import { changeAction, linkIntervention, removeAction, removeGoal, unlinkIntervention, type LifeDomain, type Plan, type PlanAction, type PlanGoal } from './plans.api';
import { usePlanWrite } from './usePlan';

interface Props {
  plan: Plan;
  family: FamilyData;
  goal: PlanGoal;
  domains: readonly LifeDomain[];
  departments: readonly DepartmentOption[];
  onMessage: (text: string | null) => void;
}

type Pending = { kind: 'goal' } | { kind: 'action'; action: PlanAction } | null;

/** One goal of the draft: its words, criterion, GAS levels, latest rating, actions and the interventions serving it. */
export function GoalCard({ plan, family, goal, domains, departments, onMessage }: Props) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [interventionId, setInterventionId] = useState('');
  const fid = plan.familyId;
  const headingId = `goal-${goal.id}-title`;

  const toggleDone = usePlanWrite(fid, (a: PlanAction) => changeAction(fid, a.id, { doneAt: a.doneAt ? null : todayIso(), draftVersion: plan.draftVersion }));
  const dropAction = usePlanWrite(fid, (a: PlanAction) => removeAction(fid, a.id, plan.draftVersion), {
    onSuccess: () => setConfirm(null),
  });
  const dropGoal = usePlanWrite(fid, () => removeGoal(fid, goal.id, plan.draftVersion), {
    onSuccess: () => {
      setConfirm(null);
      onMessage(t('plan.goals.removed', { title: goal.title }));
    },
  });
  const link = usePlanWrite(fid, (id: string) => linkIntervention(fid, goal.id, id, plan.draftVersion), { onSuccess: () => setInterventionId('') });
  const unlink = usePlanWrite(fid, (id: string) => unlinkIntervention(fid, goal.id, id, plan.draftVersion));
  const failure = [toggleDone.error, link.error, unlink.error].find(Boolean);

  const interventions = [...family.interventions.current, ...family.interventions.past];
  const linked = interventions.filter((i) => goal.interventionIds.includes(i.id));
  const linkable = family.interventions.current.filter((i) => !goal.interventionIds.includes(i.id));
  // Type, department, for whom and when: a family often has the same type twice (for two children, or one after another).
  const interventionLabel = (i: { typeName: string; departmentName: string; personId: string | null; from: string; to: string | null }) =>
    `${i.typeName} – ${i.departmentName} – ${i.personId ? memberName(family, i.personId) : t('interventions.wholeFamily')}, ${formatPeriod(i.from, i.to, lang)}`;
  const who = goal.personId ? memberName(family, goal.personId) : t('plan.goals.wholeFamily');

  if (editing) {
    return (
      <article className="card goal-card">
        <GoalForm
          plan={plan}
          family={family}
          domains={domains}
          goal={goal}
          onDone={(title) => {
            setEditing(false);
            onMessage(t('plan.goals.saved', { title }));
          }}
          onCancel={() => setEditing(false)}
        />
      </article>
    );
  }

  return (
    <article className="card goal-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{goal.title}</h4>
      <dl className="details-list">
        <dt>{t('plan.goals.for')}</dt>
        <dd>{who}</dd>
        <dt>{t('plan.goals.domain')}</dt>
        <dd>{domainLabel(domains, goal.domain, lang)}</dd>
        <dt>{t('plan.goals.horizon')}</dt>
        <dd>{horizonLabel(t, goal.horizon)}</dd>
        <dt>{t('plan.goals.status')}</dt>
        <dd>{goalStatusLabel(t, goal.status)}</dd>
        {goal.successCriterion && (
          <>
            <dt>{t('plan.goals.success')}</dt>
            <dd className="prewrap">{goal.successCriterion}</dd>
          </>
        )}
        {goal.targetDate && (
          <>
            <dt>{t('plan.goals.targetDate')}</dt>
            <dd>{formatDate(goal.targetDate, lang)}</dd>
          </>
        )}
        {goal.legalRequirement && (
          <>
            <dt>{t('plan.goals.legalShort')}</dt>
            <dd>{goal.legalRequirement}</dd>
          </>
        )}
        <dt>{t('plan.goals.latestRating')}</dt>
        <dd>{goal.latestRating ? t('plan.goals.ratingValue', { value: goal.latestRating.value, date: formatDate(goal.latestRating.date, lang) }) : <span className="muted">{t('plan.goals.notRated')}</span>}</dd>
      </dl>
      {goal.gas && (
        <details>
          <summary>{t('plan.goals.gas')}</summary>
          <dl className="details-list">
            {GAS_KEYS.map((k) => (
              <div key={k}>
                <dt>{GAS_LABELS[k]}</dt>
                <dd>{goal.gas?.[k] || '–'}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {plan.can.edit && (
        <p className="button-row">
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)} aria-label={t('plan.goals.editNamed', { title: goal.title })}>
            {t('plan.goals.edit')}
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setConfirm({ kind: 'goal' })} aria-label={t('plan.goals.removeNamed', { title: goal.title })}>
            {t('plan.goals.remove')}
          </button>
        </p>
      )}
      <PlanConflictNotice error={failure} familyId={fid} />
      {failure && !isPlanConflict(failure) ? (
        <Alert variant="error" live="alert">
          <p>
            <ErrorText error={failure} />
          </p>
        </Alert>
      ) : null}

      <h5>{t('plan.actions.title')}</h5>
      {goal.actions.length === 0 ? (
        <p className="muted">{t('plan.actions.empty')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('plan.actions.caption', { title: goal.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.actions.what')}</th>
                <th scope="col">{t('plan.actions.responsible')}</th>
                <th scope="col">{t('plan.actions.due')}</th>
                <th scope="col">{t('plan.actions.done')}</th>
                {plan.can.edit && (
                  <th scope="col">
                    <span className="visually-hidden">{t('plan.actions.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {goal.actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.what}</td>
                  <td>{a.responsibleName ?? '–'}</td>
                  <td className="nowrap">{a.due ? formatDate(a.due, lang) : '–'}</td>
                  <td>{a.doneAt ? t('plan.actions.doneOn', { date: formatDate(a.doneAt, lang) }) : t('plan.actions.notDone')}</td>
                  {plan.can.edit && (
                    <td className="button-row">
                      <button type="button" className="button button-link" onClick={() => toggleDone.mutate(a)} disabled={toggleDone.isPending}>
                        {a.doneAt ? t('plan.actions.markNotDone') : t('plan.actions.markDone')}
                        <span className="visually-hidden"> {a.what}</span>
                      </button>
                      <button type="button" className="button button-link" onClick={() => setConfirm({ kind: 'action', action: a })}>
                        {t('plan.actions.removeShort')}
                        <span className="visually-hidden"> {a.what}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.can.edit && (
        <FormToggle label={t('plan.actions.addTo', { title: goal.title })} open={adding} onOpen={() => setAdding(true)}>
          <ActionForm
            plan={plan}
            family={family}
            goal={goal}
            departments={departments}
            onDone={(what) => {
              setAdding(false);
              onMessage(t('plan.actions.added', { what }));
            }}
            onCancel={() => setAdding(false)}
          />
        </FormToggle>
      )}

      <h5>{t('plan.interventions.title')}</h5>
      {linked.length === 0 ? (
        <p className="muted">{t('plan.interventions.none')}</p>
      ) : (
        <ul className="plain-list">
          {linked.map((i) => (
            <li key={i.id}>
              {interventionLabel(i)}{' '}
              {plan.can.edit && (
                <button type="button" className="button button-link" onClick={() => unlink.mutate(i.id)} disabled={unlink.isPending}>
                  {t('plan.interventions.unlink', { name: i.typeName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {plan.can.edit && linkable.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (interventionId) link.mutate(interventionId);
          }}
        >
          <div className="form-group">
            <label className="form-label" htmlFor={`link-${goal.id}`}>
              {t('plan.interventions.choose', { title: goal.title })}
            </label>
            <select id={`link-${goal.id}`} className="form-select" value={interventionId} onChange={(e) => setInterventionId(e.target.value)}>
              <option value="">{t('plan.interventions.chooseOne')}</option>
              {linkable.map((i) => (
                <option key={i.id} value={i.id}>
                  {interventionLabel(i)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary button-small" disabled={!interventionId || link.isPending}>
            {t('plan.interventions.link')}
          </button>
        </form>
      )}

      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'action' ? t('plan.actions.remove', { what: confirm.action.what }) : t('plan.goals.removeConfirmTitle')}
        confirmLabel={confirm?.kind === 'action' ? t('plan.actions.remove', { what: confirm.action.what }) : t('plan.goals.remove')}
        onConfirm={() => (confirm?.kind === 'action' ? dropAction.mutate(confirm.action) : dropGoal.mutate(undefined))}
        onCancel={() => {
          setConfirm(null);
          dropAction.reset();
          dropGoal.reset();
        }}
        pending={dropAction.isPending || dropGoal.isPending}
        error={dropAction.error ?? dropGoal.error}
      >
        <p>{confirm?.kind === 'goal' ? t('plan.goals.removeConfirmText', { title: goal.title }) : null}</p>
      </ConfirmDialog>
    </article>
  );
}
