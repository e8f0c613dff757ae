import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { MyMeetingsDto } from '../../shared/meetings';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { MeetingStatusBadge } from '../features/meetings/labels';
import { fetchMyMeetings, meetingKeys } from '../features/meetings/meetings.api';
import { useI18n } from '../i18n/useT';
import { formatTimeRange } from '../lib/copenhagen';
import { familyLabel } from '../features/families/labels';

type MyMeetings = z.infer<typeof MyMeetingsDto>;

/** Mine møder: upcoming meetings where the user takes part or coordinates the family. */
export function MyMeetingsPage() {
  const { t } = useI18n();
  const meetings = useQuery({ queryKey: meetingKeys.mine, queryFn: fetchMyMeetings });
  return (
    <>
      <PageHeading>{t('meetings.mine')}</PageHeading>
      <p>{t('meetings.mineIntro')}</p>
      {meetings.isPending ? (
        <Spinner />
      ) : meetings.isError ? (
        <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : (
        <>
          {meetings.data.notAccessible > 0 && (
            <Alert variant="info">
              <p>{meetings.data.notAccessible === 1 ? t('meetings.notAccessibleOne') : t('meetings.notAccessible', { count: meetings.data.notAccessible })}</p>
            </Alert>
          )}
          <MeetingsTable data={meetings.data} />
        </>
      )}
    </>
  );
}

/** The meetings, soonest first, or the empty state. */
function MeetingsTable({ data }: { data: MyMeetings }) {
  const { t, lang } = useI18n();
  return data.meetings.length === 0 ? (
    <div className="empty-state">
      <p>{t('meetings.mineEmpty')}</p>
    </div>
  ) : (
    <>
      <div className="table-wrapper">
        <table className="table">
          <caption className="visually-hidden">{t('meetings.captionMine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.when')}</th>
              <th scope="col">{t('meetings.field.title')}</th>
              <th scope="col">{t('meetings.family')}</th>
              <th scope="col">{t('meetings.where')}</th>
              <th scope="col">{t('meetings.as')}</th>
              <th scope="col">{t('meetings.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.meetings.map((m) => (
              <tr key={m.id}>
                <td className="nowrap">{formatTimeRange(m.startsAt, m.endsAt, lang)}</td>
                <td>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                </td>
                <td>
                  <Link to={`/families/${m.familyId}`}>{familyLabel(t, m.familyNames)}</Link>
                </td>
                <td>{[m.place, m.onlineUrl ? t('meetings.field.onlineUrlShort') : null].filter(Boolean).join(' · ') || '–'}</td>
                <td>{m.as === 'coordinator' ? t('meetings.asCoordinator') : t('meetings.asParticipant')}</td>
                <td>
                  <MeetingStatusBadge status={m.status} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.truncated && <p className="muted">{t('meetings.truncated')}</p>}
    </>
  );
}
