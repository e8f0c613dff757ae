import { SelectField, TextField } from '../../components/FormField';
import type { MemberRole, PersonInput } from '../../../shared/families';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import type { FormErrorsState } from '../forms/useFormErrors';
import { CprField } from './CprField';
import { memberRoleOptions } from './labels';
import { languageOptions } from './languages';

/** A person as the form holds it: every field a string or flag, blanks meaning "not given". */
export interface PersonValues {
  cpr: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: '' | 'female' | 'male' | 'unknown';
  preferredLanguage: string;
  interpreterNeeded: boolean;
  phone: string;
  email: string;
  address: string;
  protectedAddress: boolean;
}

export const EMPTY_PERSON: PersonValues = {
  cpr: '',
  givenName: '',
  familyName: '',
  birthDate: '',
  sex: '',
  preferredLanguage: '',
  interpreterNeeded: false,
  phone: '',
  email: '',
  address: '',
  protectedAddress: false,
};

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The body of a person for the shared PersonInput schema. */
export function toPersonInput(v: PersonValues): Record<keyof PersonInput, unknown> {
  const hasCpr = v.cpr.trim() !== '';
  return {
    cpr: blank(v.cpr),
    givenName: v.givenName,
    familyName: v.familyName,
    birthDate: hasCpr ? undefined : blank(v.birthDate),
    sex: hasCpr || v.sex === '' ? undefined : v.sex,
    preferredLanguage: blank(v.preferredLanguage),
    interpreterNeeded: v.interpreterNeeded || undefined,
    phone: blank(v.phone),
    email: blank(v.email),
    address: blank(v.address),
    protectedAddress: v.protectedAddress || undefined,
  };
}

interface PersonFieldsProps {
  form: FormErrorsState;
  /** Body path of the person, e.g. `members.0.person` or `person`. */
  prefix: string;
  values: PersonValues;
  onChange: (values: PersonValues) => void;
  role?: { path: string; value: MemberRole; onChange: (role: MemberRole) => void };
}

/** The labels of a person's fields by body path, in the order they appear, for the error summary. */
export function personFieldLabels(t: Translate, prefix: string, extra = ''): Array<readonly [string, string]> {
  const label = (key: MessageKey) => (extra ? `${t(key)} (${extra})` : t(key));
  return [
    [`${prefix}.cpr`, label('cpr.label')],
    [`${prefix}.givenName`, label('person.givenName')],
    [`${prefix}.familyName`, label('person.familyName')],
    [`${prefix}.birthDate`, label('person.birthDate')],
    [`${prefix}.sex`, label('person.sex')],
    [`${prefix}.phone`, label('person.phone')],
    [`${prefix}.email`, label('person.email')],
    [`${prefix}.address`, label('person.address')],
    [`${prefix}.preferredLanguage`, label('person.language')],
  ];
}

/** CPR (or birth date and sex), names, role, contact, language and interpreter, address and its protection. */
export function PersonFields({ form, prefix, values, onChange, role }: PersonFieldsProps) {
  const { t, lang } = useI18n();
  const set = <K extends keyof PersonValues>(key: K) => (value: PersonValues[K]) => onChange({ ...values, [key]: value });
  const p = (field: string) => `${prefix}.${field}`;
  const hasCpr = values.cpr.trim() !== '';
  return (
    <>
      <div className="form-grid">
        <TextField form={form} path={p('givenName')} label={t('person.givenName')} value={values.givenName} onChange={set('givenName')} autoComplete="off" />
        <TextField form={form} path={p('familyName')} label={t('person.familyName')} value={values.familyName} onChange={set('familyName')} autoComplete="off" />
        {role && <SelectField form={form} path={role.path} label={t('person.role')} value={role.value} onChange={(v) => role.onChange(v as MemberRole)} options={memberRoleOptions(t)} />}
      </div>
      <CprField form={form} path={p('cpr')} value={values.cpr} onChange={set('cpr')} hint={t('cpr.hintOptional')} />
      {!hasCpr && (
        <div className="form-grid">
          <TextField form={form} path={p('birthDate')} label={t('person.birthDate')} hint={t('person.birthDateHint')} type="date" value={values.birthDate} onChange={set('birthDate')} />
          <SelectField
            form={form}
            path={p('sex')}
            label={t('person.sex')}
            value={values.sex}
            onChange={(v) => set('sex')(v as PersonValues['sex'])}
            options={[
              { value: '', label: t('person.sexChoose') },
              { value: 'female', label: t('sex.female') },
              { value: 'male', label: t('sex.male') },
              { value: 'unknown', label: t('sex.unknown') },
            ]}
          />
        </div>
      )}
      <div className="form-grid">
        <TextField form={form} path={p('phone')} label={t('person.phone')} type="tel" value={values.phone} onChange={set('phone')} autoComplete="off" />
        <TextField form={form} path={p('email')} label={t('person.email')} type="email" value={values.email} onChange={set('email')} autoComplete="off" spellCheck={false} />
      </div>
      <TextField form={form} path={p('address')} label={t('person.address')} value={values.address} onChange={set('address')} autoComplete="off" />
      <div className="checkbox form-group">
        <input type="checkbox" id={form.idFor(p('protectedAddress'))} checked={values.protectedAddress} onChange={(e) => set('protectedAddress')(e.target.checked)} />
        <label htmlFor={form.idFor(p('protectedAddress'))}>{t('person.protectedAddress')}</label>
      </div>
      <div className="form-grid">
        <SelectField
          form={form}
          path={p('preferredLanguage')}
          label={t('person.language')}
          value={values.preferredLanguage}
          onChange={set('preferredLanguage')}
          options={[{ value: '', label: t('person.languageNone') }, ...languageOptions(lang, values.preferredLanguage)]}
        />
      </div>
      <div className="checkbox form-group">
        <input type="checkbox" id={form.idFor(p('interpreterNeeded'))} checked={values.interpreterNeeded} onChange={(e) => set('interpreterNeeded')(e.target.checked)} />
        <label htmlFor={form.idFor(p('interpreterNeeded'))}>{t('person.interpreterNeeded')}</label>
      </div>
    </>
  );
}
