import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { CreateTaskBody } from '../../../shared/tasks';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { todayIso } from '../../lib/format';
import { familyKeys, fetchCaseload, fetchTeamFamilies } from '../families/families.api';
import { useFormErrors } from '../forms/useFormErrors';
import { useMe } from '../session/useMe';
import { useStaff } from '../staff/staff.api';
import { createTask, taskKeys } from './tasks.api';
import { familyLabel } from '../families/labels';

/** A task for oneself or a colleague, optionally for one of the user's families (their caseload or their teams'). */
export function TaskForm({ onDone, onCancel }: { onDone: (title: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const form = useFormErrors('task-new');
  const staff = useStaff();
  const caseload = useQuery({ queryKey: familyKeys.caseload({}), queryFn: () => fetchCaseload({}), enabled: Boolean(me?.can.coordinate) });
  const teamFamilies = useQuery({ queryKey: familyKeys.teamFamilies, queryFn: ({ signal }) => fetchTeamFamilies(signal), enabled: Boolean(me?.can.teamFamilies) });
  const canLinkFamily = Boolean(me?.can.coordinate || me?.can.teamFamilies);
  // The families the user may add tasks for: their caseload and the families whose team they are on (once each).
  const families = [...(caseload.data ?? []), ...(teamFamilies.data?.families ?? []).filter((f) => !caseload.data?.some((c) => c.id === f.id))];
  const [values, setValues] = useState({ title: '', description: '', due: todayIso(), assigneeUserId: me?.user.id ?? '', familyId: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (body: z.infer<typeof CreateTaskBody>) => createTask(body),
    onSuccess: (task) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      onDone(task.title);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Until the user picks someone the task is their own (the form may mount before the session is read).
    const assigneeUserId = values.assigneeUserId || me?.user.id;
    const parsed = CreateTaskBody.safeParse({ ...values, assigneeUserId, familyId: values.familyId || undefined });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  const others = (staff.data ?? []).filter((s) => s.id !== me?.user.id);
  return (
    <>
      <h2>{t('tasks.createHeading')}</h2>
      <ErrorSummary
        form={form}
        fields={[
          ['title', t('tasks.field.title')],
          ['description', t('tasks.field.description')],
          ['due', t('tasks.field.due')],
          ['assigneeUserId', t('tasks.field.assignee')],
          ['familyId', t('tasks.field.family')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="title" label={t('tasks.field.title')} value={values.title} onChange={set('title')} autoComplete="off" />
        <TextAreaField form={form} path="description" label={t('tasks.field.description')} value={values.description} onChange={set('description')} rows={2} />
        <div className="form-grid">
          <TextField form={form} path="due" label={t('tasks.field.due')} type="date" value={values.due} onChange={set('due')} />
          <SelectField
            form={form}
            path="assigneeUserId"
            label={t('tasks.field.assignee')}
            value={values.assigneeUserId || me?.user.id || ''}
            onChange={set('assigneeUserId')}
            options={[...(me ? [{ value: me.user.id, label: t('tasks.me', { name: me.user.name }) }] : []), ...others.map((s) => ({ value: s.id, label: s.name }))]}
          />
        </div>
        {canLinkFamily && (
          <SelectField
            form={form}
            path="familyId"
            label={t('tasks.field.family')}
            value={values.familyId}
            onChange={set('familyId')}
            options={[{ value: '', label: t('tasks.noFamily') }, ...families.map((f) => ({ value: f.id, label: f.givenNames.length > 0 ? `${familyLabel(t, f.familyNames)} (${f.givenNames.join(', ')})` : familyLabel(t, f.familyNames) }))]}
          />
        )}
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('tasks.create')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
