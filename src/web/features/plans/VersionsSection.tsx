import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { SIGN_OFF_HOW, SignOffBody, type SignOffHow } from '../../../shared/plans';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { QueryError } from '../../components/QueryError';
import { RadioGroup } from '../../components/RadioGroup';
import { Spinner } from '../../components/Spinner';
import { SubmitButton } from '../../components/SubmitButton';
import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import { formatDate, todayIso } from '../../lib/format';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { DiffPanel } from './DiffPanel';
import { signOffHowLabel } from './labels';
import { fetchVersions, planKeys, signOff, type LifeDomain, type Plan, type PlanVersion } from './plans.api';

/** Versions and sign-offs: who published what and when, the family's sign-off, and what changed between two versions. */
export function VersionsSection({ plan, family, domains }: { plan: Plan; family: FamilyData; domains: readonly LifeDomain[] }) {
  const { t, lang } = useI18n();
  const [message, setMessage] = useSectionMessage('versions');
  const [signing, setSigning] = useState(false);
  const versions = useQuery({ queryKey: planKeys.versions(plan.familyId), queryFn: () => fetchVersions(plan.familyId) });
  const current = versions.data?.find((v) => v.current);
  return (
    <FamilySection id="versions" title={t('plan.versions.title')}>
      <SectionMessage message={message} />
      {versions.isPending ? (
        <Spinner />
      ) : versions.isError ? (
        <QueryError error={versions.error} onRetry={() => void versions.refetch()} />
      ) : versions.data.length === 0 ? (
        <p className="muted">{t('plan.versions.empty')}</p>
      ) : (
        <>
          <div className="table-wrapper">
            <table className="table table-compact">
              <caption className="visually-hidden">{t('plan.versions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.versions.number')}</th>
                  <th scope="col">{t('plan.versions.published')}</th>
                  <th scope="col">{t('plan.versions.by')}</th>
                  <th scope="col">{t('plan.nextReview')}</th>
                  <th scope="col">{t('plan.versions.note')}</th>
                  <th scope="col">{t('plan.versions.signOffs')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.data.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">
                      {v.number} {v.current && <span className="badge badge-success">{t('plan.versions.current')}</span>}
                    </th>
                    <td className="nowrap">{formatDateTime(v.publishedAt, lang)}</td>
                    <td>{v.publishedBy.name}</td>
                    <td className="nowrap">{formatDate(v.nextReviewDate, lang)}</td>
                    <td className="prewrap">{v.note ?? ''}</td>
                    <td>
                      {v.signOffs.length === 0 ? (
                        <span className="muted">{t('plan.versions.noSignOff')}</span>
                      ) : (
                        <ul className="plain-list">
                          {v.signOffs.map((s) => (
                            <li key={s.id}>{t('plan.versions.signedBy', { name: s.personName, date: formatDate(s.signedAt, lang), how: signOffHowLabel(t, s.how) })}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.can.signOff && current && (
            <FormToggle label={t('plan.signOff.open', { number: current.number })} open={signing} onOpen={() => (setSigning(true), setMessage(null))}>
              <SignOffForm
                familyId={plan.familyId}
                family={family}
                version={current}
                onDone={(name) => {
                  setSigning(false);
                  setMessage(t('plan.signOff.done', { name, number: current.number }));
                }}
                onCancel={() => setSigning(false)}
              />
            </FormToggle>
          )}
          <DiffPanel familyId={plan.familyId} versions={versions.data} hasDraftChanges={plan.unpublishedChanges} domains={domains} family={family} />
        </>
      )}
    </FamilySection>
  );
}

function SignOffForm({ familyId, family, version, onDone, onCancel }: { familyId: string; family: FamilyData; version: PlanVersion; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors('sign-off');
  const [values, setValues] = useState<{ personId: string; signedAt: string; how: SignOffHow | '' }>({ personId: '', signedAt: todayIso(), how: 'in_person' });
  const eligible = family.members.filter((m) => m.role === 'parent' || (m.role === 'child' && m.age >= 15));
  const save = useMutation({
    mutationFn: (body: z.infer<typeof SignOffBody>) => signOff(familyId, version.id, body),
    onSuccess: (_v, body) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.versions(familyId) });
      void queryClient.invalidateQueries({ queryKey: planKeys.plan(familyId) });
      const m = family.members.find((x) => x.personId === body.personId);
      onDone(m ? fullName(m) : '');
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SignOffBody.safeParse({ personId: values.personId || undefined, signedAt: values.signedAt, how: values.how || undefined });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <>
      <h3>{t('plan.signOff.title')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['personId', t('plan.signOff.person')],
          ['signedAt', t('plan.signOff.date')],
          ['how', t('plan.signOff.how')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          form={form}
          path="personId"
          label={t('plan.signOff.person')}
          hint={t('plan.signOff.personHint')}
          value={values.personId}
          onChange={(personId) => setValues((v) => ({ ...v, personId }))}
          options={[{ value: '', label: t('plan.signOff.choosePerson') }, ...eligible.map((m) => ({ value: m.personId, label: fullName(m) }))]}
        />
        <TextField form={form} path="signedAt" label={t('plan.signOff.date')} type="date" value={values.signedAt} onChange={(signedAt) => setValues((v) => ({ ...v, signedAt }))} />
        <RadioGroup form={form} path="how" legend={t('plan.signOff.how')} value={values.how} onChange={(how) => setValues((v) => ({ ...v, how }))} options={SIGN_OFF_HOW.map((h) => ({ value: h, label: signOffHowLabel(t, h) }))} inline />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('plan.signOff.submit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
