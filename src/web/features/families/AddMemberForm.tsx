import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AddMemberBody, type MemberRole } from '../../../shared/families';
import { CheckboxGroup } from '../../components/FormField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n/useT';
import { problemsToErrors } from '../forms/formErrors';
import { useFormErrors } from '../forms/useFormErrors';
import { ApiError } from '../../api/client';
import { addMember, type FamilyData } from './families.api';
import { fullName, memberRoleLabel } from './labels';
import { EMPTY_PERSON, PersonFields, personFieldLabels, toPersonInput, type PersonValues } from './PersonFields';
import { ConflictNotice, hasCode, isConflict, OtherFamilyNotice, useConflictReload } from './WriteProblems';

interface Props {
  family: FamilyData;
  onDone: (name: string) => void;
  onCancel: () => void;
  onReload: () => Promise<void>;
}

/** A new member of the household: the person, the role, and for a child who holds custody. */
export function AddMemberForm({ family, onDone, onCancel, onReload }: Props) {
  const t = useT();
  const form = useFormErrors('add-member');
  const [person, setPerson] = useState<PersonValues>(EMPTY_PERSON);
  const [role, setRole] = useState<MemberRole>('child');
  const [holders, setHolders] = useState<string[]>([]);
  const candidates = family.members.filter((m) => m.role !== 'child');

  const add = useMutation({
    mutationFn: (acknowledgeOtherFamily: boolean) => {
      const parsed = AddMemberBody.parse({
        person: toPersonInput(person),
        role,
        custodyHolderIds: role === 'child' ? holders : undefined,
        acknowledgeOtherFamily: acknowledgeOtherFamily || undefined,
        version: family.version,
      });
      return addMember(family.id, parsed);
    },
    onSuccess: () => onDone(`${person.givenName} ${person.familyName}`.trim()),
    onError: (error) => {
      if (isConflict(error)) return form.clear();
      if (hasCode(error, 'cpr_in_other_family') && error instanceof ApiError) return form.fail(problemsToErrors(error.problems));
      form.failFromApi(error);
    },
  });
  const conflict = useConflictReload(onReload, () => add.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AddMemberBody.safeParse({
      person: toPersonInput(person),
      role,
      custodyHolderIds: role === 'child' ? holders : undefined,
      version: family.version,
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    add.mutate(false);
  };

  const fields = [...personFieldLabels(t, 'person').slice(0, 3), ['role', t('person.role')] as const, ...personFieldLabels(t, 'person').slice(3), ['custodyHolderIds', t('custody.holders')] as const];

  return (
    <>
      <h3>{t('members.addHeading')}</h3>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <PersonFields form={form} prefix="person" values={person} onChange={setPerson} role={{ path: 'role', value: role, onChange: setRole }} />
        {role === 'child' &&
          (candidates.length > 0 ? (
            <CheckboxGroup
              form={form}
              path="custodyHolderIds"
              legend={t('custody.holders')}
              hint={t('custody.hint')}
              options={candidates.map((m) => ({ value: m.personId, label: `${fullName(m)} (${memberRoleLabel(t, m.role)})` }))}
              value={holders}
              onChange={setHolders}
            />
          ) : (
            <p className="muted">{t('custody.addParentFirst')}</p>
          ))}
        <OtherFamilyNotice error={add.error} pending={add.isPending} onConfirm={() => add.mutate(true)} />
        <ConflictNotice error={add.error} reloading={conflict.reloading} onReload={conflict.reload} />
        <div className="form-actions">
          <SubmitButton pending={add.isPending}>{t('members.addSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
