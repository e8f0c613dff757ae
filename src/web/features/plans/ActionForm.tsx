import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ActionBody } from '../../../shared/plans';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useI18n } from '../../i18n/useT';
import type { FamilyData } from '../families/families.api';
import { useFormErrors } from '../forms/useFormErrors';
import type { DepartmentOption } from '../staff/staff.api';
import { parseResponsible } from './labels';
import { isPlanConflict, PlanConflictNotice } from './PlanConflictNotice';
import { addAction, type Plan, type PlanGoal } from './plans.api';
import { responsibleOptions } from './responsibleOptions';
import { usePlanWrite } from './usePlan';

interface Props {
  plan: Plan;
  family: FamilyData;
  goal: PlanGoal;
  departments: readonly DepartmentOption[];
  onDone: (what: string) => void;
  onCancel: () => void;
}

/** An action under a goal: what, who is responsible (a member, a staff user or a department), by when. */
export function ActionForm({ plan, family, goal, departments, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const form = useFormErrors(`action-${goal.id}`);
  const [values, setValues] = useState({ what: '', responsible: '', due: '' });
  const save = usePlanWrite(plan.familyId, (body: z.infer<typeof ActionBody>) => addAction(plan.familyId, goal.id, body), {
    onSuccess: (_p, b) => onDone(b.what),
    onError: (error) => (isPlanConflict(error) ? undefined : form.failFromApi(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const responsible = parseResponsible(values.responsible);
    const parsed = ActionBody.safeParse({ what: values.what, responsible, due: values.due || undefined, draftVersion: plan.draftVersion });
    const extra: Record<string, string> = responsible ? {} : { responsible: t('plan.actions.responsibleMissing') };
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <h4>{t('plan.actions.addTo', { title: goal.title })}</h4>
      <ErrorSummary
        form={form}
        fields={[
          ['what', t('plan.actions.what')],
          ['responsible', t('plan.actions.responsible')],
          ['due', t('plan.actions.due')],
        ]}
      />
      <PlanConflictNotice error={save.error} familyId={plan.familyId} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="what" label={t('plan.actions.what')} value={values.what} onChange={(what) => setValues((v) => ({ ...v, what }))} autoComplete="off" />
        <div className="form-grid">
          <SelectField
            form={form}
            path="responsible"
            label={t('plan.actions.responsible')}
            value={values.responsible}
            onChange={(responsible) => setValues((v) => ({ ...v, responsible }))}
            options={[{ value: '', label: t('responsible.choose') }, ...responsibleOptions(t, family, departments)]}
          />
          <TextField form={form} path="due" label={t('plan.actions.dueOptional')} type="date" value={values.due} onChange={(due) => setValues((v) => ({ ...v, due }))} />
        </div>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('plan.actions.save')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
