import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ReviewBreakGlassBody } from '../../shared/families';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { TextAreaField } from '../components/TextAreaField';
import { SectionMessage } from '../features/families/FamilySection';
import { familyKeys, fetchBreakGlass, reviewBreakGlass, type BreakGlassAccess } from '../features/families/families.api';
import { taskKeys } from '../features/tasks/tasks.api';
import { useFormErrors } from '../features/forms/useFormErrors';
import { ManagerNav } from '../features/manager/ManagerNav';
import { useI18n } from '../i18n/useT';
import { formatDateTime } from '../lib/dates';
import { TableRegion } from '../components/TableRegion';
import { familyLabel } from '../features/families/labels';

function ReviewDialog({ access, onClose, onDone }: { access: BreakGlassAccess | null; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useI18n();
  const form = useFormErrors('review-break-glass');
  const [note, setNote] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  if ((access?.id ?? null) !== forId) {
    setForId(access?.id ?? null);
    setNote('');
    form.clear();
  }
  const review = useMutation({
    mutationFn: (body: { note?: string }) => reviewBreakGlass(access?.id ?? '', body.note),
    onSuccess: () => onDone(access?.userName ?? ''),
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ReviewBreakGlassBody.safeParse({ note: note.trim() || undefined });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    review.mutate(parsed.data);
  };
  return (
    <Dialog open={access !== null} title={t('manager.reviewTitle', { name: access?.userName ?? '' })} onClose={onClose}>
      <p className="prewrap">{t('manager.reviewReason', { reason: access?.reason ?? '' })}</p>
      <ErrorSummary form={form} fields={[['note', t('manager.reviewNote')]]} />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField form={form} path="note" label={t('manager.reviewNote')} hint={t('manager.reviewNoteHint')} value={note} onChange={setNote} rows={3} data-autofocus />
        <div className="dialog-actions">
          <SubmitButton pending={review.isPending}>{t('manager.markReviewed')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Leder: break-the-glass accesses to the unit's families, to be reviewed. */
export function ManagerBreakGlassPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const all = search.get('all') === 'true';
  const accesses = useQuery({ queryKey: familyKeys.breakGlass(all), queryFn: () => fetchBreakGlass(all) });
  const [reviewing, setReviewing] = useState<BreakGlassAccess | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeading>{t('manager.breakGlassTitle')}</PageHeading>
      <ManagerNav />
      <p className="lead">{t('manager.breakGlassIntro')}</p>
      <nav className="tabs tabs-secondary" aria-label={t('manager.breakGlassFilter')}>
        <ul>
          <li>
            <Link to="/manager/break-glass" aria-current={!all ? 'page' : undefined}>
              {t('manager.toReview')}
            </Link>
          </li>
          <li>
            <Link to="/manager/break-glass?all=true" aria-current={all ? 'page' : undefined}>
              {t('manager.allAccesses')}
            </Link>
          </li>
        </ul>
      </nav>
      <SectionMessage message={message} />
      {accesses.isPending ? (
        <Spinner />
      ) : accesses.isError ? (
        <QueryError error={accesses.error} onRetry={() => void accesses.refetch()} />
      ) : accesses.data.length === 0 ? (
        <div className="empty-state">
          <p>{all ? t('manager.breakGlassNone') : t('manager.breakGlassEmpty')}</p>
        </div>
      ) : (
        <TableRegion id="break-glass-caption" caption={t('manager.breakGlassCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('manager.who')}</th>
              <th scope="col">{t('manager.family')}</th>
              <th scope="col">{t('common.reason')}</th>
              <th scope="col">{t('manager.when')}</th>
              <th scope="col">{t('manager.reviewed')}</th>
            </tr>
          </thead>
          <tbody>
            {accesses.data.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.userName}</th>
                <td>
                  <Link to={`/families/${a.familyId}`}>{familyLabel(t, a.familyNames)}</Link>
                </td>
                <td className="prewrap">{a.reason}</td>
                <td className="nowrap">
                  {formatDateTime(a.at, lang)}
                  <br />
                  <span className="muted small">{t('manager.expires', { date: formatDateTime(a.expiresAt, lang) })}</span>
                </td>
                <td>
                  {a.reviewedAt ? (
                    <>
                      <span className="badge badge-success">{t('manager.reviewedOn', { date: formatDateTime(a.reviewedAt, lang) })}</span>
                      {a.reviewNote && <p className="cell-line small prewrap">{a.reviewNote}</p>}
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => {
                        setMessage(null);
                        setReviewing(a);
                      }}
                    >
                      {t('manager.markReviewed')}
                      <span className="visually-hidden"> {t('manager.accessBy', { name: a.userName })}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <ReviewDialog
        access={reviewing}
        onClose={() => setReviewing(null)}
        onDone={async (name) => {
          setReviewing(null);
          await queryClient.invalidateQueries({ queryKey: familyKeys.breakGlassAll });
          await queryClient.invalidateQueries({ queryKey: taskKeys.attention });
          setMessage(t('manager.reviewedMessage', { name }));
        }}
      />
    </>
  );
}
