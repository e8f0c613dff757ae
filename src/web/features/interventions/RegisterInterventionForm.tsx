import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PriceUnit } from '../../../shared/cost';
import { fieldMessage } from '../../../shared/field-messages';
import { CreateInterventionBody } from '../../../shared/interventions';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDkk, formatNumber, parseAmount, todayIso } from '../../lib/format';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import { useFormErrors } from '../forms/useFormErrors';
import { departmentsOfStaff, useStaff } from '../staff/staff.api';
import { fetchInterventionTypes, interventionKeys, registerIntervention, type InterventionType } from './interventions.api';
import { categoryLabel, previewMonthlyCost, priceUnitOptions } from './price';

interface Values {
  typeId: string;
  personId: string;
  departmentId: string;
  provider: string;
  from: string;
  to: string;
  amount: string;
  per: PriceUnit;
  hoursPerWeek: string;
  note: string;
}

const WHOLE_FAMILY = 'family';

/** Types that can be chosen on a date: active and valid then. */
export function usableTypes(types: readonly InterventionType[], on: string): InterventionType[] {
  return types.filter((x) => x.active && x.validFrom <= on && (x.validTo === null || on <= x.validTo));
}

interface Props {
  family: FamilyData;
  onDone: (typeName: string) => void;
  onCancel: () => void;
}

/** Registers what a department delivers: type from the catalogue (price prefilled, overridable), person or whole family, period, provider. */
export function RegisterInterventionForm({ family, onDone, onCancel }: Props) {
  const { t, lang } = useI18n();
  const form = useFormErrors('register-intervention');
  const types = useQuery({ queryKey: interventionKeys.types, queryFn: fetchInterventionTypes, staleTime: 60_000 });
  const staff = useStaff();
  const [values, setValues] = useState<Values>({ typeId: '', personId: WHOLE_FAMILY, departmentId: '', provider: '', from: todayIso(), to: '', amount: '', per: 'month', hoursPerWeek: '', note: '' });
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  // The chosen type stays in the list even when a changed start date falls outside its validity; the server then says why.
  const usable = usableTypes(types.data ?? [], values.from || todayIso());
  const chosen = types.data?.find((x) => x.id === values.typeId && !usable.includes(x));
  const available = [...usable, ...(chosen ? [chosen] : [])].sort((a, b) => a.name.localeCompare(b.name, lang));
  const type = types.data?.find((x) => x.id === values.typeId);
  const departments = departmentsOfStaff(staff.data ?? [], (types.data ?? []).map((x) => ({ id: x.departmentId, name: x.departmentName })));

  const chooseType = (typeId: string) => {
    const next = types.data?.find((x) => x.id === typeId);
    setValues((v) => ({
      ...v,
      typeId,
      departmentId: next?.departmentId ?? '',
      amount: next ? formatNumber(next.price.amount) : '',
      per: next?.price.per ?? v.per,
    }));
  };

  const amount = parseAmount(values.amount);
  const hours = values.hoursPerWeek.trim() ? parseAmount(values.hoursPerWeek) : null;
  const monthly = amount !== null ? previewMonthlyCost({ amount, per: values.per }, hours) : null;

  const save = useMutation({
    mutationFn: (body: Parameters<typeof registerIntervention>[1]) => registerIntervention(family.id, body),
    onSuccess: (created) => onDone(created.typeName),
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const extra: Record<string, string> = {};
    if (!values.typeId) extra.typeId = t('interventions.chooseTypeError');
    if (values.amount.trim() === '' || amount === null) extra['price.amount'] = t('interventions.amountInvalid');
    if (values.hoursPerWeek.trim() && hours === null) extra.hoursPerWeek = t('interventions.hoursInvalid');
    if (values.per === 'hour' && !values.hoursPerWeek.trim()) extra.hoursPerWeek = fieldMessage('hours_required', lang) ?? '';
    const priceChanged = type && amount !== null && (amount !== type.price.amount || values.per !== type.price.per);
    const parsed = CreateInterventionBody.safeParse({
      typeId: values.typeId || undefined,
      personId: values.personId === WHOLE_FAMILY ? null : values.personId,
      departmentId: values.departmentId && values.departmentId !== type?.departmentId ? values.departmentId : undefined,
      provider: values.provider.trim() || undefined,
      from: values.from,
      to: values.to || undefined,
      price: priceChanged ? { amount, per: values.per } : undefined,
      hoursPerWeek: values.per === 'hour' && hours !== null ? hours : undefined,
      note: values.note.trim() || undefined,
    });
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    if (Object.keys(extra).length > 0) return form.fail(extra);
    form.clear();
    save.mutate(parsed.data);
  };

  if (types.isPending || staff.isPending) return <Spinner />;
  if (types.isError) return <QueryError error={types.error} onRetry={() => void types.refetch()} />;

  return (
    <>
      <h3>{t('interventions.registerHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['typeId', t('interventions.type')],
          ['personId', t('interventions.for')],
          ['departmentId', t('field.department')],
          ['provider', t('interventions.provider')],
          ['from', t('common.from')],
          ['to', t('common.to')],
          ['price.amount', t('interventions.priceAmount')],
          ['price.per', t('interventions.pricePer')],
          ['hoursPerWeek', t('interventions.hoursPerWeek')],
          ['note', t('interventions.note')],
        ]}
      />
      {available.length === 0 ? (
        <div className="empty-state">
          <p>{t('interventions.noTypes')}</p>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <SelectField
            form={form}
            path="typeId"
            label={t('interventions.type')}
            hint={t('interventions.typeHint')}
            value={values.typeId}
            onChange={chooseType}
            options={[{ value: '', label: t('interventions.chooseType') }, ...available.map((x) => ({ value: x.id, label: `${x.name} – ${x.departmentName} (${categoryLabel(t, x.category)})` }))]}
          />
          {type?.legalBasis && <p className="form-hint">{t('interventions.legalBasisIs', { basis: type.legalBasis })}</p>}
          <div className="form-grid">
            <SelectField
              form={form}
              path="personId"
              label={t('interventions.for')}
              value={values.personId}
              onChange={set('personId')}
              options={[{ value: WHOLE_FAMILY, label: t('interventions.wholeFamily') }, ...family.members.map((m) => ({ value: m.personId, label: fullName(m) }))]}
            />
            <SelectField
              form={form}
              path="departmentId"
              label={t('field.department')}
              value={values.departmentId}
              onChange={set('departmentId')}
              options={[{ value: '', label: t('interventions.departmentOfType') }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
            />
          </div>
          <TextField form={form} path="provider" label={t('interventions.provider')} hint={t('interventions.providerHint')} value={values.provider} onChange={set('provider')} autoComplete="off" />
          <div className="form-grid">
            <TextField form={form} path="from" label={t('common.from')} type="date" value={values.from} onChange={set('from')} />
            <TextField form={form} path="to" label={t('common.toOptional')} type="date" value={values.to} onChange={set('to')} />
          </div>
          <fieldset className="form-fieldset">
            <legend>{t('interventions.price')}</legend>
            <span className="form-hint">{t('interventions.priceHint')}</span>
            <div className="form-grid">
              <TextField form={form} path="price.amount" label={t('interventions.priceAmount')} value={values.amount} onChange={set('amount')} inputMode="decimal" autoComplete="off" />
              <SelectField form={form} path="price.per" label={t('interventions.pricePer')} value={values.per} onChange={(v) => set('per')(v as PriceUnit)} options={priceUnitOptions(t)} />
              {values.per === 'hour' && (
                <TextField form={form} path="hoursPerWeek" label={t('interventions.hoursPerWeek')} value={values.hoursPerWeek} onChange={set('hoursPerWeek')} inputMode="decimal" autoComplete="off" />
              )}
            </div>
          </fieldset>
          <p className="cost-preview" aria-live="polite">
            {values.per === 'once'
              ? t('interventions.previewOnce')
              : monthly === null
                ? t('interventions.previewMissing')
                : t('interventions.preview', { amount: formatDkk(monthly) })}
          </p>
          <TextAreaField form={form} path="note" label={t('interventions.noteOptional')} value={values.note} onChange={set('note')} rows={2} />
          <div className="form-actions">
            <SubmitButton pending={save.isPending}>{t('interventions.registerSubmit')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
