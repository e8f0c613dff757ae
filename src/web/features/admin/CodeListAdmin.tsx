import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { SubmitButton } from '../../components/SubmitButton';
import { TableRegion } from '../../components/TableRegion';
import type { MessageKey } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { useFormErrors, type FormErrorsState } from '../forms/useFormErrors';
import { AdminNav } from './AdminNav';

/** An entry of one of the municipality's own code lists (early signs, life domains): a code that keeps its meaning. */
export interface CodeListItem {
  code: string;
  labelDa: string;
  labelEn: string;
  active: boolean;
  sortOrder: number;
  child?: boolean;
}

/** What is saved for an entry (the code is in the path). */
export interface CodeListBody {
  labelDa: string;
  labelEn: string;
  active: boolean;
  sortOrder: number;
  child?: boolean;
}

/** The page's words, by message key. */
export interface CodeListTexts {
  title: MessageKey;
  intro: MessageKey;
  caption: MessageKey;
  empty: MessageKey;
  order: MessageKey;
  orderHint: MessageKey;
  labelDa: MessageKey;
  labelEn: MessageKey;
  activeLabel: MessageKey;
  active: MessageKey;
  inactive: MessageKey;
  /** With {name}. */
  editTitle: MessageKey;
  addHeading: MessageKey;
  add: MessageKey;
  codeHint: MessageKey;
  codeTaken: MessageKey;
  /** With {name}. */
  added: MessageKey;
  /** With {name}. */
  saved: MessageKey;
}

export interface CodeListConfig<T extends CodeListItem> {
  /** Names the forms' ids: "sign", "domain". */
  id: string;
  texts: CodeListTexts;
  queryKey: readonly unknown[];
  /** Other queries that show the list (the pages that choose from it). */
  alsoInvalidate: ReadonlyArray<readonly unknown[]>;
  fetchAll: () => Promise<T[]>;
  put: (code: string, body: CodeListBody) => Promise<T>;
  /** The shared contract's checks, the same the server makes. */
  codeSchema: z.ZodType<{ code: string }>;
  bodySchema: z.ZodType<CodeListBody>;
  /** A yes/no property some lists have (life domains: whether the domain is about a child). */
  flag?: { key: 'child'; label: MessageKey; hint?: MessageKey; column: MessageKey };
}

interface Values {
  code: string;
  labelDa: string;
  labelEn: string;
  active: boolean;
  flag: boolean;
  sortOrder: string;
}

function valuesOf(item: CodeListItem): Values {
  return { code: item.code, labelDa: item.labelDa, labelEn: item.labelEn, active: item.active, flag: item.child ?? false, sortOrder: String(item.sortOrder) };
}

function parseBody<T extends CodeListItem>(config: CodeListConfig<T>, v: Values) {
  const order = v.sortOrder.trim() === '' ? 0 : Number(v.sortOrder);
  return config.bodySchema.safeParse({
    labelDa: v.labelDa,
    labelEn: v.labelEn,
    active: v.active,
    sortOrder: Number.isInteger(order) ? order : Number.NaN,
    ...(config.flag ? { [config.flag.key]: v.flag } : {}),
  });
}

function Fields<T extends CodeListItem>({ config, form, values, onChange }: { config: CodeListConfig<T>; form: FormErrorsState; values: Values; onChange: (v: Values) => void }) {
  const t = useT();
  const { texts, flag } = config;
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField form={form} path="labelDa" label={t(texts.labelDa)} value={values.labelDa} onChange={set('labelDa')} autoComplete="off" lang="da" />
      <TextField form={form} path="labelEn" label={t(texts.labelEn)} value={values.labelEn} onChange={set('labelEn')} autoComplete="off" lang="en" />
      <TextField form={form} path="sortOrder" label={t(texts.order)} hint={t(texts.orderHint)} value={values.sortOrder} onChange={set('sortOrder')} inputMode="numeric" narrow autoComplete="off" />
      {flag && (
        <div className="checkbox form-group">
          <input type="checkbox" id={form.idFor(flag.key)} checked={values.flag} onChange={(e) => set('flag')(e.target.checked)} aria-describedby={flag.hint ? `${form.idFor(flag.key)}-hint` : undefined} />
          <label htmlFor={form.idFor(flag.key)}>{t(flag.label)}</label>
          {flag.hint && (
            <p className="form-hint" id={`${form.idFor(flag.key)}-hint`}>
              {t(flag.hint)}
            </p>
          )}
        </div>
      )}
      <div className="checkbox form-group">
        <input type="checkbox" id={form.idFor('active')} checked={values.active} onChange={(e) => set('active')(e.target.checked)} />
        <label htmlFor={form.idFor('active')}>{t(texts.activeLabel)}</label>
      </div>
    </>
  );
}

function fieldNames<T extends CodeListItem>(config: CodeListConfig<T>, t: ReturnType<typeof useT>, withCode: boolean): Array<readonly [string, string]> {
  return [
    ...(withCode ? [['code', t('types.code')] as const] : []),
    ['labelDa', t(config.texts.labelDa)] as const,
    ['labelEn', t(config.texts.labelEn)] as const,
    ['sortOrder', t(config.texts.order)] as const,
  ];
}

function useSave<T extends CodeListItem>(config: CodeListConfig<T>, form: FormErrorsState, onSaved: (item: T) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: CodeListBody }) => config.put(code, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: config.queryKey });
      for (const key of config.alsoInvalidate) await queryClient.invalidateQueries({ queryKey: key });
      onSaved(saved);
    },
    onError: (error) => form.failFromApi(error),
  });
}

function EditDialog<T extends CodeListItem>({ config, item, onClose, onSaved }: { config: CodeListConfig<T>; item: T | null; onClose: () => void; onSaved: (item: T) => void }) {
  const t = useT();
  const form = useFormErrors(`edit-${config.id}`);
  const [values, setValues] = useState<Values | null>(null);
  const [forCode, setForCode] = useState<string | null>(null);
  if ((item?.code ?? null) !== forCode) {
    setForCode(item?.code ?? null);
    setValues(item ? valuesOf(item) : null);
    form.clear();
  }
  const save = useSave(config, form, onSaved);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!values || !item) return;
    const parsed = parseBody(config, values);
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate({ code: item.code, body: parsed.data });
  };
  return (
    <Dialog open={item !== null} title={t(config.texts.editTitle, { name: item?.labelDa ?? '' })} onClose={onClose}>
      <ErrorSummary form={form} fields={fieldNames(config, t, false)} />
      {values && (
        <form onSubmit={onSubmit} noValidate>
          <Fields config={config} form={form} values={values} onChange={setValues} />
          <div className="dialog-actions">
            <SubmitButton pending={save.isPending}>{t('common.save')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function AddForm<T extends CodeListItem>({ config, nextOrder, existing, onSaved }: { config: CodeListConfig<T>; nextOrder: number; existing: readonly string[]; onSaved: (item: T) => void }) {
  const t = useT();
  const form = useFormErrors(`add-${config.id}`);
  const empty = (): Values => ({ code: '', labelDa: '', labelEn: '', active: true, flag: false, sortOrder: String(nextOrder) });
  const [values, setValues] = useState<Values>(empty);
  const save = useSave(config, form, (item) => {
    setValues(empty());
    onSaved(item);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const code = config.codeSchema.safeParse({ code: values.code });
    const body = parseBody(config, values);
    const extra: Record<string, string> = existing.includes(values.code.trim()) ? { code: t(config.texts.codeTaken) } : {};
    if (!code.success || !body.success) return form.failFromZod(new z.ZodError([...(code.error?.issues ?? []), ...(body.error?.issues ?? [])]), extra);
    if (Object.keys(extra).length > 0) return form.fail(extra);
    form.clear();
    save.mutate({ code: code.data.code, body: body.data });
  };
  return (
    <>
      <ErrorSummary form={form} fields={fieldNames(config, t, true)} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          form={form}
          path="code"
          label={t('types.code')}
          hint={t(config.texts.codeHint)}
          value={values.code}
          onChange={(code) => setValues((v) => ({ ...v, code }))}
          autoComplete="off"
          spellCheck={false}
          narrow
        />
        <Fields config={config} form={form} values={values} onChange={setValues} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t(config.texts.add)}</SubmitButton>
        </div>
      </form>
    </>
  );
}

/**
 * An administration page for one of the municipality's own code lists, in Danish and English, in order: the list,
 * an edit dialog per entry, and a form to add one. A code is chosen once and keeps its meaning; an entry is taken out
 * of use rather than removed, so what was recorded with it keeps its words.
 */
export function CodeListAdmin<T extends CodeListItem>({ config }: { config: CodeListConfig<T> }) {
  const t = useT();
  const { texts, flag } = config;
  const list = useQuery({ queryKey: config.queryKey, queryFn: config.fetchAll });
  const [editing, setEditing] = useState<T | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const sorted = [...(list.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.labelDa.localeCompare(b.labelDa, 'da'));
  const nextOrder = sorted.reduce((max, s) => Math.max(max, s.sortOrder), 0) + 10;
  return (
    <>
      <PageHeading>{t(texts.title)}</PageHeading>
      <AdminNav />
      <p className="lead">{t(texts.intro)}</p>
      {message && (
        <Alert variant="success" live="status">
          <p>{message}</p>
        </Alert>
      )}
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : sorted.length === 0 ? (
        <div className="empty-state">
          <p>{t(texts.empty)}</p>
        </div>
      ) : (
        <TableRegion id={`${config.id}-list-caption`} caption={t(texts.caption)}>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t(texts.order)}
              </th>
              <th scope="col">{t(texts.labelDa)}</th>
              <th scope="col">{t(texts.labelEn)}</th>
              <th scope="col">{t('types.code')}</th>
              {flag && <th scope="col">{t(flag.column)}</th>}
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr key={s.code}>
                <td className="numeric">{s.sortOrder}</td>
                <th scope="row" lang="da">
                  {s.labelDa}
                </th>
                <td lang="en">{s.labelEn}</td>
                <td>
                  <code>{s.code}</code>
                </td>
                {flag && <td>{s[flag.key] ? t('common.yes') : t('common.no')}</td>}
                <td>{s.active ? <span className="badge badge-success">{t(texts.active)}</span> : <span className="badge badge-neutral">{t(texts.inactive)}</span>}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setMessage(null);
                      setEditing(s);
                    }}
                  >
                    {t('types.edit')}
                    <span className="visually-hidden"> {s.labelDa}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <section className="section section-bordered" aria-labelledby={`add-${config.id}-heading`}>
        <h2 id={`add-${config.id}-heading`}>{t(texts.addHeading)}</h2>
        {list.data && (
          <AddForm key={sorted.length} config={config} nextOrder={nextOrder} existing={sorted.map((s) => s.code)} onSaved={(s) => setMessage(t(texts.added, { name: s.labelDa }))} />
        )}
      </section>
      <EditDialog
        config={config}
        item={editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setEditing(null);
          setMessage(t(texts.saved, { name: s.labelDa }));
        }}
      />
    </>
  );
}
