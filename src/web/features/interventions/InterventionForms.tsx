/**
 * The two intervention forms of the family overview: registering one (RegisterInterventionForm, inline) and
 * correcting one (EditInterventionForm, in a dialog). They share the fields after the type (InterventionFields)
 * and the checks of amount and hours; the edit form sends only what changed (changeOf) from the version seen.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PriceUnit } from '../../../shared/cost';
import { fieldMessage } from '../../../shared/field-messages';
import { CreateInterventionBody, UpdateInterventionBody } from '../../../shared/interventions';
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
import { useFormErrors, type FormErrorsState } from '../forms/useFormErrors';
import { ConflictNotice, isConflict, useConflictReload } from '../families/WriteProblems';
import { departmentsOfStaff, useStaff } from '../staff/staff.api';
import { changeIntervention, fetchInterventionTypes, interventionKeys, registerIntervention, type Intervention, type InterventionType } from './interventions.api';
import { categoryLabel, previewMonthlyCost, priceUnitOptions } from './price';

export interface Values {
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

  const { amount, hours, monthly } = numbersOf(values);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof registerIntervention>[1]) => registerIntervention(family.id, body),
    onSuccess: (created) => onDone(created.typeName),
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const extra = numberProblems(values, amount, hours, lang, t);
    if (!values.typeId) extra.typeId = t('interventions.chooseTypeError');
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
      <ErrorSummary form={form} fields={[['typeId', t('interventions.type')], ...fieldLabels(t)]} />
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
          <InterventionFields
            form={form}
            family={family}
            values={values}
            set={set}
            departments={[{ value: '', label: t('interventions.departmentOfType') }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
            monthly={monthly}
          />
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

type T = ReturnType<typeof useI18n>['t'];

/** The labels of the fields both forms have, for the error summary. */
function fieldLabels(t: T): [string, string][] {
  return [
    ['personId', t('interventions.for')],
    ['departmentId', t('field.department')],
    ['provider', t('interventions.provider')],
    ['from', t('common.from')],
    ['to', t('common.to')],
    ['price.amount', t('interventions.priceAmount')],
    ['price.per', t('interventions.pricePer')],
    ['hoursPerWeek', t('interventions.hoursPerWeek')],
    ['note', t('interventions.note')],
  ];
}

/** What both forms ask for after the type: person, department, provider, period, price with hours, the cost preview, a note. */
function InterventionFields({
  form,
  family,
  values,
  set,
  departments,
  monthly,
}: {
  form: FormErrorsState;
  family: FamilyData;
  values: Values;
  set: <K extends keyof Values>(key: K) => (value: Values[K]) => void;
  departments: { value: string; label: string }[];
  monthly: number | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="form-grid">
        <SelectField
          form={form}
          path="personId"
          label={t('interventions.for')}
          value={values.personId}
          onChange={set('personId')}
          options={[{ value: WHOLE_FAMILY, label: t('interventions.wholeFamily') }, ...family.members.map((m) => ({ value: m.personId, label: fullName(m) }))]}
        />
        <SelectField form={form} path="departmentId" label={t('field.department')} value={values.departmentId} onChange={set('departmentId')} options={departments} />
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
        {values.per === 'once' ? t('interventions.previewOnce') : monthly === null ? t('interventions.previewMissing') : t('interventions.preview', { amount: formatDkk(monthly) })}
      </p>
      <TextAreaField form={form} path="note" label={t('interventions.noteOptional')} value={values.note} onChange={set('note')} rows={2} />
    </>
  );
}

/** The amount and hours as typed (null when not a number), and the monthly cost they give. */
function numbersOf(values: Values) {
  const amount = parseAmount(values.amount);
  const hours = values.hoursPerWeek.trim() ? parseAmount(values.hoursPerWeek) : null;
  return { amount, hours, monthly: amount !== null ? previewMonthlyCost({ amount, per: values.per }, hours) : null };
}

/** What is wrong with the amount and hours as typed, by field; checked the same way in both forms. */
function numberProblems(values: Values, amount: number | null, hours: number | null, lang: 'da' | 'en', t: T): Record<string, string> {
  const extra: Record<string, string> = {};
  if (values.amount.trim() === '' || amount === null) extra['price.amount'] = t('interventions.amountInvalid');
  if (values.hoursPerWeek.trim() && hours === null) extra.hoursPerWeek = t('interventions.hoursInvalid');
  if (values.per === 'hour' && !values.hoursPerWeek.trim()) extra.hoursPerWeek = fieldMessage('hours_required', lang) ?? '';
  return extra;
}

/** The form's values for an intervention as it is now. */
export function valuesOf(i: Intervention): Values {
  return {
    typeId: i.typeId,
    personId: i.personId ?? WHOLE_FAMILY,
    departmentId: i.departmentId,
    provider: i.provider ?? '',
    from: i.from,
    to: i.to ?? '',
    amount: formatNumber(i.price.amount),
    per: i.price.per,
    hoursPerWeek: i.hoursPerWeek === null ? '' : formatNumber(i.hoursPerWeek),
    note: i.note ?? '',
  };
}

/**
 * The change the edit form sends: only what differs from the intervention as it was loaded, with its version.
 * Null when nothing differs. Hours are cleared when the price is no longer per hour.
 */
export function changeOf(i: Intervention, values: Values, amount: number | null, hours: number | null): Record<string, unknown> | null {
  const change: Record<string, unknown> = {};
  const personId = values.personId === WHOLE_FAMILY ? null : values.personId;
  if (personId !== i.personId) change.personId = personId;
  if (values.departmentId !== i.departmentId) change.departmentId = values.departmentId;
  const provider = values.provider.trim() || null;
  if (provider !== i.provider) change.provider = provider;
  if (values.from !== i.from) change.from = values.from;
  const to = values.to || null;
  if (to !== i.to) change.to = to;
  if (amount !== null && (amount !== i.price.amount || values.per !== i.price.per)) change.price = { amount, per: values.per };
  const hoursPerWeek = values.per === 'hour' ? hours : null;
  if (hoursPerWeek !== i.hoursPerWeek) change.hoursPerWeek = hoursPerWeek;
  const note = values.note.trim() || null;
  if (note !== i.note) change.note = note;
  return Object.keys(change).length === 0 ? null : { ...change, version: i.version };
}

/** Three-way: each field as the user left it when they changed it, otherwise as it is now (`theirs`). */
export function mergeValues(base: Values, mine: Values, theirs: Values): Values {
  const out = { ...theirs };
  for (const key of Object.keys(base) as (keyof Values)[]) if (mine[key] !== base[key]) (out as Record<keyof Values, string>)[key] = mine[key];
  return out;
}

interface EditProps {
  family: FamilyData;
  intervention: Intervention;
  /** Called with the intervention as saved; not called when nothing was changed. */
  onDone: (saved: Intervention) => void;
  onCancel: () => void;
  onReload: () => Promise<void>;
}

/**
 * Corrects a registered intervention: person, department, provider, period, price, hours and note, from the version
 * the user saw. The type stays: another type is another intervention (end this one, register the other).
 */
export function EditInterventionForm({ family, intervention, onDone, onCancel, onReload }: EditProps) {
  const { t, lang } = useI18n();
  const form = useFormErrors('edit-intervention');
  const staff = useStaff();
  const [values, setValues] = useState<Values>(() => valuesOf(intervention));
  // The version the edits started from. When a reload after a conflict brings a newer one, the fields the user has
  // not touched take its values and the ones they changed keep theirs; the next save is made from the newer version.
  const [base, setBase] = useState<Intervention>(intervention);
  if (intervention.version !== base.version) {
    setBase(intervention);
    setValues(mergeValues(valuesOf(base), values, valuesOf(intervention)));
  }
  const [unchanged, setUnchanged] = useState(false);
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => {
    setUnchanged(false);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const departments = departmentsOfStaff(staff.data ?? [], [{ id: intervention.departmentId, name: intervention.departmentName }]);
  const { amount, hours, monthly } = numbersOf(values);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof changeIntervention>[2]) => changeIntervention(family.id, intervention.id, body),
    onSuccess: (saved) => onDone(saved),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const extra = numberProblems(values, amount, hours, lang, t);
    const change = changeOf(intervention, values, amount, hours);
    if (Object.keys(extra).length === 0 && change === null) {
      form.clear();
      setUnchanged(true);
      return;
    }
    const parsed = UpdateInterventionBody.safeParse(change ?? { version: intervention.version });
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    if (Object.keys(extra).length > 0) return form.fail(extra);
    form.clear();
    save.mutate(parsed.data);
  };

  if (staff.isPending) return <Spinner />;

  return (
    <>
      <p>
        {t('interventions.editTypeIs', { name: intervention.typeName, category: categoryLabel(t, intervention.category) })}
        {intervention.legalBasis && ` ${t('interventions.legalBasisIs', { basis: intervention.legalBasis })}`}
      </p>
      <p className="form-hint">{t('interventions.editTypeHint')}</p>
      <ErrorSummary form={form} fields={fieldLabels(t)} />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      <form onSubmit={onSubmit} noValidate>
        <InterventionFields form={form} family={family} values={values} set={set} departments={departments.map((d) => ({ value: d.id, label: d.name }))} monthly={monthly} />
        {unchanged && (
          <p className="form-hint" role="status">
            {t('interventions.editUnchanged')}
          </p>
        )}
        <div className="dialog-actions">
          <SubmitButton pending={save.isPending}>{t('interventions.editSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
