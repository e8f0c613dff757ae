import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { BreakGlassBody } from '../../../shared/families';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useT } from '../../i18n/useT';
import { useFormErrors } from '../forms/useFormErrors';
import { useMe } from '../session/useMe';
import { breakGlass } from './families.api';

/**
 * The answer for a family the user may not see (or that does not exist — the two look the same):
 * staff with a case role may break the glass, with a reason, knowing that it is logged and reviewed.
 */
export function FamilyNotFound({ familyId, onOpened }: { familyId: string; onOpened: () => Promise<void> }) {
  const t = useT();
  const { data: me } = useMe();
  const form = useFormErrors('break-glass');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const mayBreak = !!me && me.can.refer;

  const run = useMutation({
    mutationFn: (body: { reason: string }) => breakGlass(familyId, body.reason),
    onSuccess: async () => {
      await onOpened();
      setOpen(false);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = BreakGlassBody.safeParse({ reason });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    run.mutate(parsed.data);
  };

  return (
    <>
      <PageHeading>{t('breakGlass.notFoundTitle')}</PageHeading>
      <p>{t('breakGlass.notFoundText')}</p>
      {mayBreak && (
        <>
          <h2>{t('breakGlass.heading')}</h2>
          <p>{t('breakGlass.intro')}</p>
          <p>
            <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
              {t('breakGlass.open')}
            </button>
          </p>
        </>
      )}
      <Dialog open={open} title={t('breakGlass.dialogTitle')} onClose={() => setOpen(false)}>
        <Alert variant="error" heading={t('breakGlass.warningHeading')}>
          <p>{t('breakGlass.warning')}</p>
        </Alert>
        <ErrorSummary form={form} fields={[['reason', t('breakGlass.reason')]]} />
        <form onSubmit={onSubmit} noValidate>
          <TextAreaField form={form} path="reason" label={t('breakGlass.reason')} hint={t('breakGlass.reasonHint')} value={reason} onChange={setReason} rows={3} />
          <div className="dialog-actions">
            <SubmitButton pending={run.isPending} variant="danger">
              {t('breakGlass.confirm')}
            </SubmitButton>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)} data-autofocus>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
