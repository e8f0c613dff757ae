import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import type { Lang } from '../../../shared/i18n';
import type { FamilyData } from '../families/families.api';
import { memberName } from '../families/useFamily';
import { domainLabel, goalStatusLabel, horizonLabel } from './labels';
import { fetchDiff, planKeys, type LifeDomain, type PlanDiff, type PlanVersion } from './plans.api';

type Target = number | 'draft';

/** "Hvad er ændret": any two versions (or a version and the draft), compared goal by goal and field by field. */
export function DiffPanel({ familyId, versions, hasDraftChanges, domains, family }: { familyId: string; versions: readonly PlanVersion[]; hasDraftChanges: boolean; domains: readonly LifeDomain[]; family: FamilyData }) {
  const { t, lang } = useI18n();
  const idBase = useId();
  const numbers = versions.map((v) => v.number).sort((a, b) => a - b);
  const latest = numbers[numbers.length - 1] ?? 1;
  const [from, setFrom] = useState(String(numbers.length > 1 ? numbers[numbers.length - 2] : latest));
  const [to, setTo] = useState(numbers.length > 1 ? String(latest) : 'draft');
  const [shown, setShown] = useState<{ from: number; to: Target } | null>(null);
  const diff = useQuery({
    queryKey: shown ? planKeys.diff(familyId, shown.from, shown.to) : ['plan', familyId, 'diff', 'none'],
    queryFn: () => (shown ? fetchDiff(familyId, shown.from, shown.to) : Promise.reject(new Error('no diff chosen'))),
    enabled: shown !== null,
  });
  if (numbers.length === 0) return <p className="muted">{t('plan.diff.needTwo')}</p>;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ from: Number(from), to: to === 'draft' ? 'draft' : Number(to) });
  };
  const toOptions = [...numbers.map((n) => ({ value: String(n), label: String(n) })), ...(hasDraftChanges ? [{ value: 'draft', label: t('plan.diff.draft') }] : [])];
  return (
    <section aria-labelledby={`${idBase}-h`}>
      <h3 id={`${idBase}-h`}>{t('plan.diff.title')}</h3>
      <form className="inline-form" onSubmit={onSubmit}>
        <div className="form-group">
          <label className="form-label" htmlFor={`${idBase}-from`}>
            {t('plan.diff.from')}
          </label>
          <select id={`${idBase}-from`} className="form-select" value={from} onChange={(e) => setFrom(e.target.value)}>
            {numbers.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${idBase}-to`}>
            {t('plan.diff.to')}
          </label>
          <select id={`${idBase}-to`} className="form-select" value={to} onChange={(e) => setTo(e.target.value)}>
            {toOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('plan.diff.show')}
        </button>
      </form>
      {shown && (
        <div aria-live="polite">
          {diff.isPending ? (
            <Spinner />
          ) : diff.isError ? (
            <QueryError error={diff.error} />
          ) : (
            <DiffList diff={diff.data} domains={domains} family={family} t={t} lang={lang} />
          )}
        </div>
      )}
    </section>
  );
}

function show(field: string, value: unknown, ctx: { t: Translate; lang: Lang; domains: readonly LifeDomain[]; family: FamilyData }): string {
  const { t, lang } = ctx;
  if (value === null || value === undefined || value === '') return t('plan.diff.empty');
  if (field === 'domain' && typeof value === 'string') return domainLabel(ctx.domains, value, lang);
  if (field === 'personId') return typeof value === 'string' ? memberName(ctx.family, value) : t('plan.goals.wholeFamily');
  if (field === 'horizon' && typeof value === 'string') return horizonLabel(t, value);
  if (field === 'status' && typeof value === 'string') return goalStatusLabel(t, value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    const r = value as { kind: string; personId?: string };
    if (r.kind === 'person' && r.personId) return memberName(ctx.family, r.personId);
    return t(r.kind === 'staff' ? 'plan.actions.kindStaff' : 'plan.actions.kindDepartment');
  }
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).filter(Boolean).join(' / ');
  return String(value);
}

function fieldName(t: Translate, field: string): string {
  if (field.startsWith('gas.')) return t('plan.goals.gasLevel', { level: field.slice(4) });
  const key = `plan.field.${field}`;
  return isMessageKey(key) ? t(key as MessageKey) : field;
}

function DiffList({ diff, domains, family, t, lang }: { diff: PlanDiff; domains: readonly LifeDomain[]; family: FamilyData; t: Translate; lang: Lang }) {
  const ctx = { t, lang, domains, family };
  const heading = diff.to === 'draft' ? t('plan.diff.headingDraft', { from: diff.from }) : t('plan.diff.heading', { from: diff.from, to: diff.to });
  const fields = (list: ReadonlyArray<{ field: string; before: unknown; after: unknown }>) =>
    list.length > 0 && (
      <ul>
        {list.map((f) => (
          <li key={f.field}>{t('plan.diff.field', { field: fieldName(t, f.field), before: show(f.field, f.before, ctx), after: show(f.field, f.after, ctx) })}</li>
        ))}
      </ul>
    );
  return (
    <div className="diff">
      <h4>{heading}</h4>
      {diff.unchanged ? (
        <p>{t('plan.diff.unchanged')}</p>
      ) : (
        <ul className="diff-list">
          {diff.baseline.map((b) => {
            const domain = domainLabel(domains, b.domain, lang);
            return (
              <li key={`b-${b.domain}`}>
                {b.kind === 'added'
                  ? t('plan.diff.baselineAdded', { domain, score: b.after?.score ?? '' })
                  : b.kind === 'removed'
                    ? t('plan.diff.baselineRemoved', { domain })
                    : t('plan.diff.baselineChanged', { domain })}
                {fields(b.fields)}
              </li>
            );
          })}
          {diff.goals.map((g) => (
            <li key={`g-${g.id}`}>
              <strong>{g.kind === 'added' ? t('plan.diff.goalAdded', { title: g.title }) : g.kind === 'removed' ? t('plan.diff.goalRemoved', { title: g.title }) : t('plan.diff.goalChanged', { title: g.title })}</strong>
              {fields(g.fields)}
              {g.actions.length > 0 && (
                <ul>
                  {g.actions.map((a) => (
                    <li key={a.id}>
                      {a.kind === 'added' ? t('plan.diff.actionAdded', { what: a.what }) : a.kind === 'removed' ? t('plan.diff.actionRemoved', { what: a.what }) : t('plan.diff.actionChanged', { what: a.what })}
                      {fields(a.fields)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
