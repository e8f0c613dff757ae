import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { CheckboxGroup } from '../../components/FormField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { setCustody, type FamilyData, type Member } from './families.api';
import { fullName, memberRoleLabel } from './labels';
import { ConflictNotice, isConflict, useConflictReload } from './WriteProblems';

interface Props {
  family: FamilyData;
  child: Member | null;
  onClose: () => void;
  onSaved: (name: string) => void;
  onReload: () => Promise<void>;
}

/** Who holds custody (forældremyndighed) of a child: chosen among the other members. */
export function CustodyDialog({ family, child, onClose, onSaved, onReload }: Props) {
  const t = useT();
  const form = useFormErrors('custody');
  const [holders, setHolders] = useState<string[]>([]);
  const [forId, setForId] = useState<string | null>(null);
  if ((child?.personId ?? null) !== forId) {
    setForId(child?.personId ?? null);
    setHolders(child ? [...child.custodyHolderIds] : []);
    form.clear();
  }
  const candidates = family.members.filter((m) => m.personId !== child?.personId && m.role !== 'child');

  const save = useMutation({
    mutationFn: () => setCustody(family.id, child?.personId ?? '', { holderIds: holders, version: family.version }),
    onSuccess: () => onSaved(child ? fullName(child) : ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    save.mutate();
  };

  return (
    <Dialog open={child !== null} title={child ? t('custody.title', { name: fullName(child) }) : ''} onClose={onClose}>
      <ErrorSummary form={form} fields={[['holderIds', t('custody.holders')]]} />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      {candidates.length === 0 ? (
        <p>{t('custody.noCandidates')}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <CheckboxGroup
            form={form}
            path="holderIds"
            legend={t('custody.holders')}
            hint={t('custody.hint')}
            options={candidates.map((m) => ({ value: m.personId, label: `${fullName(m)} (${memberRoleLabel(t, m.role)})` }))}
            value={holders}
            onChange={setHolders}
          />
          <div className="dialog-actions">
            <SubmitButton pending={save.isPending}>{t('common.save')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
