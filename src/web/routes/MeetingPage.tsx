import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import type { MeetingBody } from '../../shared/meetings';
import { ApiError } from '../api/client';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { familyKeys, fetchFamily, type FamilyData } from '../features/families/families.api';
import { FamilyNoticeProvider, FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../features/families/FamilySection';
import { useFormErrors } from '../features/forms/useFormErrors';
import { DecisionForm } from '../features/meetings/DecisionForm';
import { MeetingStatusBadge } from '../features/meetings/labels';
import { MeetingEdit } from '../features/meetings/MeetingEdit';
import { MeetingForm } from '../features/meetings/MeetingForm';
import { cancelMeeting, fetchMeeting, invitationUrl, meetingKeys, planNextMeeting, type Meeting } from '../features/meetings/meetings.api';
import { MinutesForm } from '../features/meetings/MinutesForm';
import { usePlan } from '../features/plans/usePlan';
import { useCaseDepartments } from '../features/staff/staff.api';
import { useI18n } from '../i18n/useT';
import { formatTimeRange } from '../lib/copenhagen';
import { formatDateTime } from '../lib/dates';
import { formatDate } from '../lib/format';
import { NotFoundPage } from './NotFoundPage';
import '../styles/work.css';
import { familyLabel } from '../features/families/labels';
import { FamiliesCrumb } from '../features/families/FamiliesCrumb';

/** One network meeting: time, place, agenda, participants, minutes, decisions, the next meeting, cancel. */
export function MeetingPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: meetingKeys.meeting(id), queryFn: () => fetchMeeting(id) });
  const familyId = meeting.data?.familyId ?? '';
  const family = useQuery({ queryKey: familyKeys.overview(familyId), queryFn: ({ signal }) => fetchFamily(familyId, signal), enabled: familyId !== '' });
  if (meeting.isPending) return <Spinner />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <PageHeading>{t('meeting.details')}</PageHeading>
        <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />
      </>
    );
  }
  if (family.isPending) return <Spinner />;
  if (family.isError) return <QueryError error={family.error} onRetry={() => void family.refetch()} />;
  return (
    <FamilyNoticeProvider key={meeting.data.id}>
      <MeetingContent meeting={meeting.data} family={family.data.data} />
    </FamilyNoticeProvider>
  );
}

function MeetingContent({ meeting, family }: { meeting: Meeting; family: FamilyData }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const plan = usePlan(family.id);
  // Minutes and decisions are the meeting's outcome: recorded once it has begun (the server says so in `can`).
  const notYet = meeting.status === 'planned' && new Date(meeting.startsAt).getTime() > Date.now();
  const departments = useCaseDepartments();
  const [message, setMessage] = useSectionMessage('meeting');
  const [minutesOpen, setMinutesOpen] = useState(false);
  const [decisionOpen, setDecisionOpen] = useState(false);
  const [nextOpen, setNextOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const nextForm = useFormErrors('next-meeting');
  const goals = plan.data?.goals ?? [];
  const familyPath = `/families/${encodeURIComponent(family.id)}`;
  const familyName = familyLabel(t, family.familyNames);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    void queryClient.invalidateQueries({ queryKey: familyKeys.overview(family.id) });
  };
  const next = useMutation({
    mutationFn: (body: z.infer<typeof MeetingBody>) => planNextMeeting(meeting.id, body),
    onSuccess: (created) => {
      setNextOpen(false);
      refresh();
      setMessage(t('meeting.nextScheduled', { title: created.title }));
    },
    onError: (error) => nextForm.failFromApi(error),
  });
  const cancel = useMutation({
    mutationFn: () => cancelMeeting(meeting.id, { reason: reason.trim() }),
    onSuccess: (updated) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), updated);
      setCancelOpen(false);
      refresh();
      setMessage(t('meeting.cancelled'));
    },
  });

  return (
    <>
      <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <li><FamiliesCrumb /></li>
        <li>
          <Link to={familyPath}>{familyName}</Link>
        </li>
        <li>
          <Link to={`${familyPath}/meetings`}>{t('meetings.title')}</Link>
        </li>
        <li aria-current="page">{meeting.title}</li>
      </ol>
      <PageHeading title={`${meeting.title} – ${familyName}`}>
        {meeting.title} <MeetingStatusBadge status={meeting.status} t={t} />
      </PageHeading>
      <SectionMessage message={message} />
      {meeting.status === 'cancelled' && meeting.cancelledAt && (
        <Alert variant="warning">
          <p>{t('meeting.cancelledAt', { date: formatDateTime(meeting.cancelledAt, lang), reason: meeting.cancelReason ?? '' })}</p>
        </Alert>
      )}
      <dl className="summary-list family-facts">
        <dt>{t('meetings.family')}</dt>
        <dd>
          <Link to={familyPath}>{familyName}</Link>
        </dd>
        <dt>{t('meetings.when')}</dt>
        <dd>{formatTimeRange(meeting.startsAt, meeting.endsAt, lang)}</dd>
        {meeting.place && (
          <>
            <dt>{t('meetings.field.placeShort')}</dt>
            <dd>{meeting.place}</dd>
          </>
        )}
        {meeting.onlineUrl && (
          <>
            <dt>{t('meetings.field.onlineUrlShort')}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noreferrer noopener" target="_blank">
                {meeting.onlineUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <p className="button-row">
        <a className="button button-secondary" href={invitationUrl(meeting.id, lang)} download>
          {t('meeting.invitation')}
        </a>
        {meeting.can.cancel && meeting.status === 'planned' && (
          <button type="button" className="button button-secondary" onClick={() => (cancel.reset(), setReasonError(null), setCancelOpen(true))}>
            {t('meeting.cancel')}
          </button>
        )}
      </p>
      {meeting.can.edit && meeting.status === 'planned' && (
        <FormToggle label={t('meeting.edit')} open={editOpen} onOpen={() => (setEditOpen(true), setMessage(null))}>
          <MeetingEdit
            meeting={meeting}
            family={family}
            goals={goals}
            onSaved={() => {
              setEditOpen(false);
              refresh();
              setMessage(t('meeting.edited'));
            }}
            onClosed={(closedMessage) => {
              setEditOpen(false);
              refresh();
              setMessage(closedMessage);
            }}
            onCancel={() => setEditOpen(false)}
          />
        </FormToggle>
      )}

      <FamilySection id="agenda" title={t('meeting.agenda')}>
        {meeting.agendaGoals.length === 0 && !meeting.agendaText ? (
          <p className="muted">{t('meeting.agendaEmpty')}</p>
        ) : (
          <>
            {meeting.agendaGoals.length > 0 && (
              <ol>
                {meeting.agendaGoals.map((g) => (
                  <li key={g.id}>{g.title}</li>
                ))}
              </ol>
            )}
            {meeting.agendaText && <p className="prewrap">{meeting.agendaText}</p>}
          </>
        )}
        {meeting.hiddenByConsent.agendaGoals > 0 && <p className="muted">{t('meeting.agendaHiddenByConsent', { count: meeting.hiddenByConsent.agendaGoals })}</p>}
      </FamilySection>

      <FamilySection id="participants" title={t('meeting.participants')}>
        {meeting.participants.length === 0 ? (
          <p className="muted">{t('meeting.noParticipants')}</p>
        ) : (
          <ul className="plain-list">
            {meeting.participants.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.relation ? ` (${p.relation})` : ''} – <span className="muted">{t(p.kind === 'member' ? 'meeting.kind.member' : p.kind === 'staff' ? 'meeting.kind.staff' : 'meeting.kind.network')}</span>
                {p.attended !== null && <> · {p.attended ? t('meeting.attended') : t('meeting.absent')}</>}
              </li>
            ))}
          </ul>
        )}
      </FamilySection>

      <FamilySection id="minutes" title={t('meeting.minutes')}>
        {meeting.minutes ? <p className="prewrap">{meeting.minutes}</p> : <p className="muted">{t('meeting.minutesEmpty')}</p>}
        {notYet && <p className="form-hint">{t('meeting.afterStart')}</p>}
        {meeting.can.recordMinutes && (
          <FormToggle label={meeting.minutes ? t('meeting.minutesEdit') : t('meeting.minutesRecord')} open={minutesOpen} onOpen={() => (setMinutesOpen(true), setMessage(null))}>
            <MinutesForm
              meeting={meeting}
              onDone={() => {
                setMinutesOpen(false);
                setMessage(t('meeting.minutesSaved'));
              }}
              onCancel={() => setMinutesOpen(false)}
            />
          </FormToggle>
        )}
      </FamilySection>

      <FamilySection id="decisions" title={t('meeting.decisions')}>
        {meeting.decisions.length === 0 ? (
          <p className="muted">{t('meeting.decisionsEmpty')}</p>
        ) : (
          <ul className="plain-list">
            {meeting.decisions.map((d) => (
              <li key={d.id}>
                <strong>{d.becomes === 'task' ? t('meeting.decisionIsTask') : t('meeting.decisionIsAction')}:</strong> {d.text}
                {d.due && <span className="muted"> – {t('meeting.decisionDue', { date: formatDate(d.due, lang) })}</span>}
              </li>
            ))}
          </ul>
        )}
        {meeting.hiddenByConsent.decisions > 0 && <p className="muted">{t('meeting.decisionsHiddenByConsent', { count: meeting.hiddenByConsent.decisions })}</p>}
        {notYet && <p className="form-hint">{t('meeting.afterStart')}</p>}
        {meeting.can.decide && (
          <FormToggle label={t('meeting.decisionAdd')} open={decisionOpen} onOpen={() => (setDecisionOpen(true), setMessage(null))}>
            <DecisionForm
              meeting={meeting}
              family={family}
              goals={goals}
              departments={departments.data ?? []}
              onDone={() => {
                setDecisionOpen(false);
                setMessage(t('meeting.decisionSaved'));
              }}
              onCancel={() => setDecisionOpen(false)}
            />
          </FormToggle>
        )}
      </FamilySection>

      <FamilySection id="next" title={t('meeting.next')}>
        {meeting.previousMeetingId && (
          <p>
            <Link to={`/meetings/${meeting.previousMeetingId}`}>{t('meeting.previousOpen')}</Link>
          </p>
        )}
        {meeting.nextMeetingId ? (
          <p>
            <Link to={`/meetings/${meeting.nextMeetingId}`}>
              {t('meeting.nextOpen')}
            </Link>
          </p>
        ) : (
          <p className="muted">{t('meeting.nextNone')}</p>
        )}
        {meeting.can.planNext && !meeting.nextMeetingId && (
          <FormToggle label={t('meeting.nextPlan')} open={nextOpen} onOpen={() => (setNextOpen(true), setMessage(null))}>
            <MeetingForm
              formId="next-meeting"
              form={nextForm}
              heading={t('meeting.nextPlan')}
              submitLabel={t('meetings.submit')}
              family={family}
              goals={goals}
              initial={meeting}
              asNext
              pending={next.isPending}
              onSubmit={(body) => next.mutate(body)}
              onCancel={() => setNextOpen(false)}
            />
          </FormToggle>
        )}
      </FamilySection>

      <ConfirmDialog
        open={cancelOpen}
        title={t('meeting.cancelTitle')}
        confirmLabel={t('meeting.cancelConfirm')}
        onConfirm={() => {
          if (!reason.trim()) return setReasonError(t('meeting.reasonRequired'));
          setReasonError(null);
          cancel.mutate();
        }}
        onCancel={() => setCancelOpen(false)}
        pending={cancel.isPending}
        error={cancel.error}
      >
        <p>{t('meeting.cancelText')}</p>
        <div className={reasonError ? 'form-group form-error' : 'form-group'}>
          <label className="form-label" htmlFor="cancel-reason">
            {t('meeting.cancelReason')}
          </label>
          {reasonError && (
            <span className="form-error-message" id="cancel-reason-error">
              {reasonError}
            </span>
          )}
          <textarea id="cancel-reason" className="form-input form-textarea" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? 'cancel-reason-error' : undefined} />
        </div>
      </ConfirmDialog>
    </>
  );
}
