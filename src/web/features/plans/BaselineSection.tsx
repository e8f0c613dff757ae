import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { BaselineBody } from '../../../shared/plans';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/FormField';
import { TextAreaField } from '../../components/TextAreaField';
import { SubmitButton } from '../../components/SubmitButton';
import { useI18n } from '../../i18n/useT';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { domainLabel } from './labels';
import { isPlanConflict, PlanConflictNotice } from './PlanConflictNotice';
import { setBaseline, type LifeDomain, type Plan } from './plans.api';
import { usePlanWrite } from './usePlan';

const SCORES = Array.from({ length: 11 }, (_, i) => String(i));

/** Udgangspunkt: where the family stands today in each life domain, 0–10 with a short text. */
export function BaselineSection({ plan, domains }: { plan: Plan; domains: readonly LifeDomain[] }) {
  const { t, lang } = useI18n();
  const [message, setMessage] = useSectionMessage('baseline');
  const [open, setOpen] = useState(false);
  const [domain, setDomain] = useState('');
  const byDomain = new Map(plan.baseline.map((b) => [b.domain, b]));
  const rows = domains.filter((d) => byDomain.has(d.code));
  const openFor = (code: string) => {
    setDomain(code);
    setOpen(true);
    setMessage(null);
  };
  return (
    <FamilySection id="baseline" title={t('plan.baseline.title')}>
      <SectionMessage message={message} />
      <p>{t('plan.baseline.intro')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('plan.baseline.empty')}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('plan.baseline.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.baseline.domain')}</th>
                <th scope="col" className="numeric">
                  {t('plan.baseline.score')}
                </th>
                <th scope="col">{t('plan.baseline.text')}</th>
                {plan.can.edit && (
                  <th scope="col">
                    <span className="visually-hidden">{t('plan.actions.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const b = byDomain.get(d.code);
                const label = domainLabel(domains, d.code, lang);
                return (
                  <tr key={d.code}>
                    <th scope="row">{label}</th>
                    <td className="numeric">{b?.score}</td>
                    <td className="prewrap">{b?.text}</td>
                    {plan.can.edit && (
                      <td>
                        <button type="button" className="button button-link" onClick={() => openFor(d.code)}>
                          {t('plan.baseline.edit', { domain: label })}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {plan.can.edit && (
        <FormToggle label={t('plan.baseline.set')} open={open} onOpen={() => openFor('')}>
          <BaselineForm
            key={domain}
            plan={plan}
            domains={domains}
            initialDomain={domain}
            onDone={(code) => {
              setOpen(false);
              setMessage(t('plan.baseline.saved', { domain: domainLabel(domains, code, lang) }));
            }}
            onCancel={() => setOpen(false)}
          />
        </FormToggle>
      )}
    </FamilySection>
  );
}

function BaselineForm({ plan, domains, initialDomain, onDone, onCancel }: { plan: Plan; domains: readonly LifeDomain[]; initialDomain: string; onDone: (domain: string) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const form = useFormErrors('baseline');
  const existing = plan.baseline.find((b) => b.domain === initialDomain);
  const [values, setValues] = useState({ domain: initialDomain, score: existing ? String(existing.score) : '5', text: existing?.text ?? '' });
  const save = usePlanWrite(plan.familyId, (body: z.infer<typeof BaselineBody>) => setBaseline(plan.familyId, body), {
    onSuccess: (_plan, body) => onDone(body.domain),
    onError: (error) => (isPlanConflict(error) ? undefined : form.failFromApi(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = BaselineBody.safeParse({ domain: values.domain, score: Number(values.score), text: values.text, draftVersion: plan.draftVersion });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  const active = domains.filter((d) => d.active || d.code === values.domain);
  return (
    <>
      <h3>{t('plan.baseline.set')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['domain', t('plan.baseline.domain')],
          ['score', t('plan.baseline.score')],
          ['text', t('plan.baseline.text')],
        ]}
      />
      <PlanConflictNotice error={save.error} familyId={plan.familyId} />
      <form onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <SelectField
            form={form}
            path="domain"
            label={t('plan.baseline.domain')}
            value={values.domain}
            onChange={(domain) => setValues((v) => ({ ...v, domain }))}
            options={[{ value: '', label: t('plan.baseline.chooseDomain') }, ...active.map((d) => ({ value: d.code, label: domainLabel(domains, d.code, lang) }))]}
          />
          <SelectField form={form} path="score" label={t('plan.baseline.score')} value={values.score} onChange={(score) => setValues((v) => ({ ...v, score }))} options={SCORES.map((s) => ({ value: s, label: s }))} />
        </div>
        <TextAreaField form={form} path="text" label={t('plan.baseline.text')} value={values.text} onChange={(text) => setValues((v) => ({ ...v, text }))} rows={2} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('plan.baseline.save')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
