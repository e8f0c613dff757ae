import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { todayInDenmark } from '../../../shared/dates';
import { RateGoalsBody, RESPONDENTS, type Respondent } from '../../../shared/measurements';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import { familyKeys } from '../families/families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { planKeys, type Plan } from '../plans/plans.api';
import { respondentLabel } from './labels';
import { measurementKeys, rateGoals } from './measurements.api';

const VALUES = Array.from({ length: 11 }, (_, i) => String(i));

/** The plan with the new ratings as each goal's latest, where they are not older than the one shown. */
function withRatings(plan: Plan, body: RateGoalsBody): Plan {
  const byGoal = new Map(body.ratings.map((r) => [r.goalId, r.value]));
  return {
    ...plan,
    goals: plan.goals.map((g) => {
      const value = byGoal.get(g.id);
      if (value === undefined || (g.latestRating && g.latestRating.date > body.date)) return g;
      return { ...g, latestRating: { date: body.date, value, respondent: body.respondent } };
    }),
  };
}

/** Vurder mål: every active goal of the plan rated 0–10 in one form, on one date, by one respondent. */
export function RateGoalsSection({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const [message, setMessage] = useSectionMessage('ratings');
  const [open, setOpen] = useState(false);
  const goals = plan.goals.filter((g) => g.status === 'active');
  return (
    <FamilySection id="ratings" title={t('plan.ratings.title')}>
      <SectionMessage message={message} />
      <p>{t('plan.ratings.intro')}</p>
      {goals.length === 0 ? (
        <p className="muted">{t('plan.ratings.noGoals')}</p>
      ) : (
        <FormToggle label={t('plan.ratings.open')} open={open} onOpen={() => (setOpen(true), setMessage(null))}>
          <RateGoalsForm
            plan={plan}
            goals={goals}
            onDone={(count) => {
              setOpen(false);
              setMessage(t('plan.ratings.saved', { count }));
            }}
            onCancel={() => setOpen(false)}
          />
        </FormToggle>
      )}
    </FamilySection>
  );
}

function RateGoalsForm({ plan, goals, onDone, onCancel }: { plan: Plan; goals: Plan['goals']; onDone: (count: number) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors('rate-goals');
  const [date, setDate] = useState(todayInDenmark());
  const [respondent, setRespondent] = useState<Respondent | ''>('family');
  const [values, setValues] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: RateGoalsBody) => rateGoals(plan.familyId, body),
    onSuccess: (_res, body) => {
      // The plan view is kept as loaded (its draftVersion is what the user saw); only the latest ratings change.
      queryClient.setQueryData<Plan>(planKeys.plan(plan.familyId), (current) => current && withRatings(current, body));
      void queryClient.invalidateQueries({ queryKey: familyKeys.overview(plan.familyId) });
      void queryClient.invalidateQueries({ queryKey: measurementKeys.family(plan.familyId) });
      onDone(body.ratings.length);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = RateGoalsBody.safeParse({
      date,
      respondent: respondent || undefined,
      ratings: goals.map((g) => ({ goalId: g.id, value: values[g.id] ? Number(values[g.id]) : undefined })),
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  const fields: Array<[string, string]> = [
    ['date', t('plan.ratings.date')],
    ['respondent', t('plan.ratings.respondent')],
    ...goals.map((g, i): [string, string] => [`ratings.${i}.value`, t('plan.ratings.goal', { title: g.title })]),
  ];
  return (
    <>
      <h3>{t('plan.ratings.title')}</h3>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <TextField form={form} path="date" label={t('plan.ratings.date')} type="date" value={date} onChange={setDate} narrow />
        </div>
        <RadioGroup
          form={form}
          path="respondent"
          legend={t('plan.ratings.respondent')}
          options={RESPONDENTS.map((r) => ({ value: r, label: respondentLabel(t, r) }))}
          value={respondent}
          onChange={setRespondent}
          inline
        />
        <fieldset className="form-fieldset">
          <legend>{t('plan.ratings.goalsLegend')}</legend>
          {goals.map((g, i) => (
            <SelectField
              key={g.id}
              form={form}
              path={`ratings.${i}.value`}
              label={t('plan.ratings.goal', { title: g.title })}
              hint={g.latestRating ? t('plan.ratings.latest', { value: g.latestRating.value, date: formatDate(g.latestRating.date, lang) }) : t('plan.ratings.never')}
              value={values[g.id] ?? ''}
              onChange={(v) => setValues((prev) => ({ ...prev, [g.id]: v }))}
              options={[{ value: '', label: t('plan.ratings.choose') }, ...VALUES.map((v) => ({ value: v, label: v }))]}
            />
          ))}
        </fieldset>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('plan.ratings.save')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
