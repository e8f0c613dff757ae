import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { GOAL_STATUSES, GoalBody, GoalPatchBody, HORIZONS, type GasLevels, type Horizon, type GoalStatus } from '../../../shared/plans';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import { useFormErrors } from '../forms/useFormErrors';
import { domainLabel, goalStatusLabel, horizonLabel } from './labels';
import { isPlanConflict, PlanConflictNotice } from './PlanConflictNotice';
import { addGoal, changeGoal, type LifeDomain, type Plan, type PlanGoal } from './plans.api';
import { usePlanWrite } from './usePlan';

const WHOLE_FAMILY = 'family';
const GAS_KEYS = ['-2', '-1', '0', '1', '2'] as const;
const GAS_LABELS: Record<(typeof GAS_KEYS)[number], string> = { '-2': '−2', '-1': '−1', '0': '0', '1': '+1', '2': '+2' };
const EMPTY_GAS: GasLevels = { '-2': '', '-1': '', '0': '', '1': '', '2': '' };

interface Values {
  personId: string;
  domain: string;
  horizon: Horizon;
  title: string;
  successCriterion: string;
  targetDate: string;
  status: GoalStatus;
  legalRequirement: string;
  useGas: boolean;
  gas: GasLevels;
}

interface Props {
  plan: Plan;
  family: FamilyData;
  domains: readonly LifeDomain[];
  /** The goal to change; absent for a new goal. */
  goal?: PlanGoal;
  onDone: (title: string) => void;
  onCancel: () => void;
}

/** A goal in the family's own words: for whom, life domain, horizon, success criterion, date, status, GAS levels and legal requirement. */
export function GoalForm({ plan, family, domains, goal, onDone, onCancel }: Props) {
  const { t, lang } = useI18n();
  const form = useFormErrors(goal ? `goal-${goal.id}` : 'goal-new');
  const [values, setValues] = useState<Values>({
    personId: goal?.personId ?? WHOLE_FAMILY,
    domain: goal?.domain ?? '',
    horizon: goal?.horizon ?? 'short',
    title: goal?.title ?? '',
    successCriterion: goal?.successCriterion ?? '',
    targetDate: goal?.targetDate ?? '',
    status: goal?.status ?? 'active',
    legalRequirement: goal?.legalRequirement ?? '',
    useGas: Boolean(goal?.gas),
    gas: goal?.gas ?? EMPTY_GAS,
  });
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const onError = (error: unknown) => (isPlanConflict(error) ? undefined : form.failFromApi(error));
  const create = usePlanWrite(plan.familyId, (body: z.infer<typeof GoalBody>) => addGoal(plan.familyId, body), { onSuccess: (_p, b) => onDone(b.title), onError });
  const update = usePlanWrite(plan.familyId, (body: z.infer<typeof GoalPatchBody>) => changeGoal(plan.familyId, goal?.id ?? '', body), {
    onSuccess: (_p, b) => onDone(b.title ?? goal?.title ?? ''),
    onError,
  });
  const pending = create.isPending || update.isPending;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      personId: values.personId === WHOLE_FAMILY ? null : values.personId,
      domain: values.domain,
      horizon: values.horizon,
      title: values.title,
      successCriterion: values.successCriterion,
      status: values.status,
      draftVersion: plan.draftVersion,
    };
    if (goal) {
      const parsed = GoalPatchBody.safeParse({
        ...common,
        targetDate: values.targetDate || null,
        legalRequirement: values.legalRequirement.trim() || null,
        gas: values.useGas ? values.gas : null,
      });
      if (!parsed.success) return form.failFromZod(parsed.error);
      form.clear();
      update.mutate(parsed.data);
    } else {
      const parsed = GoalBody.safeParse({
        ...common,
        targetDate: values.targetDate || undefined,
        legalRequirement: values.legalRequirement.trim() || undefined,
        gas: values.useGas ? values.gas : undefined,
      });
      if (!parsed.success) return form.failFromZod(parsed.error);
      form.clear();
      create.mutate(parsed.data);
    }
  };

  const listId = `${form.formId}-legal-suggestions`;
  const usable = domains.filter((d) => d.active || d.code === values.domain);
  return (
    <>
      <h3>{goal ? t('plan.goals.editHeading') : t('plan.goals.addHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['personId', t('plan.goals.for')],
          ['domain', t('plan.goals.domain')],
          ['horizon', t('plan.goals.horizon')],
          ['title', t('plan.goals.titleLabel')],
          ['successCriterion', t('plan.goals.success')],
          ['targetDate', t('plan.goals.targetDate')],
          ['status', t('plan.goals.status')],
          ['legalRequirement', t('plan.goals.legalShort')],
          ...GAS_KEYS.map((k) => [`gas.${k}`, t('plan.goals.gasLevel', { level: GAS_LABELS[k] })] as const),
        ]}
      />
      <PlanConflictNotice error={create.error ?? update.error} familyId={plan.familyId} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="title" label={t('plan.goals.titleLabel')} hint={t('plan.goals.titleHint')} value={values.title} onChange={set('title')} autoComplete="off" />
        <div className="form-grid">
          <SelectField
            form={form}
            path="personId"
            label={t('plan.goals.for')}
            value={values.personId}
            onChange={set('personId')}
            options={[{ value: WHOLE_FAMILY, label: t('plan.goals.wholeFamily') }, ...family.members.map((m) => ({ value: m.personId, label: fullName(m) }))]}
          />
          <SelectField
            form={form}
            path="domain"
            label={t('plan.goals.domain')}
            value={values.domain}
            onChange={set('domain')}
            options={[{ value: '', label: t('plan.goals.chooseDomain') }, ...usable.map((d) => ({ value: d.code, label: domainLabel(domains, d.code, lang) }))]}
          />
        </div>
        <RadioGroup form={form} path="horizon" legend={t('plan.goals.horizon')} value={values.horizon} onChange={set('horizon')} options={HORIZONS.map((h) => ({ value: h, label: horizonLabel(t, h) }))} inline />
        <TextAreaField form={form} path="successCriterion" label={t('plan.goals.success')} hint={t('plan.goals.successHint')} value={values.successCriterion} onChange={set('successCriterion')} rows={2} />
        <div className="form-grid">
          <TextField form={form} path="targetDate" label={t('plan.goals.targetDateOptional')} type="date" value={values.targetDate} onChange={set('targetDate')} />
          <SelectField form={form} path="status" label={t('plan.goals.status')} value={values.status} onChange={(v) => set('status')(v as GoalStatus)} options={GOAL_STATUSES.map((s) => ({ value: s, label: goalStatusLabel(t, s) }))} />
        </div>
        <TextField
          form={form}
          path="legalRequirement"
          label={t('plan.goals.legal')}
          hint={t('plan.goals.legalHint', { examples: plan.legalRequirementSuggestions.join(', ') })}
          value={values.legalRequirement}
          onChange={set('legalRequirement')}
          list={listId}
          autoComplete="off"
        />
        <datalist id={listId}>
          {plan.legalRequirementSuggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <div className="form-group">
          <div className="checkbox">
            <input type="checkbox" id={`${form.formId}-use-gas`} checked={values.useGas} onChange={(e) => set('useGas')(e.target.checked)} aria-describedby={`${form.formId}-use-gas-hint`} />
            <label htmlFor={`${form.formId}-use-gas`}>{t('plan.goals.gasUse')}</label>
          </div>
          <span className="form-hint" id={`${form.formId}-use-gas-hint`}>
            {t('plan.goals.gasHint')}
          </span>
        </div>
        {values.useGas && (
          <fieldset className="form-fieldset">
            <legend>{t('plan.goals.gas')}</legend>
            {GAS_KEYS.map((k) => (
              <TextField
                key={k}
                form={form}
                path={`gas.${k}`}
                label={t('plan.goals.gasLevel', { level: GAS_LABELS[k] })}
                value={values.gas[k]}
                onChange={(text) => setValues((v) => ({ ...v, gas: { ...v.gas, [k]: text } }))}
                autoComplete="off"
              />
            ))}
          </fieldset>
        )}
        <div className="form-actions">
          <SubmitButton pending={pending}>{t('plan.goals.save')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

export { GAS_KEYS, GAS_LABELS };
