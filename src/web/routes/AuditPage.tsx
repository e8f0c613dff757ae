import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../../shared/audit';
import { CprSchema } from '../../shared/families';
import { fieldMessage } from '../../shared/field-messages';
import { ErrorSummary } from '../components/ErrorSummary';
import { SelectField, TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { auditKeys, fetchAuditActors, fetchAuditPage, lookupAuditPerson, type AuditFilters } from '../features/audit/audit.api';
import { actionOptions, outcomeLabel } from '../features/audit/auditLabels';
import { AuditTable } from '../features/audit/AuditTable';
import { useFormErrors } from '../features/forms/useFormErrors';
import { useI18n } from '../i18n/useT';

const FILTER_KEYS = ['actorUserId', 'action', 'outcome', 'from', 'to', 'personId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FilterValues = Record<FilterKey, string>;

/** The filters as they travel in the address, so a filtered view can be bookmarked and shared. */
function filtersFromParams(params: URLSearchParams): FilterValues {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as FilterValues;
}

function toQuery(values: FilterValues): AuditFilters {
  const outcome = AUDIT_OUTCOMES.find((o) => o === values.outcome);
  return {
    actorUserId: values.actorUserId || undefined,
    action: values.action || undefined,
    outcome,
    personId: values.personId.trim() || undefined,
    from: values.from || undefined,
    to: values.to || undefined,
  };
}

const PersonId = z.uuid();

/** The audit log: who did what, when, with which outcome — for managers and administrators. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = filtersFromParams(params);
  const [values, setValues] = useState<FilterValues>(applied);
  const [syncedParams, setSyncedParams] = useState(params.toString());
  if (syncedParams !== params.toString()) {
    // The address changed (back/forward): the form shows what is applied.
    setSyncedParams(params.toString());
    setValues(applied);
  }
  const form = useFormErrors('audit-filter');
  const [cpr, setCpr] = useState('');
  const [lookingUp, setLookingUp] = useState(false);
  const set = (key: FilterKey) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const query = toQuery(applied);

  const actors = useQuery({ queryKey: auditKeys.actors, queryFn: fetchAuditActors });
  const events = useInfiniteQuery({
    queryKey: auditKeys.events(query),
    queryFn: ({ pageParam, signal }) => fetchAuditPage(query, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });

  const fields = [
    ['actorUserId', t('audit.col.user')],
    ['action', t('audit.col.action')],
    ['outcome', t('audit.col.outcome')],
    ['from', t('audit.from')],
    ['to', t('audit.to')],
    ['personId', t('audit.personId')],
    ['cpr', t('audit.cpr')],
  ] as const;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (values.personId.trim() && !PersonId.safeParse(values.personId.trim()).success) errors.personId = t('audit.personIdInvalid');
    if (values.from && values.to && values.from > values.to) errors.to = t('audit.dateOrder');
    const cprParsed = cpr.trim() ? CprSchema.safeParse(cpr) : null;
    if (cprParsed && !cprParsed.success) errors.cpr = fieldMessage(cprParsed.error.issues[0]?.message ?? 'cpr', lang) ?? t('audit.cprNotFound');
    if (Object.keys(errors).length > 0) return form.fail(errors);
    let personId = values.personId.trim();
    if (cprParsed?.success) {
      // The CPR number is turned into the person's id on the server (audited, hashed); only the id goes in the address.
      setLookingUp(true);
      try {
        const found = await lookupAuditPerson(cprParsed.data);
        if (!found) return form.fail({ cpr: t('audit.cprNotFound') });
        personId = found;
        setValues((v) => ({ ...v, personId: found }));
      } catch (error) {
        return form.failFromApi(error, 'cpr');
      } finally {
        setLookingUp(false);
      }
    }
    form.clear();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = key === 'personId' ? personId : values[key].trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  };

  const onReset = () => {
    form.clear();
    setCpr('');
    setValues(filtersFromParams(new URLSearchParams()));
    setParams(new URLSearchParams());
  };

  const nextPageError = events.isFetchNextPageError ? events.error : null;
  const allEvents = events.data?.pages.flatMap((p) => p.events) ?? [];
  const filtered = FILTER_KEYS.some((key) => applied[key]);

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>
      <ErrorSummary form={form} fields={fields} />
      <form className="filter-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="visually-hidden">
          {t('audit.filterHeading')}
        </h2>
        <div className="form-grid">
          <SelectField
            form={form}
            path="actorUserId"
            label={t('audit.col.user')}
            value={values.actorUserId}
            onChange={set('actorUserId')}
            options={[{ value: '', label: t('audit.allUsers') }, ...(actors.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
          />
          <SelectField form={form} path="action" label={t('audit.col.action')} value={values.action} onChange={set('action')} options={[{ value: '', label: t('audit.allActions') }, ...actionOptions(t)]} />
          <SelectField
            form={form}
            path="outcome"
            label={t('audit.col.outcome')}
            value={values.outcome}
            onChange={set('outcome')}
            options={[{ value: '', label: t('audit.allOutcomes') }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(t, o) }))]}
          />
          <TextField form={form} path="from" label={t('audit.from')} type="date" value={values.from} onChange={set('from')} />
          <TextField form={form} path="to" label={t('audit.to')} type="date" value={values.to} onChange={set('to')} />
          <TextField form={form} path="cpr" label={t('audit.cpr')} hint={t('audit.cprHint')} value={cpr} onChange={setCpr} autoComplete="off" spellCheck={false} inputMode="numeric" />
          <TextField form={form} path="personId" label={t('audit.personId')} value={values.personId} onChange={set('personId')} autoComplete="off" spellCheck={false} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={lookingUp} aria-busy={lookingUp || undefined}>
            {t('audit.applyFilters')}
          </button>
          {filtered && (
            <button type="button" className="button button-secondary" onClick={onReset}>
              {t('audit.resetFilters')}
            </button>
          )}
        </div>
      </form>

      <h2>{t('audit.resultsHeading')}</h2>
      {events.isPending ? (
        <Spinner />
      ) : events.isError ? (
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
      ) : allEvents.length === 0 ? (
        <div className="empty-state">
          <p>{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
        </div>
      ) : (
        <>
          <p role="status" className="muted">
            {events.hasNextPage
              ? t('audit.countMore', { count: allEvents.length })
              : allEvents.length === 1
                ? t('audit.countOne')
                : t('audit.count', { count: allEvents.length })}
          </p>
          <AuditTable events={allEvents} />
          {nextPageError && <QueryError error={nextPageError} />}
          {events.hasNextPage && (
            <button type="button" className="button button-secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
              {events.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
              {t('audit.showMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}
