import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { TransitionBody, TRANSITIONS, type FamilyStatus } from '../../../shared/families';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import { formatDate, todayIso } from '../../lib/format';
import { useFormErrors } from '../forms/useFormErrors';
import { transition, type FamilyData, type FamilyOverview, type TransitionEnded } from './families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from './FamilySection';
import { changeReasonLabel, statusLabel } from './labels';
import { StatusBadge } from './StatusBadge';
import { memberName } from './useFamily';
import { ConflictNotice, isConflict, useConflictReload } from './WriteProblems';
import { TableRegion } from '../../components/TableRegion';

/** Statuses that end the family's effort: asked about before saving. */
const ENDING: readonly FamilyStatus[] = ['completed', 'declined', 'withdrawn'];

/** What still runs for the family, as the overview shows it: asked about when the effort ends. */
function whatRuns(family: FamilyData) {
  const today = todayIso();
  const interventions = family.interventions.current.filter((i) => i.from <= today).length;
  const teamMembers = family.team.filter((m) => m.current).length;
  const meeting = family.nextMeeting !== null;
  const tasks = family.openTasks.length;
  return { interventions, teamMembers, meeting, tasks, any: interventions + teamMembers + tasks > 0 || meeting };
}

/** What stands between the family and `active`, in words. */
export function ActivationBlockers({ family }: { family: FamilyData }) {
  const { t } = useI18n();
  const b = family.activationBlockers;
  const lines: string[] = [];
  if (b && b.holdersWithoutConsent.length > 0) lines.push(t('status.missingConsent', { names: b.holdersWithoutConsent.map((id) => memberName(family, id)).join(', ') }));
  if (b && b.childrenWithoutCustody.length > 0) lines.push(t('status.childWithoutCustody', { names: b.childrenWithoutCustody.map((id) => memberName(family, id)).join(', ') }));
  if (b && !family.coordinator) lines.push(t('status.noCoordinator'));
  if (!b) return null;
  if (lines.length === 0) {
    return (
      <Alert variant="success">
        <p>{t('status.readyToActivate')}</p>
      </Alert>
    );
  }
  return (
    <Alert variant="warning" heading={t('status.blockersHeading')}>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Alert>
  );
}

function TransitionForm({ family, onDone, onCancel, onReload }: { family: FamilyData; onDone: (to: FamilyStatus, ended: TransitionEnded) => void; onCancel: () => void; onReload: () => Promise<void> }) {
  const { t } = useI18n();
  const form = useFormErrors('transition');
  const allowed = TRANSITIONS[family.status];
  const [to, setTo] = useState<FamilyStatus>(allowed.includes('active') ? 'active' : allowed[0]!);
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [completionReason, setCompletionReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const running = whatRuns(family);
  const [endRunning, setEndRunning] = useState(true);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof transition>[1]) => transition(family.id, body),
    onSuccess: (result) => {
      setConfirming(false);
      onDone(to, result.ended);
    },
    onError: (error) => {
      setConfirming(false);
      if (isConflict(error)) form.clear();
      else form.failFromApi(error, 'to');
    },
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const parse = () =>
    TransitionBody.safeParse({
      to,
      date,
      reason,
      completionReason: to === 'completed' && completionReason.trim() ? completionReason : undefined,
      endRunning: ENDING.includes(to) && running.any ? endRunning : undefined,
      version: family.version,
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parse();
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    if (ENDING.includes(to)) return setConfirming(true);
    save.mutate(parsed.data);
  };

  return (
    <>
      <h3>{t('status.changeHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['to', t('status.to')],
          ['date', t('status.date')],
          ['reason', t('common.reason')],
          ['completionReason', t('status.completionReason')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <SelectField form={form} path="to" label={t('status.to')} value={to} onChange={(v) => setTo(v as FamilyStatus)} options={allowed.map((s) => ({ value: s, label: statusLabel(t, s) }))} />
        {to === 'active' && <ActivationBlockers family={family} />}
        <TextField form={form} path="date" label={t('status.date')} type="date" value={date} onChange={setDate} narrow />
        <TextAreaField form={form} path="reason" label={t('common.reason')} hint={t('status.reasonHint')} value={reason} onChange={setReason} rows={3} />
        {to === 'completed' && <TextField form={form} path="completionReason" label={t('status.completionReason')} hint={t('status.completionReasonHint')} value={completionReason} onChange={setCompletionReason} />}
        <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending && !confirming}>{t('status.changeSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('status.confirmTitle', { status: statusLabel(t, to) })}
        confirmLabel={t('status.confirm', { status: statusLabel(t, to) })}
        onCancel={() => setConfirming(false)}
        pending={save.isPending}
        onConfirm={() => {
          const parsed = parse();
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        <p>{t('status.confirmText')}</p>
        {running.any && (
          <>
            <p>{t('status.stillRunning')}</p>
            <ul>
              {running.interventions > 0 && <li>{t('status.runningInterventions', { count: running.interventions })}</li>}
              {running.teamMembers > 0 && <li>{t('status.runningTeam', { count: running.teamMembers })}</li>}
              {running.meeting && <li>{t('status.runningMeeting')}</li>}
              {running.tasks > 0 && <li>{t('status.runningTasks', { count: running.tasks })}</li>}
            </ul>
            <div className="form-group">
              <div className="checkbox">
                <input id="transition-end-running" type="checkbox" checked={endRunning} onChange={(e) => setEndRunning(e.target.checked)} aria-describedby="transition-end-running-hint" />
                <label htmlFor="transition-end-running">{t('status.endRunning')}</label>
              </div>
              <span className="form-hint" id="transition-end-running-hint">
                {t('status.endRunningHint')}
              </span>
            </div>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}

/** Status: where the family is in the effort, what blocks activation, the transitions and their history. */
export function StatusSection({ overview, onReload }: { overview: FamilyOverview; onReload: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { data: family, can } = overview;
  const [changing, setChanging] = useState(false);
  const [message, setMessage] = useSectionMessage('status');
  const canChange = can.transition && TRANSITIONS[family.status].length > 0;

  return (
    <FamilySection id="status" title={t('status.title')}>
      <SectionMessage message={message} />
      <dl className="summary-list">
        <dt>{t('status.current')}</dt>
        <dd>
          <StatusBadge status={family.status} />
        </dd>
        {family.referredAt && (
          <>
            <dt>{t('status.referredAt')}</dt>
            <dd>{formatDate(family.referredAt, lang)}</dd>
          </>
        )}
        {family.enrolledAt && (
          <>
            <dt>{t('status.enrolledAt')}</dt>
            <dd>{formatDate(family.enrolledAt, lang)}</dd>
          </>
        )}
        {family.completedAt && (
          <>
            <dt>{t('status.completedAt')}</dt>
            <dd>
              {formatDate(family.completedAt, lang)}
              {family.completionReason && ` – ${family.completionReason}`}
            </dd>
          </>
        )}
        {family.withdrawnAt && (
          <>
            <dt>{t('status.withdrawnAt')}</dt>
            <dd>{formatDate(family.withdrawnAt, lang)}</dd>
          </>
        )}
      </dl>
      {!changing && <ActivationBlockers family={family} />}

      {canChange && (
        <FormToggle
          label={t('status.change')}
          open={changing}
          onOpen={() => {
            setMessage(null);
            setChanging(true);
          }}
        >
          <TransitionForm
            family={family}
            onCancel={() => setChanging(false)}
            onReload={onReload}
            onDone={async (to, ended) => {
              setChanging(false);
              await onReload();
              const parts = ended
                ? [
                    ended.interventions > 0 && t('status.endedInterventions', { count: ended.interventions }),
                    ended.teamMembers > 0 && t('status.endedTeam', { count: ended.teamMembers }),
                    ended.meetings > 0 && t('status.endedMeetings', { count: ended.meetings }),
                    ended.tasks > 0 && t('status.endedTasks', { count: ended.tasks }),
                  ].filter(Boolean)
                : [];
              setMessage([t('status.changed', { status: statusLabel(t, to) }), parts.length > 0 ? t('status.ended', { what: parts.join(', ') }) : ''].filter(Boolean).join(' '));
            }}
          />
        </FormToggle>
      )}

      <h3>{t('status.historyHeading')}</h3>
      {family.statusHistory.length === 0 ? (
        <p className="muted">{t('status.noHistory')}</p>
      ) : (
        <TableRegion id="status-history-caption" caption={t('status.historyCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('status.date')}</th>
              <th scope="col">{t('status.changeColumn')}</th>
              <th scope="col">{t('common.reason')}</th>
              <th scope="col">{t('status.by')}</th>
            </tr>
          </thead>
          <tbody>
            {family.statusHistory.map((h) => (
              <tr key={`${h.at}-${h.to}`}>
                <td className="nowrap">{formatDate(h.date, lang)}</td>
                <td>{h.from ? t('status.fromTo', { from: statusLabel(t, h.from), to: statusLabel(t, h.to) }) : statusLabel(t, h.to)}</td>
                <td>{changeReasonLabel(t, h)}</td>
                <td>
                  {h.byName ?? <span className="muted">{t('status.bySystem')}</span>}
                  <br />
                  <span className="muted">{formatDateTime(h.at, lang)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </FamilySection>
  );
}
