import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { MinutesBody } from '../../../shared/meetings';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { meetingKeys, recordMinutes, type Meeting } from './meetings.api';

/** Referat og fremmøde: the minutes and who came; saving marks the meeting held. */
export function MinutesForm({ meeting, onDone, onCancel }: { meeting: Meeting; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors('minutes');
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [attended, setAttended] = useState<string[]>(meeting.participants.filter((p) => p.attended !== false).map((p) => p.id));
  const save = useMutation({
    mutationFn: (body: z.infer<typeof MinutesBody>) => recordMinutes(meeting.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), updated);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
      onDone();
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = MinutesBody.safeParse({ minutes, attended });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <h3>{meeting.minutes ? t('meeting.minutesEdit') : t('meeting.minutesRecord')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['minutes', t('meeting.minutesText')],
          ['attended', t('meeting.attendance')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField form={form} path="minutes" label={t('meeting.minutesText')} value={minutes} onChange={setMinutes} rows={8} />
        {meeting.participants.length > 0 && (
          <CheckboxGroup form={form} path="attended" legend={t('meeting.attendance')} options={meeting.participants.map((p) => ({ value: p.id, label: p.relation ? `${p.name} (${p.relation})` : p.name }))} value={attended} onChange={setAttended} />
        )}
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('meeting.minutesSave')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
