import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { NOTE_TYPES, type NoteType } from '../../shared/journal';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { FamilySubPage } from '../features/family-work/FamilySubPage';
import { familyKeys, type FamilyOverview } from '../features/families/families.api';
import { FamilyNoticeProvider, FormToggle, SectionMessage, useSectionMessage } from '../features/families/FamilySection';
import { fullName } from '../features/families/labels';
import { useFormErrors } from '../features/forms/useFormErrors';
import { createNote, fetchNotes, journalKeys, noteTypeLabel, type NoteFilter } from '../features/journal/journal.api';
import { NoteCard } from '../features/journal/NoteCard';
import { NoteForm } from '../features/journal/NoteForm';
import { usePlan } from '../features/plans/usePlan';
import { useI18n } from '../i18n/useT';
import '../styles/work.css';

/** Journal: the family's notes under notatpligt — write, edit while draft, finalise, addenda, search. */
export function FamilyNotesPage() {
  const { t } = useI18n();
  return (
    <FamilySubPage title={t('journal.title')}>
      {(overview) => (
        <FamilyNoticeProvider key={overview.data.id}>
          <NotesContent overview={overview} />
        </FamilyNoticeProvider>
      )}
    </FamilySubPage>
  );
}

function NotesContent({ overview }: { overview: FamilyOverview }) {
  const { t } = useI18n();
  const family = overview.data;
  const queryClient = useQueryClient();
  const plan = usePlan(family.id);
  const goals = plan.data?.goals ?? [];
  const [filter, setFilter] = useState<NoteFilter>({});
  const [draft, setDraft] = useState({ q: '', type: '', personId: '', goalId: '' });
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useSectionMessage('notes');
  const form = useFormErrors('note-new');
  const searchId = useId();
  const notes = useQuery({ queryKey: journalKeys.search(family.id, filter), queryFn: () => fetchNotes(family.id, filter), placeholderData: keepPreviousData });
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createNote>[1]) => createNote(family.id, body),
    onSuccess: () => {
      setWriting(false);
      setMessage(t('journal.created'));
      void queryClient.invalidateQueries({ queryKey: journalKeys.family(family.id) });
      void queryClient.invalidateQueries({ queryKey: familyKeys.overview(family.id) });
    },
    onError: (error) => form.failFromApi(error),
  });
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ q: draft.q.trim() || undefined, type: (draft.type || undefined) as NoteType | undefined, personId: draft.personId || undefined, goalId: draft.goalId || undefined });
  };
  const clear = () => {
    setDraft({ q: '', type: '', personId: '', goalId: '' });
    setFilter({});
  };
  const filtered = Object.values(filter).some(Boolean);

  return (
    <>
      <SectionMessage message={message} />
      {notes.data?.can.write && (
        <FormToggle label={t('journal.write')} open={writing} onOpen={() => (setWriting(true), setMessage(null))}>
          <NoteForm family={family} goals={goals} form={form} pending={create.isPending} onSubmit={(input) => input.kind === 'create' && create.mutate(input.body)} onCancel={() => setWriting(false)} />
        </FormToggle>
      )}
      <section aria-labelledby={`${searchId}-h`} className="filter-panel">
        <h2 id={`${searchId}-h`}>{t('journal.search')}</h2>
        <form className="inline-form" onSubmit={search} role="search">
          <div className="form-group">
            <label className="form-label" htmlFor={`${searchId}-q`}>
              {t('journal.searchText')}
            </label>
            <input id={`${searchId}-q`} className="form-input" type="search" value={draft.q} onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))} />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${searchId}-type`}>
              {t('journal.type')}
            </label>
            <select id={`${searchId}-type`} className="form-select" value={draft.type} onChange={(e) => setDraft((d) => ({ ...d, type: e.target.value }))}>
              <option value="">{t('journal.searchAny')}</option>
              {NOTE_TYPES.map((n) => (
                <option key={n} value={n}>
                  {noteTypeLabel(t, n)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`${searchId}-person`}>
              {t('journal.searchPerson')}
            </label>
            <select id={`${searchId}-person`} className="form-select" value={draft.personId} onChange={(e) => setDraft((d) => ({ ...d, personId: e.target.value }))}>
              <option value="">{t('journal.searchAny')}</option>
              {family.members.map((m) => (
                <option key={m.personId} value={m.personId}>
                  {fullName(m)}
                </option>
              ))}
            </select>
          </div>
          {goals.length > 0 && (
            <div className="form-group">
              <label className="form-label" htmlFor={`${searchId}-goal`}>
                {t('journal.searchGoal')}
              </label>
              <select id={`${searchId}-goal`} className="form-select" value={draft.goalId} onChange={(e) => setDraft((d) => ({ ...d, goalId: e.target.value }))}>
                <option value="">{t('journal.searchAny')}</option>
                {goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" className="button button-secondary">
            {t('journal.searchSubmit')}
          </button>
          {filtered && (
            <button type="button" className="button button-link" onClick={clear}>
              {t('journal.searchClear')}
            </button>
          )}
        </form>
      </section>
      {notes.isPending ? (
        <Spinner />
      ) : notes.isError ? (
        <QueryError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : (
        <>
          <p role="status" className="muted">
            {filtered ? (notes.data.notes.length === 1 ? t('journal.resultsOne') : t('journal.results', { count: notes.data.notes.length })) : null}
          </p>
          {notes.data.notes.length === 0 ? (
            <div className="empty-state">
              <p>{filtered ? t('journal.noMatches') : t('journal.empty')}</p>
            </div>
          ) : (
            notes.data.notes.map((n) => <NoteCard key={n.id} note={n} family={family} goals={goals} onMessage={setMessage} />)
          )}
          {notes.data.truncated && <p className="muted">{t('journal.truncated')}</p>}
        </>
      )}
    </>
  );
}
