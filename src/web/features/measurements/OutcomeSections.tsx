import {
  CHILD_WELFARE_KINDS,
  CONCERN_SOURCES,
  ChildWelfareBody,
  ChildWelfarePatch,
  ConcernReportBody,
  ConcernReportPatch,
  SUPPORT_STATUSES,
  SchoolAttendanceBody,
  SchoolAttendancePatch,
  SupportPeriodBody,
  SupportPeriodPatch,
  type ChildWelfareKind,
  type SupportStatus,
} from '../../../shared/measurements';
import type { Translate } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import { formatDate, formatNumber, formatPeriod, parseAmount } from '../../lib/format';
import { FamilySection } from '../families/FamilySection';
import { sourceLabel, supportLabel, welfareKindLabel } from './labels';
import type { Measurements, Member } from './measurements.api';
import { OutcomeList, type FieldSpec, type Values } from './OutcomeList';

const orUndefined = (s: string | undefined) => (s ? s : undefined);
const orNull = (s: string | undefined) => (s ? s : null);
/** "12,5" or "12.5" → 12.5; what is not a number goes to the schema as is, so it is refused with a message. */
const percent = (s: string | undefined) => (s ? (parseAmount(s) ?? s) : undefined);

function choose(t: Translate, options: Array<{ value: string; label: string }>) {
  return [{ value: '', label: t('measurements.assessments.choose') }, ...options];
}

/** Forsørgelse: a timeline per adult, periods that never overlap. */
export function SupportSection({ data, familyId }: { data: Measurements; familyId: string }) {
  const { t, lang } = useI18n();
  const adults = data.members.filter((m) => m.adult);
  const statusOptions = SUPPORT_STATUSES.map((s) => ({ value: s, label: supportLabel(t, s) }));
  const fields: FieldSpec[] = [
    { path: 'status', label: t('measurements.support.status'), kind: 'select', options: choose(t, statusOptions) },
    { path: 'from', label: t('measurements.from'), kind: 'date' },
    { path: 'to', label: t('measurements.toOptional'), kind: 'date' },
  ];
  const what = (v: Values) => t('measurements.support.what', { period: formatPeriod(v.from ?? '', orNull(v.to), lang), status: v.status ? supportLabel(t, v.status as SupportStatus) : '' });
  return (
    <FamilySection id="support" title={t('measurements.support.title')}>
      <p>{t('measurements.support.intro')}</p>
      {adults.length === 0 && <p className="muted">{t('measurements.support.noAdults')}</p>}
      {adults.map((adult) => {
        const periods = data.supportPeriods.filter((p) => p.personId === adult.personId);
        return (
          <section key={adult.personId} aria-labelledby={`support-${adult.personId}`} className="goal-group">
            <h3 id={`support-${adult.personId}`}>{adult.name}</h3>
            <OutcomeList
              familyId={familyId}
              path="support-periods"
              listId={`support-${adult.personId}-list`}
              caption={t('measurements.support.caption', { name: adult.name })}
              empty={t('measurements.support.empty', { name: adult.name })}
              addLabel={t('measurements.support.add', { name: adult.name })}
              columns={[t('measurements.support.status'), t('measurements.period')]}
              rows={periods.map((p) => {
                const values = { status: p.status, from: p.from, to: p.to ?? '' };
                return { id: p.id, cells: [supportLabel(t, p.status), formatPeriod(p.from, p.to, lang)], what: what(values), values };
              })}
              fields={fields}
              blank={{ status: '', from: '', to: '' }}
              canRecord={data.can.record}
              create={{
                schema: SupportPeriodBody,
                body: (v) => ({ personId: adult.personId, status: orUndefined(v.status), from: orUndefined(v.from), to: orNull(v.to) }),
                what,
              }}
              patch={{ schema: SupportPeriodPatch, body: (v) => ({ status: orUndefined(v.status), from: orUndefined(v.from), to: orNull(v.to) }) }}
            />
          </section>
        );
      })}
    </FamilySection>
  );
}

/** Per child: child-welfare periods, concern reports and school absence. */
export function ChildrenSection({ data, familyId }: { data: Measurements; familyId: string }) {
  const { t } = useI18n();
  const children = data.members.filter((m) => m.child);
  return (
    <FamilySection id="children" title={t('measurements.children.title')}>
      <p>{t('measurements.children.intro')}</p>
      {children.length === 0 && <p className="muted">{t('measurements.children.noChildren')}</p>}
      {children.map((child) => (
        <section key={child.personId} aria-labelledby={`child-${child.personId}`} className="goal-group">
          <h3 id={`child-${child.personId}`}>{child.name}</h3>
          <WelfareList data={data} familyId={familyId} child={child} />
          <ConcernList data={data} familyId={familyId} child={child} />
          <AttendanceList data={data} familyId={familyId} child={child} />
        </section>
      ))}
    </FamilySection>
  );
}

interface ChildProps {
  data: Measurements;
  familyId: string;
  child: Member;
}

function WelfareList({ data, familyId, child }: ChildProps) {
  const { t, lang } = useI18n();
  const fields: FieldSpec[] = [
    { path: 'kind', label: t('measurements.welfare.kind'), kind: 'select', options: choose(t, CHILD_WELFARE_KINDS.map((k) => ({ value: k, label: welfareKindLabel(t, k) }))) },
    { path: 'from', label: t('measurements.from'), kind: 'date' },
    { path: 'to', label: t('measurements.toOptional'), kind: 'date' },
    { path: 'legalBasis', label: t('measurements.welfare.legalBasisOptional'), kind: 'text' },
  ];
  const what = (v: Values) => t('measurements.welfare.what', { kind: v.kind ? welfareKindLabel(t, v.kind as ChildWelfareKind) : '', period: formatPeriod(v.from ?? '', orNull(v.to), lang) });
  return (
    <>
      <h4>{t('measurements.welfare.title')}</h4>
      <OutcomeList
        familyId={familyId}
        path="child-welfare-periods"
        listId={`welfare-${child.personId}`}
        caption={t('measurements.welfare.caption', { name: child.name })}
        empty={t('measurements.welfare.empty', { name: child.name })}
        addLabel={t('measurements.welfare.add', { name: child.name })}
        columns={[t('measurements.welfare.kind'), t('measurements.period'), t('measurements.welfare.legalBasis')]}
        rows={data.childWelfarePeriods
          .filter((p) => p.personId === child.personId)
          .map((p) => {
            const values = { kind: p.kind, from: p.from, to: p.to ?? '', legalBasis: p.legalBasis ?? '' };
            return { id: p.id, cells: [welfareKindLabel(t, p.kind), formatPeriod(p.from, p.to, lang), p.legalBasis ?? ''], what: what(values), values };
          })}
        fields={fields}
        blank={{ kind: '', from: '', to: '', legalBasis: '' }}
        canRecord={data.can.record}
        create={{
          schema: ChildWelfareBody,
          body: (v) => ({ personId: child.personId, kind: orUndefined(v.kind), from: orUndefined(v.from), to: orNull(v.to), legalBasis: orUndefined(v.legalBasis?.trim()) }),
          what,
        }}
        patch={{ schema: ChildWelfarePatch, body: (v) => ({ kind: orUndefined(v.kind), from: orUndefined(v.from), to: orNull(v.to), legalBasis: orNull(v.legalBasis?.trim()) }) }}
      />
    </>
  );
}

function ConcernList({ data, familyId, child }: ChildProps) {
  const { t, lang } = useI18n();
  const fields: FieldSpec[] = [
    { path: 'date', label: t('measurements.date'), kind: 'date' },
    { path: 'source', label: t('measurements.concern.source'), kind: 'select', options: choose(t, CONCERN_SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))) },
  ];
  const what = (v: Values) => t('measurements.concern.what', { date: formatDate(v.date, lang) });
  return (
    <>
      <h4>{t('measurements.concern.title')}</h4>
      <OutcomeList
        familyId={familyId}
        path="concern-reports"
        listId={`concern-${child.personId}`}
        caption={t('measurements.concern.caption', { name: child.name })}
        empty={t('measurements.concern.empty', { name: child.name })}
        addLabel={t('measurements.concern.add', { name: child.name })}
        columns={[t('measurements.date'), t('measurements.concern.source')]}
        rows={data.concernReports
          .filter((r) => r.personId === child.personId)
          .map((r) => {
            const values = { date: r.date, source: r.source ?? '' };
            return { id: r.id, cells: [formatDate(r.date, lang), sourceLabel(t, r.source)], what: what(values), values };
          })}
        fields={fields}
        blank={{ date: '', source: '' }}
        canRecord={data.can.record}
        create={{ schema: ConcernReportBody, body: (v) => ({ personId: child.personId, date: orUndefined(v.date), source: v.source ?? '' }), what }}
        patch={{ schema: ConcernReportPatch, body: (v) => ({ date: orUndefined(v.date), source: orUndefined(v.source) }) }}
      />
    </>
  );
}

function AttendanceList({ data, familyId, child }: ChildProps) {
  const { t, lang } = useI18n();
  const fields: FieldSpec[] = [
    { path: 'from', label: t('measurements.from'), kind: 'date' },
    { path: 'to', label: t('measurements.to'), kind: 'date' },
    { path: 'absencePercent', label: t('measurements.attendance.absence'), kind: 'decimal' },
  ];
  const what = (v: Values) => t('measurements.attendance.what', { period: formatPeriod(v.from ?? '', orNull(v.to), lang) });
  return (
    <>
      <h4>{t('measurements.attendance.title')}</h4>
      <OutcomeList
        familyId={familyId}
        path="school-attendance"
        listId={`attendance-${child.personId}`}
        caption={t('measurements.attendance.caption', { name: child.name })}
        empty={t('measurements.attendance.empty', { name: child.name })}
        addLabel={t('measurements.attendance.add', { name: child.name })}
        columns={[t('measurements.period'), t('measurements.attendance.absenceShort')]}
        rows={data.schoolAttendance
          .filter((a) => a.personId === child.personId)
          .map((a) => {
            const values = { from: a.from, to: a.to, absencePercent: formatNumber(a.absencePercent) };
            return { id: a.id, cells: [formatPeriod(a.from, a.to, lang), t('measurements.attendance.percent', { value: formatNumber(a.absencePercent) })], what: what(values), values };
          })}
        fields={fields}
        blank={{ from: '', to: '', absencePercent: '' }}
        canRecord={data.can.record}
        create={{ schema: SchoolAttendanceBody, body: (v) => ({ personId: child.personId, from: orUndefined(v.from), to: orUndefined(v.to), absencePercent: percent(v.absencePercent) }), what }}
        patch={{ schema: SchoolAttendancePatch, body: (v) => ({ from: orUndefined(v.from), to: orUndefined(v.to), absencePercent: percent(v.absencePercent) }) }}
      />
    </>
  );
}
