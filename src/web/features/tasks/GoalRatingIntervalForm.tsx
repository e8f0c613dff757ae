import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { TaskSettingsBody } from '../../../shared/tasks';
import { Alert } from '../../components/Alert';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { fetchTaskSettings, saveTaskSettings, taskKeys } from './tasks.api';

function IntervalForm({ months: initial }: { months: number }) {
  const t = useT();
  const queryClient = useQueryClient();
  const form = useFormErrors('goal-rating-interval');
  const [months, setMonths] = useState(String(initial));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: saveTaskSettings,
    onSuccess: (next) => {
      queryClient.setQueryData(taskKeys.settings, next);
      setMonths(String(next.goalRatingIntervalMonths));
      setSaved(true);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const value = months.trim() === '' ? Number.NaN : Number(months.trim());
    const parsed = TaskSettingsBody.safeParse({ goalRatingIntervalMonths: value });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <ErrorSummary form={form} fields={[['goalRatingIntervalMonths', t('settings.ratingInterval')]]} />
      {saved && (
        <Alert variant="success" live="status">
          <p>{t('settings.ratingIntervalSaved')}</p>
        </Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          form={form}
          path="goalRatingIntervalMonths"
          label={t('settings.ratingInterval')}
          hint={t('settings.ratingIntervalHint')}
          value={months}
          onChange={setMonths}
          inputMode="numeric"
          narrow
          autoComplete="off"
        />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('settings.ratingIntervalSave')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

/** Administration → Indstillinger: how often the daily job asks for each active goal to be rated. */
export function GoalRatingIntervalSettings() {
  const t = useT();
  const settings = useQuery({ queryKey: taskKeys.settings, queryFn: fetchTaskSettings });
  return (
    <>
      <h2>{t('settings.ratingHeading')}</h2>
      <p>{t('settings.ratingIntro')}</p>
      {settings.isPending ? (
        <Spinner />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <IntervalForm months={settings.data.goalRatingIntervalMonths} />
      )}
    </>
  );
}
