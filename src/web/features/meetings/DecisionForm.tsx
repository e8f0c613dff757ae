import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { DecisionBody } from '../../../shared/meetings';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import type { FamilyData } from '../families/families.api';
import { familyKeys } from '../families/families.api';
import { useFormErrors } from '../forms/useFormErrors';
import { parseResponsible } from '../plans/labels';
import { planKeys, type PlanGoal } from '../plans/plans.api';
import { familyStaff, responsibleOptions } from '../plans/responsibleOptions';
import type { DepartmentOption } from '../staff/staff.api';
import { meetingKeys, recordDecision, type Meeting } from './meetings.api';

type Becomes = 'task' | 'action';

/** A decision at the meeting, which becomes a task for a staff member or an action under a goal of the plan. */
export function DecisionForm({ meeting, family, goals, departments, onDone, onCancel }: { meeting: Meeting; family: FamilyData; goals: readonly PlanGoal[]; departments: readonly DepartmentOption[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors('decision');
  const [becomes, setBecomes] = useState<Becomes>('task');
  const [values, setValues] = useState({ text: '', assigneeUserId: '', due: '', goalId: '', responsible: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (body: z.infer<typeof DecisionBody>) => recordDecision(meeting.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: planKeys.plan(family.id) });
      void queryClient.invalidateQueries({ queryKey: familyKeys.overview(family.id) });
      onDone();
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body =
      becomes === 'task'
        ? { becomes, text: values.text, assigneeUserId: values.assigneeUserId || undefined, due: values.due }
        : { becomes, text: values.text, goalId: values.goalId || undefined, responsible: parseResponsible(values.responsible), due: values.due || undefined };
    const parsed = DecisionBody.safeParse(body);
    const extra: Record<string, string> = {};
    if (becomes === 'action' && !values.responsible) extra.responsible = t('plan.actions.responsibleMissing');
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <h3>{t('meeting.decisionHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['text', t('meeting.decisionText')],
          ['becomes', t('meeting.decisionBecomes')],
          ['assigneeUserId', t('meeting.assignee')],
          ['goalId', t('meeting.goal')],
          ['responsible', t('plan.actions.responsible')],
          ['due', t('meeting.due')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField form={form} path="text" label={t('meeting.decisionText')} value={values.text} onChange={set('text')} rows={2} />
        <RadioGroup
          form={form}
          path="becomes"
          legend={t('meeting.decisionBecomes')}
          value={becomes}
          onChange={setBecomes}
          options={[
            { value: 'task', label: t('meeting.becomesTask') },
            { value: 'action', label: t('meeting.becomesAction') },
          ]}
        />
        {becomes === 'task' ? (
          <div className="form-grid">
            <SelectField
              form={form}
              path="assigneeUserId"
              label={t('meeting.assignee')}
              value={values.assigneeUserId}
              onChange={set('assigneeUserId')}
              options={[{ value: '', label: t('meeting.chooseAssignee') }, ...familyStaff(family).map((s) => ({ value: s.id, label: s.name }))]}
            />
            <TextField form={form} path="due" label={t('meeting.due')} type="date" value={values.due} onChange={set('due')} />
          </div>
        ) : (
          <>
            <SelectField form={form} path="goalId" label={t('meeting.goal')} value={values.goalId} onChange={set('goalId')} options={[{ value: '', label: t('meeting.chooseGoal') }, ...goals.map((g) => ({ value: g.id, label: g.title }))]} />
            <div className="form-grid">
              <SelectField
                form={form}
                path="responsible"
                label={t('plan.actions.responsible')}
                value={values.responsible}
                onChange={set('responsible')}
                options={[{ value: '', label: t('responsible.choose') }, ...responsibleOptions(t, family, departments)]}
              />
              <TextField form={form} path="due" label={t('meeting.dueOptional')} type="date" value={values.due} onChange={set('due')} />
            </div>
          </>
        )}
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('meeting.decisionSave')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
