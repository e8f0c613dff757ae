import type { DepartmentDto } from '../../../shared/admin';
import type { PriceUnit } from '../../../shared/cost';
import { SelectField, TextField } from '../../components/FormField';
import { useT } from '../../i18n/useT';
import { formatNumber } from '../../lib/format';
import type { FormErrorsState } from '../forms/useFormErrors';
import type { InterventionType } from './interventions.api';
import { categoryLabel, KNOWN_CATEGORIES, priceUnitOptions } from './price';

/** A catalogue entry as the form holds it. */
export interface TypeValues {
  code: string;
  name: string;
  category: string;
  departmentId: string;
  legalBasis: string;
  amount: string;
  per: PriceUnit;
  validFrom: string;
  validTo: string;
  active: boolean;
}

export function valuesOfType(x: InterventionType): TypeValues {
  return {
    code: x.code,
    name: x.name,
    category: x.category,
    departmentId: x.departmentId,
    legalBasis: x.legalBasis ?? '',
    amount: formatNumber(x.price.amount),
    per: x.price.per,
    validFrom: x.validFrom,
    validTo: x.validTo ?? '',
    active: x.active,
  };
}

export function typeFieldLabels(t: ReturnType<typeof useT>, withCode: boolean): Array<readonly [string, string]> {
  return [
    ...(withCode ? [['code', t('types.code')] as const] : []),
    ['name', t('field.name')],
    ['category', t('types.category')],
    ['departmentId', t('field.department')],
    ['legalBasis', t('types.legalBasis')],
    ['price.amount', t('interventions.priceAmount')],
    ['price.per', t('interventions.pricePer')],
    ['validFrom', t('types.validFrom')],
    ['validTo', t('types.validTo')],
  ];
}

interface Props {
  form: FormErrorsState;
  values: TypeValues;
  onChange: (values: TypeValues) => void;
  departments: readonly DepartmentDto[];
  /** The code is chosen once, when the type is created. */
  withCode: boolean;
}

/** Code, name, category, department, legal basis, price and validity of a catalogue entry. */
export function InterventionTypeFields({ form, values, onChange, departments, withCode }: Props) {
  const t = useT();
  const set = <K extends keyof TypeValues>(key: K) => (value: TypeValues[K]) => onChange({ ...values, [key]: value });
  const listId = `${form.formId}-categories`;
  const usable = departments.filter((d) => d.active || d.id === values.departmentId);
  return (
    <div className="form-narrow">
      {withCode && <TextField form={form} path="code" label={t('types.code')} hint={t('types.codeHint')} value={values.code} onChange={set('code')} autoComplete="off" spellCheck={false} narrow />}
      <TextField form={form} path="name" label={t('field.name')} value={values.name} onChange={set('name')} autoComplete="off" />
      <TextField form={form} path="category" label={t('types.category')} hint={t('types.categoryHint')} value={values.category} onChange={set('category')} list={listId} autoComplete="off" spellCheck={false} />
      <datalist id={listId}>
        {KNOWN_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {categoryLabel(t, c)}
          </option>
        ))}
      </datalist>
      <SelectField
        form={form}
        path="departmentId"
        label={t('field.department')}
        value={values.departmentId}
        onChange={set('departmentId')}
        options={[{ value: '', label: t('types.chooseDepartment') }, ...usable.map((d) => ({ value: d.id, label: d.name }))]}
      />
      <TextField form={form} path="legalBasis" label={t('types.legalBasis')} hint={t('types.legalBasisHint')} value={values.legalBasis} onChange={set('legalBasis')} autoComplete="off" />
      <fieldset className="form-fieldset">
        <legend>{t('interventions.price')}</legend>
        <span className="form-hint">{t('types.amountHint')}</span>
        <div className="form-grid">
          <TextField form={form} path="price.amount" label={t('interventions.priceAmount')} value={values.amount} onChange={set('amount')} inputMode="decimal" autoComplete="off" />
          <SelectField form={form} path="price.per" label={t('interventions.pricePer')} value={values.per} onChange={(v) => set('per')(v as PriceUnit)} options={priceUnitOptions(t)} />
        </div>
      </fieldset>
      <div className="form-grid">
        <TextField form={form} path="validFrom" label={t('types.validFrom')} type="date" value={values.validFrom} onChange={set('validFrom')} />
        <TextField form={form} path="validTo" label={t('types.validToOptional')} type="date" value={values.validTo} onChange={set('validTo')} />
      </div>
      <div className="checkbox form-group">
        <input type="checkbox" id={form.idFor('active')} checked={values.active} onChange={(e) => set('active')(e.target.checked)} />
        <label htmlFor={form.idFor('active')}>{t('types.activeLabel')}</label>
      </div>
    </div>
  );
}
