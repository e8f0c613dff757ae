import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreateFamilyBody, type MemberRole } from '../../shared/families';
import { ApiError } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageHeading } from '../components/PageHeading';
import { SubmitButton } from '../components/SubmitButton';
import { createFamily, familyKeys } from '../features/families/families.api';
import { EMPTY_PERSON, PersonFields, personFieldLabels, toPersonInput, type PersonValues } from '../features/families/PersonFields';
import { hasCode, OtherFamilyNotice } from '../features/families/WriteProblems';
import { problemsToErrors } from '../features/forms/formErrors';
import { useFormErrors } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

interface MemberValues {
  key: number;
  role: MemberRole;
  person: PersonValues;
}

let nextKey = 1;
const newMember = (role: MemberRole): MemberValues => ({ key: nextKey++, role, person: EMPTY_PERSON });

/** Registrér familie: a coordinator registers a household directly and becomes its coordinator. */
export function FamilyCreatePage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useFormErrors('create-family');
  const [members, setMembers] = useState<MemberValues[]>(() => [newMember('parent')]);

  const body = (acknowledgeOtherFamily: boolean) => ({
    members: members.map((m) => ({ role: m.role, person: toPersonInput(m.person) })),
    acknowledgeOtherFamily: acknowledgeOtherFamily || undefined,
  });

  const create = useMutation({
    mutationFn: (acknowledge: boolean) => createFamily(CreateFamilyBody.parse(body(acknowledge))),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: familyKeys.caseloadAll });
      navigate(`/families/${id}`);
    },
    onError: (error) => {
      if (hasCode(error, 'cpr_in_other_family') && error instanceof ApiError) return form.fail(problemsToErrors(error.problems));
      form.failFromApi(error);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateFamilyBody.safeParse(body(false));
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    create.mutate(false);
  };

  const update = (key: number, change: Partial<MemberValues>) => setMembers((ms) => ms.map((m) => (m.key === key ? { ...m, ...change } : m)));
  const fields = members.flatMap((m, i) => {
    const which = t('family.memberNumber', { n: i + 1 });
    const labels = personFieldLabels(t, `members.${i}.person`, which);
    return [...labels.slice(0, 3), [`members.${i}.role`, `${t('person.role')} (${which})`] as const, ...labels.slice(3)];
  });

  return (
    <>
      <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <li>
          <Link to="/caseload">{t('caseload.title')}</Link>
        </li>
        <li aria-current="page">{t('family.createTitle')}</li>
      </ol>
      <PageHeading>{t('family.createTitle')}</PageHeading>
      <p className="lead">{t('family.createIntro')}</p>
      <ErrorSummary form={form} fields={[...fields, ['members', t('members.title')]]} />
      <form onSubmit={onSubmit} noValidate>
        {members.map((m, i) => (
          <fieldset key={m.key} className="form-fieldset person-fieldset">
            <legend className="fieldset-heading">{t('family.memberNumber', { n: i + 1 })}</legend>
            <PersonFields
              form={form}
              prefix={`members.${i}.person`}
              values={m.person}
              onChange={(person) => update(m.key, { person })}
              role={{ path: `members.${i}.role`, value: m.role, onChange: (role) => update(m.key, { role }) }}
            />
            {members.length > 1 && (
              <p>
                <button type="button" className="button button-secondary button-small" onClick={() => setMembers((ms) => ms.filter((x) => x.key !== m.key))}>
                  {t('family.removeMember', { n: i + 1 })}
                </button>
              </p>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" className="button button-secondary" onClick={() => setMembers((ms) => [...ms, newMember('child')])}>
            {t('family.addAnother')}
          </button>
        </p>
        <p className="muted">{t('family.custodyLater')}</p>
        <OtherFamilyNotice error={create.error} pending={create.isPending} onConfirm={() => create.mutate(true)} />
        <div className="form-actions">
          <SubmitButton pending={create.isPending}>{t('family.createSubmit')}</SubmitButton>
          <Link to="/caseload">{t('common.cancel')}</Link>
        </div>
      </form>
    </>
  );
}
