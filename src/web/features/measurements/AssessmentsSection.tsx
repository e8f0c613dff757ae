import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { todayInDenmark } from '../../../shared/dates';
import { AssessmentBody, EXPERIENCE_ITEMS_V1, RESPONDENTS, WHO5_ITEMS_V1, type Instrument, type Respondent } from '../../../shared/measurements';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { TableRegion } from '../../components/TableRegion';
import { useI18n } from '../../i18n/useT';
import { formatDate, formatNumber } from '../../lib/format';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { domainLabel } from '../plans/labels';
import { useLifeDomains } from '../plans/usePlan';
import { instrumentLabel, respondentLabel } from './labels';
import { measurementKeys, recordAssessment, type Measurements } from './measurements.api';

interface Item {
  code: string;
  label: string;
}

/** Spørgeskemaer: the experience questionnaire, WHO-5 for a parent, the life domains 0–10; the list with each result. */
export function AssessmentsSection({ data, familyId }: { data: Measurements; familyId: string }) {
  const { t, lang } = useI18n();
  const domains = useLifeDomains();
  const [message, setMessage] = useSectionMessage('assessments');
  const [open, setOpen] = useState<Instrument | null>(null);
  const names = new Map(data.members.map((m) => [m.personId, m.name]));
  const parents = data.members.filter((m) => m.parent);
  const experienceItems: Item[] = EXPERIENCE_ITEMS_V1.map((code) => ({ code, label: t(`evaluation.experience.${code}`) }));
  const who5Items: Item[] = WHO5_ITEMS_V1.map((code) => ({ code, label: t(`measurement.who5.${code}`) }));
  const domainItems: Item[] = data.lifeDomains.map((code) => ({ code, label: domainLabel(domains.data, code, lang) }));
  const score = (instrument: Instrument, value: number | null) =>
    value === null ? '' : instrument === 'who5' ? t('measurements.assessments.scoreWho5', { score: value }) : t('measurements.assessments.scoreMean', { score: formatNumber(value) });
  const done = (instrument: Instrument) => {
    setOpen(null);
    setMessage(t('measurements.saved', { what: instrumentLabel(t, instrument) }));
  };
  const toggle = (instrument: Instrument, label: string, form: ReactNode) => (
    <FormToggle label={label} open={open === instrument} onOpen={() => (setOpen(instrument), setMessage(null))}>
      {form}
    </FormToggle>
  );
  return (
    <FamilySection id="assessments" title={t('measurements.assessments.title')}>
      <SectionMessage message={message} />
      <p>{t('measurements.assessments.intro')}</p>
      {data.assessments.length === 0 ? (
        <p className="muted">{t('measurements.assessments.empty')}</p>
      ) : (
        <TableRegion id="assessments-caption" caption={t('measurements.assessments.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('measurements.date')}</th>
              <th scope="col">{t('measurements.assessments.instrument')}</th>
              <th scope="col">{t('measurements.assessments.about')}</th>
              <th scope="col">{t('measurements.assessments.respondent')}</th>
              <th scope="col">{t('measurements.assessments.score')}</th>
              <th scope="col">{t('measurements.assessments.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.assessments.map((a) => (
              <tr key={a.id}>
                <th scope="row">{formatDate(a.date, lang)}</th>
                <td>{instrumentLabel(t, a.instrument)}</td>
                <td>{a.personId ? (names.get(a.personId) ?? '') : t('measurements.assessments.wholeFamily')}</td>
                <td>{respondentLabel(t, a.respondent)}</td>
                <td>{score(a.instrument, a.score)}</td>
                <td>{a.recordedByName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {data.can.record && (
        <>
          {toggle(
            'experience',
            t('measurements.assessments.addExperience'),
            <AssessmentForm familyId={familyId} instrument="experience" items={experienceItems} scale={[1, 2, 3, 4, 5]} hint={t('measurements.assessments.experienceHint')} onDone={() => done('experience')} onCancel={() => setOpen(null)} />,
          )}
          {parents.length === 0 ? (
            <p className="muted">{t('measurements.assessments.noParent')}</p>
          ) : (
            toggle(
              'who5',
              t('measurements.assessments.addWho5'),
              <AssessmentForm
                familyId={familyId}
                instrument="who5"
                items={who5Items}
                scale={[5, 4, 3, 2, 1, 0]}
                hint={t('measurements.assessments.who5Hint')}
                parents={parents.map((p) => ({ value: p.personId, label: p.name }))}
                onDone={() => done('who5')}
                onCancel={() => setOpen(null)}
              />,
            )
          )}
          {toggle(
            'life_domains',
            t('measurements.assessments.addLifeDomains'),
            <AssessmentForm familyId={familyId} instrument="life_domains" items={domainItems} scale={[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]} hint={t('measurements.assessments.lifeDomainsHint')} onDone={() => done('life_domains')} onCancel={() => setOpen(null)} />,
          )}
        </>
      )}
    </FamilySection>
  );
}

interface FormProps {
  familyId: string;
  instrument: Instrument;
  items: Item[];
  /** The answers in the order they are offered. */
  scale: number[];
  hint: string;
  /** WHO-5: the parents who may have answered. */
  parents?: Array<{ value: string; label: string }>;
  onDone: () => void;
  onCancel: () => void;
}

function AssessmentForm({ familyId, instrument, items, scale, hint, parents, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors(`assessment-${instrument}`);
  const [date, setDate] = useState(todayInDenmark());
  const [personId, setPersonId] = useState(parents?.length === 1 ? parents[0]!.value : '');
  // The experience questionnaire and WHO-5 are answered by the family itself; the life domains by anyone.
  const [respondent, setRespondent] = useState<Respondent | ''>(instrument === 'life_domains' ? '' : 'family');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: AssessmentBody) => recordAssessment(familyId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: measurementKeys.family(familyId) });
      onDone();
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(items.filter((i) => !answers[i.code]).map((i) => [`answers.${i.code}`, t('form.required')]));
    const parsed = AssessmentBody.safeParse({
      instrument,
      personId: parents ? personId || undefined : undefined,
      date,
      respondent: respondent || undefined,
      answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Number(v)])),
    });
    if (parents && !personId) missing.personId = t('form.required');
    if (!parsed.success) return form.failFromZod(parsed.error, missing);
    if (Object.keys(missing).length > 0) return form.fail(missing);
    form.clear();
    save.mutate(parsed.data);
  };
  const scaleLabel = (v: number) => (instrument === 'experience' ? t(`measurement.experienceScale.${v as 1 | 2 | 3 | 4 | 5}`) : instrument === 'who5' ? t(`measurement.who5Scale.${v as 0 | 1 | 2 | 3 | 4 | 5}`) : String(v));
  const fields: Array<[string, string]> = [
    ...(parents ? [['personId', t('measurements.assessments.who5Parent')] as [string, string]] : []),
    ['date', t('measurements.date')],
    ['respondent', t('measurements.assessments.respondent')],
    ...items.map((i): [string, string] => [`answers.${i.code}`, i.label]),
  ];
  return (
    <>
      <h3>{instrumentLabel(t, instrument)}</h3>
      <p>{hint}</p>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          {parents && (
            <SelectField
              form={form}
              path="personId"
              label={t('measurements.assessments.who5Parent')}
              value={personId}
              onChange={setPersonId}
              options={[{ value: '', label: t('measurements.assessments.choosePerson') }, ...parents]}
            />
          )}
          <TextField form={form} path="date" label={t('measurements.date')} type="date" value={date} onChange={setDate} narrow />
        </div>
        {instrument === 'life_domains' && (
          <RadioGroup
            form={form}
            path="respondent"
            legend={t('measurements.assessments.respondent')}
            options={RESPONDENTS.map((r) => ({ value: r, label: respondentLabel(t, r) }))}
            value={respondent}
            onChange={setRespondent}
            inline
          />
        )}
        {instrument === 'life_domains' ? (
          <div className="form-grid">
            {items.map((item) => (
              <SelectField
                key={item.code}
                form={form}
                path={`answers.${item.code}`}
                label={item.label}
                value={answers[item.code] ?? ''}
                onChange={(v) => setAnswers((a) => ({ ...a, [item.code]: v }))}
                options={[{ value: '', label: t('plan.ratings.choose') }, ...scale.map((v) => ({ value: String(v), label: String(v) }))]}
              />
            ))}
          </div>
        ) : (
          items.map((item) => (
            <RadioGroup
              key={item.code}
              form={form}
              path={`answers.${item.code}`}
              legend={item.label}
              options={scale.map((v) => ({ value: String(v), label: scaleLabel(v) }))}
              value={answers[item.code] ?? ''}
              onChange={(v) => setAnswers((a) => ({ ...a, [item.code]: v }))}
              inline={instrument === 'experience'}
            />
          ))
        )}
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('measurements.assessments.saveForm')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
