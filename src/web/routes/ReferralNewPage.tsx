import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { type MemberRole } from '../../shared/families';
import { CreateReferralBody } from '../../shared/referrals';
import { Alert } from '../components/Alert';
import { ErrorSummary } from '../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { RadioGroup } from '../components/RadioGroup';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { TextAreaField } from '../components/TextAreaField';
import { CprField } from '../features/families/CprField';
import { memberRoleOptions } from '../features/families/labels';
import { zodErrorToErrors, type FieldErrors } from '../features/forms/formErrors';
import { useFormErrors } from '../features/forms/useFormErrors';
import { EffortLookupButton } from '../features/referrals/EffortLookupButton';
import { createReferral, fetchEarlySigns, referralKeys } from '../features/referrals/referrals.api';
import { taskKeys } from '../features/tasks/tasks.api';
import { signLabel } from '../features/referrals/signs';
import { useI18n } from '../i18n/useT';

export interface PersonValues {
  key: number;
  knowsCpr: 'yes' | 'no';
  cpr: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  role: MemberRole | '';
}

let nextKey = 1;
const newPerson = (): PersonValues => ({ key: nextKey++, knowsCpr: 'yes', cpr: '', givenName: '', familyName: '', birthDate: '', role: '' });
const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

function toBody(persons: PersonValues[], signs: string[], note: string) {
  return {
    persons: persons.map((p) => ({
      cpr: p.knowsCpr === 'yes' ? blank(p.cpr) : undefined,
      givenName: blank(p.givenName),
      familyName: blank(p.familyName),
      birthDate: p.knowsCpr === 'no' ? blank(p.birthDate) : undefined,
      role: p.role || undefined,
    })),
    signs,
    note,
  };
}

/**
 * For a person entered without CPR, the rule »a CPR number, or a name and a birth date« is told at the name and the
 * birth date that are missing: the CPR field is not on the form then.
 */
export function withoutHiddenCpr(errors: FieldErrors, persons: readonly PersonValues[], required: string): FieldErrors {
  const out = { ...errors };
  persons.forEach((p, i) => {
    if (p.knowsCpr !== 'no' || !out[`persons.${i}.cpr`]) return;
    delete out[`persons.${i}.cpr`];
    if (!blank(p.givenName)) out[`persons.${i}.givenName`] ??= required;
    if (!blank(p.birthDate)) out[`persons.${i}.birthDate`] ??= required;
  });
  return out;
}

/** Henvis en familie: persons, early signs, a note — in about two minutes. */
export function ReferralNewPage() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors('referral');
  const signs = useQuery({ queryKey: referralKeys.signs, queryFn: fetchEarlySigns, staleTime: 5 * 60_000 });
  const [persons, setPersons] = useState<PersonValues[]>(() => [newPerson()]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);

  const send = useMutation({
    mutationFn: createReferral,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.mine });
      await queryClient.invalidateQueries({ queryKey: taskKeys.attention });
      setSent(true);
    },
    onError: (error) => form.failFromApi(error),
  });

  const update = (key: number, change: Partial<PersonValues>) => setPersons((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateReferralBody.safeParse(toBody(persons, chosen, note));
    if (!parsed.success) return form.fail(withoutHiddenCpr(zodErrorToErrors(parsed.error, lang), persons, t('form.required')));
    form.clear();
    send.mutate(parsed.data);
  };

  const startAgain = () => {
    setPersons([newPerson()]);
    setChosen([]);
    setNote('');
    form.clear();
    send.reset();
    setSent(false);
  };

  if (sent) {
    return (
      <>
        <PageHeading>{t('referral.sentTitle')}</PageHeading>
        <Alert variant="success" heading={t('referral.sentHeading')} live="status">
          <p>{t('referral.sentText')}</p>
        </Alert>
        <div className="button-row">
          <Link to="/referrals/mine" className="button button-primary">
            {t('referral.toMine')}
          </Link>
          <button type="button" className="button button-secondary" onClick={startAgain}>
            {t('referral.another')}
          </button>
        </div>
      </>
    );
  }

  const fields = [
    ...persons.flatMap((_, i) => {
      const which = t('referral.personNumber', { n: i + 1 });
      return [
        [`persons.${i}.cpr`, `${t('cpr.label')} (${which})`],
        [`persons.${i}.givenName`, `${t('person.givenName')} (${which})`],
        [`persons.${i}.familyName`, `${t('person.familyName')} (${which})`],
        [`persons.${i}.birthDate`, `${t('person.birthDate')} (${which})`],
        [`persons.${i}.role`, `${t('person.role')} (${which})`],
      ] as const;
    }),
    ['persons', t('referral.persons')] as const,
    ['signs', t('referral.signs')] as const,
    ['note', t('referral.note')] as const,
  ];

  return (
    <>
      <PageHeading>{t('referral.title')}</PageHeading>
      <p className="lead">{t('referral.intro')}</p>
      <p>
        <Link to="/referrals/mine">{t('referral.mineLink')}</Link>
      </p>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <h2>{t('referral.persons')}</h2>
        {persons.map((p, i) => {
          const prefix = `persons.${i}`;
          return (
            <fieldset key={p.key} className="form-fieldset person-fieldset">
              <legend className="fieldset-heading">{t('referral.personNumber', { n: i + 1 })}</legend>
              <RadioGroup
                form={form}
                path={`${prefix}.knowsCpr`}
                legend={t('referral.knowsCpr')}
                options={[
                  { value: 'yes', label: t('referral.knowsCprYes') },
                  { value: 'no', label: t('referral.knowsCprNo') },
                ]}
                value={p.knowsCpr}
                onChange={(knowsCpr) => update(p.key, { knowsCpr })}
                inline
              />
              {p.knowsCpr === 'yes' ? (
                <>
                  <CprField form={form} path={`${prefix}.cpr`} value={p.cpr} onChange={(cpr) => update(p.key, { cpr })} />
                  <EffortLookupButton cpr={p.cpr} id={form.idFor(`${prefix}.lookup`)} />
                </>
              ) : null}
              <div className="form-grid">
                <TextField
                  form={form}
                  path={`${prefix}.givenName`}
                  label={p.knowsCpr === 'yes' ? t('referral.givenNameOptional') : t('person.givenName')}
                  value={p.givenName}
                  onChange={(givenName) => update(p.key, { givenName })}
                  autoComplete="off"
                />
                <TextField
                  form={form}
                  path={`${prefix}.familyName`}
                  label={t('referral.familyNameOptional')}
                  value={p.familyName}
                  onChange={(familyName) => update(p.key, { familyName })}
                  autoComplete="off"
                />
                {p.knowsCpr === 'no' && <TextField form={form} path={`${prefix}.birthDate`} label={t('person.birthDate')} type="date" value={p.birthDate} onChange={(birthDate) => update(p.key, { birthDate })} />}
                <SelectField
                  form={form}
                  path={`${prefix}.role`}
                  label={t('person.role')}
                  value={p.role}
                  onChange={(role) => update(p.key, { role: role as MemberRole | '' })}
                  options={[{ value: '', label: t('referral.roleUnknown') }, ...memberRoleOptions(t)]}
                />
              </div>
              {persons.length > 1 && (
                <p>
                  <button type="button" className="button button-secondary button-small" onClick={() => setPersons((ps) => ps.filter((x) => x.key !== p.key))}>
                    {t('referral.removePerson', { n: i + 1 })}
                  </button>
                </p>
              )}
            </fieldset>
          );
        })}
        <p>
          <button type="button" className="button button-secondary" onClick={() => setPersons((ps) => [...ps, newPerson()])}>
            {t('referral.addPerson')}
          </button>
        </p>

        <h2>{t('referral.signsHeading')}</h2>
        {signs.isPending ? (
          <Spinner />
        ) : signs.isError ? (
          <QueryError error={signs.error} onRetry={() => void signs.refetch()} />
        ) : (
          <CheckboxGroup form={form} path="signs" legend={t('referral.signs')} hint={t('referral.signsHint')} options={signs.data.map((s) => ({ value: s.code, label: signLabel(s, lang) }))} value={chosen} onChange={setChosen} />
        )}
        <TextAreaField form={form} path="note" label={t('referral.note')} hint={t('referral.noteHint')} value={note} onChange={setNote} rows={5} />
        <div className="form-actions">
          <SubmitButton pending={send.isPending}>{t('referral.submit')}</SubmitButton>
        </div>
      </form>
    </>
  );
}
