import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { PublishBody } from '../../../shared/plans';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import { FamilySection, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { isPlanConflict, PlanConflictNotice } from './PlanConflictNotice';
import { publishPlan, type Plan } from './plans.api';
import { usePlanWrite } from './usePlan';

/** Publishing the draft as the next version (the coordinator), with the next review date, after a confirmation. */
export function PublishSection({ plan }: { plan: Plan }) {
  const { t, lang } = useI18n();
  const form = useFormErrors('publish');
  const [message, setMessage] = useSectionMessage('publish');
  const [values, setValues] = useState({ nextReviewDate: plan.current?.nextReviewDate ?? '', note: '' });
  const [confirming, setConfirming] = useState<z.infer<typeof PublishBody> | null>(null);
  const nextNumber = (plan.current?.number ?? 0) + 1;
  const publish = usePlanWrite(plan.familyId, (body: z.infer<typeof PublishBody>) => publishPlan(plan.familyId, body), {
    onSuccess: (published) => {
      setConfirming(null);
      setValues((v) => ({ ...v, note: '' }));
      setMessage(t('plan.publish.done', { number: published.current?.number ?? nextNumber }));
    },
    onError: (error) => {
      setConfirming(null);
      if (!isPlanConflict(error)) form.failFromApi(error);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const parsed = PublishBody.safeParse({ nextReviewDate: values.nextReviewDate, note: values.note.trim() || undefined, draftVersion: plan.draftVersion });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    publish.reset();
    setConfirming(parsed.data);
  };
  return (
    <FamilySection id="publish" title={t('plan.publish.title')}>
      <SectionMessage message={message} />
      {!plan.can.publish ? (
        <p className="muted">{t('plan.publish.notAllowed')}</p>
      ) : !plan.unpublishedChanges ? (
        <p className="muted">{t('plan.publish.nothing')}</p>
      ) : (
        <>
          <p>{t('plan.publish.intro')}</p>
          <ErrorSummary
            form={form}
            fields={[
              ['nextReviewDate', t('plan.publish.nextReview')],
              ['note', t('plan.publish.note')],
            ]}
          />
          <PlanConflictNotice error={publish.error} familyId={plan.familyId} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              form={form}
              path="nextReviewDate"
              label={t('plan.publish.nextReview')}
              hint={t('plan.publish.nextReviewHint')}
              type="date"
              value={values.nextReviewDate}
              onChange={(nextReviewDate) => setValues((v) => ({ ...v, nextReviewDate }))}
            />
            <TextAreaField form={form} path="note" label={t('plan.publish.note')} value={values.note} onChange={(note) => setValues((v) => ({ ...v, note }))} rows={2} />
            <div className="form-actions">
              <SubmitButton pending={publish.isPending}>{t('plan.publish.submit')}</SubmitButton>
            </div>
          </form>
        </>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={t('plan.publish.confirmTitle')}
        confirmLabel={t('plan.publish.confirm')}
        destructive={false}
        onConfirm={() => confirming && publish.mutate(confirming)}
        onCancel={() => setConfirming(null)}
        pending={publish.isPending}
      >
        <p>{t('plan.publish.confirmText', { number: nextNumber, date: formatDate(confirming?.nextReviewDate, lang) })}</p>
      </ConfirmDialog>
    </FamilySection>
  );
}
