import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { MeetingBody } from '../../../shared/meetings';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useT } from '../../i18n/useT';
import type { FamilyData } from '../families/families.api';
import { useFormErrors } from '../forms/useFormErrors';
import type { PlanGoal } from '../plans/plans.api';
import { MeetingForm } from './MeetingForm';
import { changeMeeting, meetingKeys, type Meeting } from './meetings.api';

const isCode = (error: unknown, code: string): error is ApiError => error instanceof ApiError && error.code === code;

interface Props {
  meeting: Meeting;
  family: FamilyData;
  goals: readonly PlanGoal[];
  /** The change is saved; `updated` is the meeting as the server now has it. */
  onSaved: (updated: Meeting) => void;
  /** The meeting was held or cancelled meanwhile: the server's message, for the page to show once the form is gone. */
  onClosed: (message: string) => void;
  onCancel: () => void;
}

/**
 * Reschedules or re-plans a planned meeting with the scheduling form, starting from the meeting as shown and
 * saved against the version seen. A stale version keeps the input and offers to load the meeting again.
 */
export function MeetingEdit({ meeting, family, goals, onSaved, onClosed, onCancel }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = useFormErrors('edit-meeting');
  const [reloading, setReloading] = useState(false);
  const save = useMutation({
    mutationFn: (body: z.infer<typeof MeetingBody>) =>
      changeMeeting(meeting.id, { ...body, place: body.place ?? null, onlineUrl: body.onlineUrl ?? null, version: meeting.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), updated);
      onSaved(updated);
    },
    onError: (error) => {
      if (isCode(error, 'meeting_conflict')) return form.clear();
      if (isCode(error, 'meeting_closed')) return onClosed(error.message);
      form.failFromApi(error);
    },
  });
  const reload = async () => {
    setReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: meetingKeys.meeting(meeting.id), exact: true });
      save.reset();
    } finally {
      setReloading(false);
    }
  };

  return (
    <>
      {isCode(save.error, 'meeting_conflict') && (
        <Alert variant="warning" heading={save.error.message} live="alert">
          <p>{t('meeting.conflict.kept')}</p>
          <p>
            <button type="button" className="button button-secondary button-small" onClick={() => void reload()} disabled={reloading}>
              {reloading && <span className="spinner" aria-hidden="true" />}
              {t('meeting.conflict.reload')}
            </button>
          </p>
        </Alert>
      )}
      <MeetingForm
        formId="edit-meeting"
        form={form}
        heading={t('meeting.editHeading')}
        submitLabel={t('meeting.editSubmit')}
        family={family}
        goals={goals}
        initial={meeting}
        pending={save.isPending}
        onSubmit={(body) => save.mutate(body)}
        onCancel={onCancel}
      />
    </>
  );
}
