import { useState, type FormEvent } from 'react';
import { NOTE_TYPES, NoteBody, UpdateNoteBody, type NoteType } from '../../../shared/journal';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { copenhagenToIso, isoToCopenhagen } from '../../lib/copenhagen';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import { useFormErrors } from '../forms/useFormErrors';
import type { PlanGoal } from '../plans/plans.api';
import { noteTypeLabel, type Note } from './journal.api';

export type NoteInput = { kind: 'create'; body: ReturnType<typeof NoteBody.parse> } | { kind: 'update'; body: ReturnType<typeof UpdateNoteBody.parse> };

interface Props {
  family: FamilyData;
  goals: readonly PlanGoal[];
  /** The draft to change; absent for a new note. */
  note?: Note;
  pending: boolean;
  form: ReturnType<typeof useFormErrors>;
  onSubmit: (input: NoteInput) => void;
  onCancel: () => void;
}

/** A journal note: type, when the contact happened, whom and which goals it concerns, the text, and whether it is restricted. */
export function NoteForm({ family, goals, note, pending, form, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const now = isoToCopenhagen(note?.occurredAt ?? new Date().toISOString());
  const [values, setValues] = useState({ type: (note?.type ?? 'samtale') as NoteType, date: now.date, time: now.time, text: note?.text ?? '' });
  const [personIds, setPersonIds] = useState<string[]>(note?.personIds ?? []);
  const [goalIds, setGoalIds] = useState<string[]>(note?.goalIds ?? []);
  const [restricted, setRestricted] = useState(note?.restricted ?? false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const occurredAt = copenhagenToIso(values.date, values.time);
    const extra: Record<string, string> = occurredAt ? {} : { occurredAt: t('journal.timeMissing') };
    const fields = { type: values.type, occurredAt, text: values.text, personIds, goalIds, restricted };
    if (note) {
      const parsed = UpdateNoteBody.safeParse(fields);
      if (!parsed.success) return form.failFromZod(parsed.error, extra);
      form.clear();
      onSubmit({ kind: 'update', body: parsed.data });
    } else {
      const parsed = NoteBody.safeParse(fields);
      if (!parsed.success) return form.failFromZod(parsed.error, extra);
      form.clear();
      onSubmit({ kind: 'create', body: parsed.data });
    }
  };

  return (
    <>
      <h3>{note ? t('journal.editHeading') : t('journal.writeHeading')}</h3>
      <p className="form-hint">{t('journal.draftHint')}</p>
      <ErrorSummary
        form={form}
        fields={[
          ['type', t('journal.type')],
          ['occurredAt', t('journal.occurredDate')],
          ['personIds', t('journal.persons')],
          ['goalIds', t('journal.goals')],
          ['text', t('journal.text')],
          ['restricted', t('journal.restricted')],
        ]}
      />
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <SelectField form={form} path="type" label={t('journal.type')} value={values.type} onChange={(v) => setValues((x) => ({ ...x, type: v as NoteType }))} options={NOTE_TYPES.map((n) => ({ value: n, label: noteTypeLabel(t, n) }))} />
          <TextField form={form} path="occurredAt" label={t('journal.occurredDate')} type="date" value={values.date} onChange={(date) => setValues((x) => ({ ...x, date }))} />
          <TextField form={form} path="occurredTime" label={t('journal.occurredTime')} type="time" value={values.time} onChange={(time) => setValues((x) => ({ ...x, time }))} />
        </div>
        <CheckboxGroup form={form} path="personIds" legend={t('journal.persons')} options={family.members.map((m) => ({ value: m.personId, label: fullName(m) }))} value={personIds} onChange={setPersonIds} inline />
        {goals.length > 0 && <CheckboxGroup form={form} path="goalIds" legend={t('journal.goals')} options={goals.map((g) => ({ value: g.id, label: g.title }))} value={goalIds} onChange={setGoalIds} />}
        <TextAreaField form={form} path="text" label={t('journal.text')} value={values.text} onChange={(text) => setValues((x) => ({ ...x, text }))} rows={8} />
        <div className="form-group">
          <div className="checkbox">
            <input type="checkbox" id={`${form.formId}-restricted`} checked={restricted} onChange={(e) => setRestricted(e.target.checked)} aria-describedby={`${form.formId}-restricted-hint`} />
            <label htmlFor={`${form.formId}-restricted`}>{t('journal.restricted')}</label>
          </div>
          <span className="form-hint" id={`${form.formId}-restricted-hint`}>
            {t('journal.restrictedHint')}
          </span>
        </div>
        <div className="form-actions">
          <SubmitButton pending={pending}>{note ? t('journal.saveChanges') : t('journal.saveDraft')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
