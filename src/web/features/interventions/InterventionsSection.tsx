import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { DeleteInterventionBody, EndInterventionBody } from '../../../shared/interventions';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDate, formatDkk, formatNumber, formatPeriod, todayIso } from '../../lib/format';
import type { FamilyData, FamilyOverview } from '../families/families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { memberName } from '../families/useFamily';
import { ConflictNotice, isConflict, useConflictReload } from '../families/WriteProblems';
import { useFormErrors } from '../forms/useFormErrors';
import { deleteIntervention, endIntervention, type Intervention } from './interventions.api';
import { OverlapText } from './OverlapList';
import { categoryLabel, priceText } from './price';
import { EditInterventionForm, RegisterInterventionForm } from './InterventionForms';
import { TableRegion } from '../../components/TableRegion';

function InterventionTable({
  family,
  items,
  caption,
  captionId,
  onEdit,
  onEnd,
  onDelete,
}: {
  family: FamilyData;
  items: Intervention[];
  caption: string;
  captionId: string;
  onEdit?: (i: Intervention) => void;
  onEnd?: (i: Intervention) => void;
  onDelete?: (i: Intervention) => void;
}) {
  const { t, lang } = useI18n();
  const overlapping = new Set(family.interventions.overlaps.flatMap((o) => [o.a.id, o.b.id]));
  return (
    <TableRegion id={captionId} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('interventions.type')}</th>
          <th scope="col">{t('interventions.for')}</th>
          <th scope="col">{t('field.department')}</th>
          <th scope="col">{t('common.period')}</th>
          <th scope="col">{t('interventions.price')}</th>
          <th scope="col" className="numeric">
            {t('interventions.monthlyCost')}
          </th>
          {(onEdit || onEnd) && (
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              {i.typeName}
              {overlapping.has(i.id) && (
                <>
                  {' '}
                  <span className="badge badge-warning">{t('overlap.badge')}</span>
                </>
              )}
              <br />
              <span className="muted small">
                {categoryLabel(t, i.category)}
                {i.legalBasis && ` · ${i.legalBasis}`}
              </span>
              {i.provider && (
                <>
                  <br />
                  <span className="small">{t('interventions.providerIs', { provider: i.provider })}</span>
                </>
              )}
            </th>
            <td>{i.personId ? memberName(family, i.personId) : t('interventions.wholeFamily')}</td>
            <td>{i.departmentName}</td>
            <td className="nowrap">
              {formatPeriod(i.from, i.to, lang)}
              {!i.current && i.from > todayIso() && (
                <>
                  <br />
                  <span className="badge badge-neutral">{t('interventions.startsOn', { date: formatDate(i.from, lang) })}</span>
                </>
              )}
            </td>
            <td>
              {priceText(t, i.price)}
              {i.hoursPerWeek !== null && (
                <>
                  <br />
                  <span className="muted small">{t('interventions.hoursText', { hours: formatNumber(i.hoursPerWeek) })}</span>
                </>
              )}
            </td>
            <td className="numeric nowrap">{i.price.per === 'once' ? <span className="muted">{t('interventions.oneOff')}</span> : formatDkk(i.monthlyCost)}</td>
            {(onEdit || onEnd || onDelete) && (
              <td className="cell-actions">
                {onEdit && (
                  <button type="button" className="button button-secondary button-small" onClick={() => onEdit(i)}>
                    {t('interventions.edit')}
                    <span className="visually-hidden"> {i.typeName}</span>
                  </button>
                )}
                {onEnd && (
                  <button type="button" className="button button-secondary button-small" onClick={() => onEnd(i)}>
                    {t('interventions.end')}
                    <span className="visually-hidden"> {i.typeName}</span>
                  </button>
                )}
                {onDelete && (
                  <button type="button" className="button button-secondary button-small" onClick={() => onDelete(i)}>
                    {t('interventions.delete')}
                    <span className="visually-hidden"> {i.typeName}</span>
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

function EndInterventionDialog({ family, intervention, onClose, onDone, onReload }: { family: FamilyData; intervention: Intervention | null; onClose: () => void; onDone: (name: string) => void; onReload: () => Promise<void> }) {
  const { t } = useI18n();
  const form = useFormErrors('end-intervention');
  const [to, setTo] = useState(todayIso());
  const [forId, setForId] = useState<string | null>(null);
  if ((intervention?.id ?? null) !== forId) {
    setForId(intervention?.id ?? null);
    setTo(intervention?.to ?? todayIso());
    form.clear();
  }
  const save = useMutation({
    mutationFn: (body: Parameters<typeof endIntervention>[2]) => endIntervention(family.id, intervention?.id ?? '', body),
    onSuccess: () => onDone(intervention?.typeName ?? ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = EndInterventionBody.safeParse({ to, version: intervention?.version });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <Dialog open={intervention !== null} title={t('interventions.endTitle', { name: intervention?.typeName ?? '' })} onClose={onClose}>
      <p>{t('interventions.endText')}</p>
      <ErrorSummary form={form} fields={[['to', t('interventions.lastDay')]]} />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="to" label={t('interventions.lastDay')} type="date" value={to} onChange={setTo} narrow />
        <div className="dialog-actions">
          <SubmitButton pending={save.isPending} variant="danger">
            {t('interventions.end')}
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Deletes an intervention registered by mistake, with the reason; asked in a dialog, as it cannot be undone. */
function DeleteInterventionDialog({ family, intervention, onClose, onDone, onReload }: { family: FamilyData; intervention: Intervention | null; onClose: () => void; onDone: (name: string) => void; onReload: () => Promise<void> }) {
  const { t } = useI18n();
  const form = useFormErrors('delete-intervention');
  const [reason, setReason] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  if ((intervention?.id ?? null) !== forId) {
    setForId(intervention?.id ?? null);
    setReason('');
    form.clear();
  }
  const save = useMutation({
    mutationFn: (body: Parameters<typeof deleteIntervention>[2]) => deleteIntervention(family.id, intervention?.id ?? '', body),
    onSuccess: () => onDone(intervention?.typeName ?? ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DeleteInterventionBody.safeParse({ reason, version: intervention?.version });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <Dialog open={intervention !== null} title={t('interventions.deleteTitle', { name: intervention?.typeName ?? '' })} onClose={onClose}>
      <p>{t('interventions.deleteText')}</p>
      <ErrorSummary form={form} fields={[['reason', t('interventions.deleteReason')]]} />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField form={form} path="reason" label={t('interventions.deleteReason')} hint={t('interventions.deleteReasonHint')} value={reason} onChange={setReason} rows={3} />
        <div className="dialog-actions">
          <SubmitButton pending={save.isPending} variant="danger">
            {t('interventions.delete')}
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Indsatser: current and past interventions with monthly cost, totals per department and overlap warnings. */
export function InterventionsSection({ overview, onReload }: { overview: FamilyOverview; onReload: () => Promise<void> }) {
  const { t } = useI18n();
  const { data: family, can } = overview;
  const summary = family.interventions;
  const [registering, setRegistering] = useState(false);
  const [ending, setEnding] = useState<Intervention | null>(null);
  const [deleting, setDeleting] = useState<Intervention | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  // Looked up in the overview as loaded now, so that a reload after a conflict hands the form the newer version.
  const editing = editingId === null ? null : ([...summary.current, ...summary.past].find((i) => i.id === editingId) ?? null);
  const setEditing = (i: Intervention | null) => setEditingId(i?.id ?? null);
  const [message, setMessage] = useSectionMessage('interventions');
  const onEdit = can.registerIntervention
    ? (i: Intervention) => {
        setMessage(null);
        setEditing(i);
      }
    : undefined;

  return (
    <FamilySection id="interventions" title={t('interventions.title')}>
      <SectionMessage message={message} />
      {summary.overlaps.length > 0 && (
        <Alert variant="warning" heading={summary.overlaps.length === 1 ? t('overlap.headingOne') : t('overlap.heading', { count: summary.overlaps.length })}>
          <p>{t('overlap.intro')}</p>
          <ul className="overlap-list">
            {summary.overlaps.map((o) => (
              <li key={`${o.a.id}-${o.b.id}`}>
                <OverlapText overlap={o} personName={o.personId ? memberName(family, o.personId) : null} />
              </li>
            ))}
          </ul>
        </Alert>
      )}

      {summary.hiddenByConsent > 0 && (
        <Alert variant="info">
          <p>{t('interventions.hiddenByConsent', { count: summary.hiddenByConsent })}</p>
        </Alert>
      )}
      <div className="cost-summary">
        <p className="cost-total">
          <span>{t('interventions.monthlyTotal')}</span> <strong>{formatDkk(summary.monthlyCostTotal)}</strong>
        </p>
        {summary.monthlyCostByDepartment.length > 0 && (
          <div className="table-wrapper">
            <table className="table table-compact">
              <caption>{t('interventions.byDepartment')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.department')}</th>
                  <th scope="col" className="numeric">
                    {t('interventions.monthlyCost')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.monthlyCostByDepartment.map((d) => (
                  <tr key={d.departmentId}>
                    <th scope="row">{d.departmentName}</th>
                    <td className="numeric nowrap">{formatDkk(d.monthlyCost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <h3>{t('interventions.currentHeading')}</h3>
      {summary.current.length === 0 ? (
        <div className="empty-state">
          <p>{t('interventions.noneCurrent')}</p>
        </div>
      ) : (
        <InterventionTable family={family} items={summary.current} caption={t('interventions.currentCaption')} captionId="interventions-current-caption" onEdit={onEdit} onEnd={can.registerIntervention ? setEnding : undefined} onDelete={can.registerIntervention ? setDeleting : undefined} />
      )}

      {can.registerIntervention && (
        <FormToggle
          label={t('interventions.register')}
          open={registering}
          onOpen={() => {
            setMessage(null);
            setRegistering(true);
          }}
        >
          <RegisterInterventionForm
            family={family}
            onCancel={() => setRegistering(false)}
            onDone={async (name) => {
              setRegistering(false);
              await onReload();
              setMessage(t('interventions.registered', { name }));
            }}
          />
        </FormToggle>
      )}

      {summary.past.length > 0 && (
        <details className="details">
          <summary>{t('interventions.pastHeading', { count: summary.past.length })}</summary>
          <InterventionTable family={family} items={summary.past} caption={t('interventions.pastCaption')} captionId="interventions-past-caption" onEdit={onEdit} onDelete={can.registerIntervention ? setDeleting : undefined} />
        </details>
      )}
      <Dialog open={editing !== null} title={t('interventions.editTitle', { name: editing?.typeName ?? '' })} onClose={() => setEditing(null)}>
        {editing && (
          <EditInterventionForm
            key={editing.id}
            family={family}
            intervention={editing}
            onCancel={() => setEditing(null)}
            onReload={onReload}
            onDone={async (saved) => {
              setEditing(null);
              await onReload();
              setMessage(t('interventions.edited', { name: saved.typeName }));
            }}
          />
        )}
      </Dialog>
      <DeleteInterventionDialog
        family={family}
        intervention={deleting}
        onClose={() => setDeleting(null)}
        onReload={onReload}
        onDone={async (name) => {
          setDeleting(null);
          await onReload();
          setMessage(t('interventions.deleted', { name }));
        }}
      />
      <EndInterventionDialog
        family={family}
        intervention={ending}
        onClose={() => setEnding(null)}
        onReload={onReload}
        onDone={async (name) => {
          setEnding(null);
          await onReload();
          setMessage(t('interventions.ended', { name }));
        }}
      />
    </FamilySection>
  );
}
