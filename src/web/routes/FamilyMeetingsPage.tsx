import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { MeetingBody } from '../../shared/meetings';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { FamilySubPage } from '../features/family-work/FamilySubPage';
import type { FamilyOverview } from '../features/families/families.api';
import { familyKeys } from '../features/families/families.api';
import { FormToggle, SectionMessage, useSectionMessage } from '../features/families/FamilySection';
import { useFormErrors } from '../features/forms/useFormErrors';
import { MeetingStatusBadge } from '../features/meetings/labels';
import { MeetingForm } from '../features/meetings/MeetingForm';
import { fetchFamilyMeetings, meetingKeys, scheduleMeeting } from '../features/meetings/meetings.api';
import { usePlan } from '../features/plans/usePlan';
import { useI18n } from '../i18n/useT';
import { formatTimeRange } from '../lib/copenhagen';
import '../styles/work.css';

/** Møder: the family's network meetings, and scheduling a new one. */
export function FamilyMeetingsPage() {
  const { t } = useI18n();
  return <FamilySubPage title={t('meetings.title')}>{(overview) => <MeetingsContent overview={overview} />}</FamilySubPage>;
}

function MeetingsContent({ overview }: { overview: FamilyOverview }) {
  const { t, lang } = useI18n();
  const family = overview.data;
  const queryClient = useQueryClient();
  const meetings = useQuery({ queryKey: meetingKeys.family(family.id), queryFn: () => fetchFamilyMeetings(family.id) });
  const plan = usePlan(family.id);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useSectionMessage('meetings');
  const form = useFormErrors('schedule-meeting');
  const schedule = useMutation({
    mutationFn: (body: z.infer<typeof MeetingBody>) => scheduleMeeting(family.id, body),
    onSuccess: (meeting) => {
      setOpen(false);
      setMessage(t('meetings.scheduled', { title: meeting.title }));
      void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      void queryClient.invalidateQueries({ queryKey: familyKeys.overview(family.id) });
    },
    onError: (error) => form.failFromApi(error),
  });

  if (meetings.isPending) return <Spinner />;
  if (meetings.isError) return <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />;
  const list = meetings.data.meetings;
  return (
    <>
      <SectionMessage message={message} />
      {meetings.data.can.schedule && (
        <FormToggle label={t('meetings.schedule')} open={open} onOpen={() => (setOpen(true), setMessage(null))}>
          <MeetingForm
            formId="schedule-meeting"
            form={form}
            heading={t('meetings.scheduleHeading')}
            submitLabel={t('meetings.submit')}
            family={family}
            goals={plan.data?.goals ?? []}
            pending={schedule.isPending}
            onSubmit={(body) => schedule.mutate(body)}
            onCancel={() => setOpen(false)}
          />
        </FormToggle>
      )}
      {list.length === 0 ? (
        <div className="empty-state">
          <p>{t('meetings.empty')}</p>
        </div>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t('meetings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.field.title')}</th>
                <th scope="col">{t('meetings.when')}</th>
                <th scope="col">{t('meetings.where')}</th>
                <th scope="col">{t('meetings.status')}</th>
                <th scope="col" className="numeric">
                  {t('meetings.participantCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  </td>
                  <td className="nowrap">{formatTimeRange(m.startsAt, m.endsAt, lang)}</td>
                  <td>{[m.place, m.onlineUrl ? t('meetings.field.onlineUrlShort') : null].filter(Boolean).join(' · ') || '–'}</td>
                  <td>
                    <MeetingStatusBadge status={m.status} t={t} />
                  </td>
                  <td className="numeric">{m.participantCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
