import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { RevealBody } from '../../../shared/families';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { useT } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { formatCprInput } from './cprInput';
import { reveal, type RevealWhat } from './families.api';

export interface RevealTarget {
  personId: string;
  name: string;
  what: RevealWhat;
}

/**
 * Shows a CPR number or a protected address only after the user states why: the server writes the
 * purpose into the audit log. The value stays in the dialog and is gone when it closes.
 */
export function RevealDialog({ familyId, target, onClose }: { familyId: string; target: RevealTarget | null; onClose: () => void }) {
  const t = useT();
  const form = useFormErrors('reveal');
  const [purpose, setPurpose] = useState('');
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [forKey, setForKey] = useState<string | null>(null);
  const key = target ? `${target.personId}:${target.what}` : null;
  if (key !== forKey) {
    setForKey(key);
    setPurpose('');
    setValue(undefined);
    form.clear();
  }

  const run = useMutation({
    mutationFn: (body: { what: RevealWhat; purpose: string }) => reveal(familyId, target?.personId ?? '', body),
    onSuccess: (result) => setValue(result.value),
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const parsed = RevealBody.safeParse({ what: target.what, purpose });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    run.mutate(parsed.data);
  };

  const isCpr = target?.what === 'cpr';
  const title = target ? t(isCpr ? 'reveal.cprTitle' : 'reveal.addressTitle', { name: target.name }) : '';
  return (
    <Dialog open={target !== null} title={title} onClose={onClose}>
      {value !== undefined ? (
        <>
          <dl className="summary-list">
            <dt>{isCpr ? t('cpr.label') : t('person.address')}</dt>
            <dd className={isCpr ? 'mono' : undefined}>{value === null ? t('reveal.none') : isCpr ? formatCprInput(value) : value}</dd>
          </dl>
          <p className="muted">{t('reveal.logged')}</p>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('reveal.intro')}</p>
          <ErrorSummary form={form} fields={[['purpose', t('reveal.purpose')]]} />
          <form onSubmit={onSubmit} noValidate>
            <TextField form={form} path="purpose" label={t('reveal.purpose')} hint={t('reveal.purposeHint')} value={purpose} onChange={setPurpose} autoComplete="off" data-autofocus />
            <div className="dialog-actions">
              <SubmitButton pending={run.isPending}>{isCpr ? t('reveal.showCpr') : t('reveal.showAddress')}</SubmitButton>
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
