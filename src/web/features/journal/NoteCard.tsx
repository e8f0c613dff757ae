import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AddendumBody } from '../../../shared/journal';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import type { FamilyData } from '../families/families.api';
import { familyKeys } from '../families/families.api';
import { FormToggle } from '../families/FamilySection';
import { memberName } from '../families/useFamily';
import { useFormErrors } from '../forms/useFormErrors';
import type { PlanGoal } from '../plans/plans.api';
import { addAddendum, changeNote, finaliseNote, journalKeys, noteTypeLabel, type Note } from './journal.api';
import { NoteForm } from './NoteForm';

interface Props {
  note: Note;
  family: FamilyData;
  goals: readonly PlanGoal[];
  onMessage: (text: string | null) => void;
}

/** One note: a draft its author may change and finalise, or a final note that is read-only, with its addenda beneath. */
export function NoteCard({ note, family, goals, onMessage }: Props) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [adding, setAdding] = useState(false);
  const editForm = useFormErrors(`note-${note.id}`);
  const addendumForm = useFormErrors(`addendum-${note.id}`);
  const [addendum, setAddendum] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: journalKeys.family(family.id) });
    void queryClient.invalidateQueries({ queryKey: familyKeys.overview(family.id) });
  };
  const update = useMutation({
    mutationFn: (body: Parameters<typeof changeNote>[1]) => changeNote(note.id, body),
    onSuccess: () => {
      setEditing(false);
      refresh();
      onMessage(t('journal.saved'));
    },
    onError: (error) => editForm.failFromApi(error),
  });
  const finalise = useMutation({
    mutationFn: () => finaliseNote(note.id),
    onSuccess: () => {
      setConfirming(false);
      refresh();
      onMessage(t('journal.finalised'));
    },
  });
  const add = useMutation({
    mutationFn: (text: string) => addAddendum(note.id, { text }),
    onSuccess: () => {
      setAdding(false);
      setAddendum('');
      refresh();
      onMessage(t('journal.addendumSaved'));
    },
    onError: (error) => addendumForm.failFromApi(error),
  });
  const submitAddendum = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AddendumBody.safeParse({ text: addendum });
    if (!parsed.success) return addendumForm.failFromZod(parsed.error);
    addendumForm.clear();
    add.mutate(parsed.data.text);
  };
  const headingId = `note-${note.id}-title`;
  const goalTitle = (id: string) => goals.find((g) => g.id === id)?.title ?? id;

  if (editing) {
    return (
      <article className="card note-card">
        <NoteForm family={family} goals={goals} note={note} form={editForm} pending={update.isPending} onSubmit={(input) => update.mutate(input.body)} onCancel={() => setEditing(false)} />
      </article>
    );
  }

  return (
    <article className={note.finalised ? 'card note-card note-final' : 'card note-card'} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('journal.noteHeading', { type: noteTypeLabel(t, note.type), date: formatDateTime(note.occurredAt, lang) })}{' '}
        <span className={note.finalised ? 'badge badge-neutral' : 'badge badge-warning'}>{note.finalised ? t('journal.final') : t('journal.draft')}</span>{' '}
        {note.restricted && <span className="badge badge-error">{t('journal.restrictedBadge')}</span>}
      </h3>
      <p className="muted small">
        {t('journal.by', { name: note.authorDepartmentName ? `${note.authorName} (${note.authorDepartmentName})` : note.authorName })}
        {' · '}
        {note.finalised && note.finalisedAt ? t('journal.finalisedAt', { date: formatDateTime(note.finalisedAt, lang) }) : note.autoFinalisesAt ? t('journal.autoFinalises', { date: formatDateTime(note.autoFinalisesAt, lang) }) : null}
      </p>
      {(note.personIds.length > 0 || note.goalIds.length > 0 || note.goalsHiddenByConsent > 0) && (
        <dl className="details-list">
          {note.personIds.length > 0 && (
            <>
              <dt>{t('journal.about')}</dt>
              <dd>{note.personIds.map((id) => memberName(family, id)).join(', ')}</dd>
            </>
          )}
          {(note.goalIds.length > 0 || note.goalsHiddenByConsent > 0) && (
            <>
              <dt>{t('journal.concerns')}</dt>
              <dd>
                {[...note.goalIds.map(goalTitle), ...(note.goalsHiddenByConsent > 0 ? [t('journal.goalsHiddenByConsent', { count: note.goalsHiddenByConsent })] : [])].join(', ')}
              </dd>
            </>
          )}
        </dl>
      )}
      <p className="prewrap">{note.text}</p>
      {(note.can.edit || note.can.finalise) && !note.finalised && (
        <p className="button-row">
          {note.can.edit && (
            <button type="button" className="button button-secondary button-small" onClick={() => (setEditing(true), onMessage(null))}>
              {t('journal.edit')}
            </button>
          )}
          {note.can.finalise && (
            <button type="button" className="button button-primary button-small" onClick={() => (finalise.reset(), setConfirming(true))}>
              {t('journal.finalise')}
            </button>
          )}
        </p>
      )}
      {note.addenda.length > 0 && (
        <section className="addenda" aria-label={t('journal.addenda')}>
          {note.addenda.map((a) => (
            <div key={a.id}>
              <p className="muted small">{t('journal.addendumBy', { name: a.authorName, date: formatDateTime(a.createdAt, lang) })}</p>
              <p className="prewrap">{a.text}</p>
            </div>
          ))}
        </section>
      )}
      {note.finalised && note.can.addAddendum && (
        <FormToggle label={t('journal.addAddendum')} open={adding} onOpen={() => (setAdding(true), onMessage(null))}>
          <h4>{t('journal.addAddendum')}</h4>
          <ErrorSummary form={addendumForm} fields={[['text', t('journal.addendumText')]]} />
          <form onSubmit={submitAddendum} noValidate>
            <TextAreaField form={addendumForm} path="text" label={t('journal.addendumText')} hint={t('journal.addendumHint')} value={addendum} onChange={setAddendum} rows={3} />
            <div className="form-actions">
              <SubmitButton pending={add.isPending}>{t('journal.addendumSave')}</SubmitButton>
              <button type="button" className="button button-secondary" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </FormToggle>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('journal.finaliseTitle')}
        confirmLabel={t('journal.finaliseConfirm')}
        destructive={false}
        onConfirm={() => finalise.mutate()}
        onCancel={() => setConfirming(false)}
        pending={finalise.isPending}
        error={finalise.error}
      >
        <p>{t('journal.finaliseText')}</p>
      </ConfirmDialog>
    </article>
  );
}
