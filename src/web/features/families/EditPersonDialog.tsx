import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { UpdatePersonBody } from '../../../shared/families';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useI18n } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { CprField } from './CprField';
import { updatePerson, type Member } from './families.api';
import { fullName } from './labels';
import { languageOptions } from './languages';
import { ConflictNotice, isConflict, useConflictReload } from './WriteProblems';

interface Values {
  givenName: string;
  familyName: string;
  /** Typed to add or correct the CPR number; empty keeps the one registered (never shown here). */
  cpr: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  phone: string;
  email: string;
  address: string;
  protectedAddress: boolean;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

function valuesOf(m: Member): Values {
  return {
    givenName: m.givenName,
    familyName: m.familyName,
    cpr: '',
    birthDate: m.birthDate,
    sex: m.sex,
    phone: m.phone ?? '',
    email: m.email ?? '',
    address: m.address ?? '',
    protectedAddress: m.protectedAddress,
    preferredLanguage: m.preferredLanguage ?? '',
    interpreterNeeded: m.interpreterNeeded,
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Only what changed is sent; a protected address the user cannot see is replaced only when typed anew. */
function changes(before: Member, v: Values): Record<string, unknown> {
  const b = valuesOf(before);
  const body: Record<string, unknown> = {};
  if (v.givenName !== b.givenName) body.givenName = v.givenName;
  if (v.familyName !== b.familyName) body.familyName = v.familyName;
  if (v.cpr.trim() !== '') body.cpr = v.cpr;
  // Without a CPR number the birth date and sex are registered by hand; with one they follow from it.
  if (before.cprMasked === null && v.cpr.trim() === '') {
    if (v.birthDate !== b.birthDate) body.birthDate = v.birthDate;
    if (v.sex !== b.sex) body.sex = v.sex;
  }
  if (v.phone !== b.phone) body.phone = orNull(v.phone);
  if (v.email !== b.email) body.email = orNull(v.email);
  if (before.protectedAddress ? v.address.trim() !== '' : v.address !== b.address) body.address = orNull(v.address);
  if (v.protectedAddress !== b.protectedAddress) body.protectedAddress = v.protectedAddress;
  if (v.preferredLanguage !== b.preferredLanguage) body.preferredLanguage = orNull(v.preferredLanguage);
  if (v.interpreterNeeded !== b.interpreterNeeded) body.interpreterNeeded = v.interpreterNeeded;
  return body;
}

interface Props {
  familyId: string;
  version: number;
  member: Member | null;
  onClose: () => void;
  onSaved: (name: string) => void;
  onReload: () => Promise<void>;
}

/** Contact details, language and interpreter, address and its protection of one member. */
export function EditPersonDialog({ familyId, version, member, onClose, onSaved, onReload }: Props) {
  const { t, lang } = useI18n();
  const form = useFormErrors('edit-person');
  const [values, setValues] = useState<Values | null>(null);
  const [forId, setForId] = useState<string | null>(null);
  if ((member?.personId ?? null) !== forId) {
    setForId(member?.personId ?? null);
    setValues(member ? valuesOf(member) : null);
    form.clear();
  }
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => setValues((v) => (v ? { ...v, [key]: value } : v));

  const save = useMutation({
    mutationFn: (body: Parameters<typeof updatePerson>[2]) => updatePerson(familyId, member?.personId ?? '', body),
    onSuccess: () => onSaved(values ? `${values.givenName} ${values.familyName}` : ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!member || !values) return;
    const parsed = UpdatePersonBody.safeParse({ ...changes(member, values), version });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    if (Object.keys(parsed.data).length === 1) return onClose();
    save.mutate(parsed.data);
  };

  const fields = [
    ['givenName', t('person.givenName')],
    ['familyName', t('person.familyName')],
    ['cpr', member?.cprMasked ? t('members.cprCorrect') : t('members.cprAdd')],
    ['birthDate', t('person.birthDate')],
    ['sex', t('person.sex')],
    ['phone', t('person.phone')],
    ['email', t('person.email')],
    ['address', t('person.address')],
    ['preferredLanguage', t('person.language')],
  ] as const;

  return (
    <Dialog open={member !== null} title={member ? t('members.editTitle', { name: fullName(member) }) : ''} onClose={onClose}>
      {values && member && (
        <>
          <ErrorSummary form={form} fields={fields} />
          <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
          <form onSubmit={onSubmit} noValidate>
            <TextField form={form} path="givenName" label={t('person.givenName')} value={values.givenName} onChange={set('givenName')} autoComplete="off" data-autofocus />
            <TextField form={form} path="familyName" label={t('person.familyName')} value={values.familyName} onChange={set('familyName')} autoComplete="off" />
            <CprField
              form={form}
              path="cpr"
              label={member.cprMasked ? t('members.cprCorrect') : t('members.cprAdd')}
              hint={member.cprMasked ? t('members.cprCorrectHint', { masked: member.cprMasked }) : t('members.cprAddHint')}
              value={values.cpr}
              onChange={set('cpr')}
            />
            {member.cprMasked === null && values.cpr.trim() === '' && (
              <>
                <TextField form={form} path="birthDate" label={t('person.birthDate')} type="date" value={values.birthDate} onChange={set('birthDate')} narrow />
                <SelectField
                  form={form}
                  path="sex"
                  label={t('person.sex')}
                  value={values.sex}
                  onChange={(v) => set('sex')(v as Values['sex'])}
                  options={(['female', 'male', 'unknown'] as const).map((x) => ({ value: x, label: t(`sex.${x}`) }))}
                />
              </>
            )}
            <TextField form={form} path="phone" label={t('person.phone')} type="tel" value={values.phone} onChange={set('phone')} autoComplete="off" />
            <TextField form={form} path="email" label={t('person.email')} type="email" value={values.email} onChange={set('email')} autoComplete="off" spellCheck={false} />
            <TextField
              form={form}
              path="address"
              label={t('person.address')}
              hint={member.protectedAddress ? t('members.protectedAddressEditHint') : undefined}
              value={values.address}
              onChange={set('address')}
              autoComplete="off"
            />
            <div className="checkbox form-group">
              <input type="checkbox" id="edit-person-protected" checked={values.protectedAddress} onChange={(e) => set('protectedAddress')(e.target.checked)} />
              <label htmlFor="edit-person-protected">{t('person.protectedAddress')}</label>
            </div>
            <SelectField
              form={form}
              path="preferredLanguage"
              label={t('person.language')}
              value={values.preferredLanguage}
              onChange={set('preferredLanguage')}
              options={[{ value: '', label: t('person.languageNone') }, ...languageOptions(lang, values.preferredLanguage)]}
            />
            <div className="checkbox form-group">
              <input type="checkbox" id="edit-person-interpreter" checked={values.interpreterNeeded} onChange={(e) => set('interpreterNeeded')(e.target.checked)} />
              <label htmlFor="edit-person-interpreter">{t('person.interpreterNeeded')}</label>
            </div>
            <div className="dialog-actions">
              <SubmitButton pending={save.isPending}>{t('common.save')}</SubmitButton>
              <button type="button" className="button button-secondary" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </>
      )}
    </Dialog>
  );
}
