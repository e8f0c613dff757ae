import { addDays, type IsoDate } from '../../../shared/dates';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { MeetingBody } from '../../../shared/meetings';
import { CheckboxGroup, TextField } from '../../components/FormField';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { copenhagenToIso, isoToCopenhagen } from '../../lib/copenhagen';
import { todayIso } from '../../lib/format';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import { useFormErrors } from '../forms/useFormErrors';
import type { PlanGoal } from '../plans/plans.api';
import { familyStaff } from '../plans/responsibleOptions';
import type { Meeting } from './meetings.api';

interface NetworkRow {
  key: number;
  name: string;
  relation: string;
  /** A network person's recorded e-mail, kept when the meeting is edited. */
  email?: string;
}

interface Props {
  formId: string;
  heading: string;
  submitLabel: string;
  family: FamilyData;
  goals: readonly PlanGoal[];
  pending: boolean;
  onSubmit: (body: z.infer<typeof MeetingBody>) => void;
  onCancel: () => void;
  /** The form's error state, so the caller can show the server's problems on it. */
  form: ReturnType<typeof useFormErrors>;
  /** A meeting to start from (editing a planned meeting); without it the form starts empty. */
  initial?: Meeting;
  /** `initial` is the meeting before: propose its next one (same participants, place and time, four weeks on). */
  asNext?: boolean;
}

/** Days after a meeting that its next meeting is proposed for (the usual rhythm of network meetings). */
export const NEXT_MEETING_AFTER_DAYS = 28;

function initialValues(m: Meeting | undefined, asNext: boolean) {
  if (!m) return { title: '', date: todayIso(), start: '10:00', end: '11:00', place: '', onlineUrl: '', agendaText: '' };
  const start = isoToCopenhagen(m.startsAt);
  const end = isoToCopenhagen(m.endsAt);
  const values = { title: m.title, date: start.date, start: start.time, end: end.time, place: m.place ?? '', onlineUrl: m.onlineUrl ?? '', agendaText: m.agendaText };
  if (!asNext) return values;
  // The next meeting: the same people, place and time of day, four weeks on (and not in the past); a new agenda text.
  const proposed = addDays(start.date as IsoDate, NEXT_MEETING_AFTER_DAYS);
  const today = todayIso();
  return { ...values, date: proposed > today ? proposed : addDays(today as IsoDate, 7), agendaText: '' };
}

function initialNetwork(m: Meeting | undefined): NetworkRow[] {
  return (m?.participants ?? []).filter((p) => p.kind === 'network').map((p, i) => ({ key: i + 1, name: p.name, relation: p.relation ?? '', ...(p.email ? { email: p.email } : {}) }));
}

function idsOf(m: Meeting | undefined, kind: 'member' | 'staff'): string[] {
  return (m?.participants ?? []).flatMap((p) => (p.kind !== kind ? [] : kind === 'member' ? (p.personId ? [p.personId] : []) : p.userId ? [p.userId] : []));
}

/**
 * A network meeting: title, date and times (Danish clock), place or https link, the agenda from the plan's goals,
 * and who takes part — family members, staff and network persons by name and relation.
 */
export function MeetingForm({ heading, submitLabel, family, goals, pending, onSubmit, onCancel, form, initial, asNext = false }: Props) {
  const { t } = useI18n();
  const staff = familyStaff(family);
  const [values, setValues] = useState(() => initialValues(initial, asNext));
  const [goalIds, setGoalIds] = useState<string[]>(() => initial?.agendaGoals.map((g) => g.id) ?? []);
  // A next meeting proposes only those who can still be chosen: not a member who left the household or a colleague
  // who left the team. (Editing a meeting keeps its participants as they are.)
  const [memberIds, setMemberIds] = useState<string[]>(() => idsOf(initial, 'member').filter((id) => !asNext || family.members.some((m) => m.personId === id)));
  const [staffIds, setStaffIds] = useState<string[]>(() => idsOf(initial, 'staff').filter((id) => !asNext || staff.some((s) => s.id === id)));
  const [network, setNetwork] = useState<NetworkRow[]>(() => initialNetwork(initial));
  const [nextKey, setNextKey] = useState(() => network.length + 1);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const startsAt = copenhagenToIso(values.date, values.start);
    const endsAt = copenhagenToIso(values.date, values.end);
    // Network persons first, so a problem at participants.<i> points at the i-th row of the form.
    const participants = [
      ...network.map((n) => ({ kind: 'network' as const, name: n.name, relation: n.relation, ...(n.email ? { email: n.email } : {}) })),
      ...memberIds.map((personId) => ({ kind: 'member' as const, personId })),
      ...staffIds.map((userId) => ({ kind: 'staff' as const, userId })),
    ];
    const parsed = MeetingBody.safeParse({
      title: values.title,
      startsAt,
      endsAt,
      place: values.place.trim() || undefined,
      onlineUrl: values.onlineUrl.trim() || undefined,
      agendaGoalIds: goalIds,
      agendaText: values.agendaText,
      participants,
    });
    const extra: Record<string, string> = {};
    if (!startsAt) extra.startsAt = t('meetings.timeMissing');
    if (!endsAt) extra.endsAt = t('meetings.timeMissing');
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    onSubmit(parsed.data);
  };

  return (
    <>
      <h3>{heading}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['title', t('meetings.field.title')],
          ['date', t('meetings.field.date')],
          ['startsAt', t('meetings.field.start')],
          ['endsAt', t('meetings.field.end')],
          ['place', t('meetings.field.placeShort')],
          ['onlineUrl', t('meetings.field.onlineUrlShort')],
          ['agendaGoalIds', t('meetings.field.agendaGoals')],
          ['agendaText', t('meetings.field.agendaText')],
          ...network.flatMap((_, i) => [
            [`participants.${i}.name`, t('meetings.field.networkNameN', { n: i + 1 })] as const,
            [`participants.${i}.relation`, t('meetings.field.networkRelationN', { n: i + 1 })] as const,
          ]),
        ]}
      />
      <form onSubmit={submit} noValidate>
        <TextField form={form} path="title" label={t('meetings.field.title')} value={values.title} onChange={set('title')} autoComplete="off" />
        <div className="form-grid">
          <TextField form={form} path="date" label={t('meetings.field.date')} type="date" value={values.date} onChange={set('date')} />
          <TextField form={form} path="startsAt" label={t('meetings.field.start')} type="time" value={values.start} onChange={set('start')} />
          <TextField form={form} path="endsAt" label={t('meetings.field.end')} type="time" value={values.end} onChange={set('end')} />
        </div>
        <div className="form-grid">
          <TextField form={form} path="place" label={t('meetings.field.place')} value={values.place} onChange={set('place')} autoComplete="off" />
          <TextField form={form} path="onlineUrl" label={t('meetings.field.onlineUrl')} hint={t('meetings.field.onlineUrlHint')} type="url" value={values.onlineUrl} onChange={set('onlineUrl')} autoComplete="off" />
        </div>
        {goals.length === 0 ? (
          <p className="muted">{t('meetings.noGoals')}</p>
        ) : (
          <CheckboxGroup form={form} path="agendaGoalIds" legend={t('meetings.field.agendaGoals')} hint={t('meetings.field.agendaGoalsHint')} options={goals.map((g) => ({ value: g.id, label: g.title }))} value={goalIds} onChange={setGoalIds} />
        )}
        <TextAreaField form={form} path="agendaText" label={t('meetings.field.agendaText')} value={values.agendaText} onChange={set('agendaText')} rows={3} />
        <CheckboxGroup form={form} path="members" legend={t('meetings.field.members')} options={family.members.map((m) => ({ value: m.personId, label: fullName(m) }))} value={memberIds} onChange={setMemberIds} />
        {staff.length === 0 ? (
          <p className="muted">{t('meetings.noStaff')}</p>
        ) : (
          <CheckboxGroup form={form} path="staff" legend={t('meetings.field.staff')} options={staff.map((s) => ({ value: s.id, label: s.name }))} value={staffIds} onChange={setStaffIds} />
        )}
        <fieldset className="form-fieldset">
          <legend>{t('meetings.field.network')}</legend>
          <span className="form-hint">{t('meetings.field.networkHint')}</span>
          {network.map((row, i) => (
            <div className="form-grid" key={row.key}>
              <TextField
                form={form}
                path={`participants.${i}.name`}
                label={t('meetings.field.networkNameN', { n: i + 1 })}
                value={row.name}
                onChange={(name) => setNetwork((rows) => rows.map((r) => (r.key === row.key ? { ...r, name } : r)))}
                autoComplete="off"
              />
              <TextField
                form={form}
                path={`participants.${i}.relation`}
                label={t('meetings.field.networkRelationN', { n: i + 1 })}
                value={row.relation}
                onChange={(relation) => setNetwork((rows) => rows.map((r) => (r.key === row.key ? { ...r, relation } : r)))}
                autoComplete="off"
              />
              <p>
                <button type="button" className="button button-link" onClick={() => setNetwork((rows) => rows.filter((r) => r.key !== row.key))}>
                  {t('meetings.network.remove', { n: i + 1 })}
                </button>
              </p>
            </div>
          ))}
          <p>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                setNetwork((rows) => [...rows, { key: nextKey, name: '', relation: '' }]);
                setNextKey((k) => k + 1);
              }}
            >
              {t('meetings.network.add')}
            </button>
          </p>
        </fieldset>
        <div className="form-actions">
          <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
