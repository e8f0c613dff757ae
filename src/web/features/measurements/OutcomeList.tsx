import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { TableRegion } from '../../components/TableRegion';
import { useI18n } from '../../i18n/useT';
import { familyKeys } from '../families/families.api';
import { FormToggle, SectionMessage, useSectionMessage } from '../families/FamilySection';
import { useFormErrors } from '../forms/useFormErrors';
import { changeOutcome, createOutcome, deleteOutcome, measurementKeys, type OutcomePath } from './measurements.api';

/** One field of an outcome form; `path` is the body's field, so server problems land on it. */
export interface FieldSpec {
  path: string;
  label: string;
  kind: 'select' | 'date' | 'text' | 'decimal';
  options?: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
}

export type Values = Record<string, string>;

/** A record as the list shows it: its cells, how to name it in a sentence, and its values for the edit form. */
export interface OutcomeRow {
  id: string;
  cells: ReactNode[];
  /** E.g. "Perioden 01.01.2023 – … (Kontanthjælp)". */
  what: string;
  values: Values;
}

interface Props {
  familyId: string;
  path: OutcomePath;
  /** Unique on the page: the section's message and the forms' ids hang on it. */
  listId: string;
  caption: string;
  empty: string;
  addLabel: string;
  columns: string[];
  rows: OutcomeRow[];
  fields: FieldSpec[];
  blank: Values;
  canRecord: boolean;
  /** The body to send, checked with the shared schema before it goes. */
  create: { schema: z.ZodType; body: (v: Values) => unknown; what: (v: Values) => string };
  patch: { schema: z.ZodType; body: (v: Values) => unknown };
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('da') + s.slice(1);

/**
 * A person's records of one kind (support periods, child-welfare periods, concern reports, school absence):
 * a captioned table with change and delete per row (delete asks first), and a form to add one.
 */
export function OutcomeList(p: Props) {
  const { t } = useI18n();
  const [message, setMessage] = useSectionMessage(p.listId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<OutcomeRow | null>(null);
  const [deleting, setDeleting] = useState<OutcomeRow | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: measurementKeys.family(p.familyId) });
    void queryClient.invalidateQueries({ queryKey: familyKeys.overview(p.familyId) });
  };
  const remove = useMutation({
    mutationFn: (row: OutcomeRow) => deleteOutcome(p.familyId, p.path, row.id),
    onSuccess: (_r, row) => {
      setDeleting(null);
      setMessage(t('measurements.deleted', { what: row.what }));
      refresh();
    },
  });
  const captionId = `${p.listId}-caption`;
  return (
    <>
      <SectionMessage message={message} />
      {p.rows.length === 0 ? (
        <p className="muted">{p.empty}</p>
      ) : (
        <TableRegion id={captionId} caption={p.caption}>
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
              {p.canRecord && (
                <th scope="col">
                  <span className="visually-hidden">{t('measurements.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr key={row.id}>
                {row.cells.map((cell, i) => (i === 0 ? <th scope="row" key={i}>{cell}</th> : <td key={i}>{cell}</td>))}
                {p.canRecord && (
                  <td>
                    <span className="button-row">
                      <button type="button" className="button button-link" aria-label={t('measurements.editRow', { what: lowerFirst(row.what) })} onClick={() => (setEditing(row), setAdding(false), setMessage(null))}>
                        {t('measurements.edit')}
                      </button>
                      <button type="button" className="button button-link" aria-label={t('measurements.deleteRow', { what: lowerFirst(row.what) })} onClick={() => (remove.reset(), setDeleting(row))}>
                        {t('measurements.delete')}
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {p.canRecord && editing && (
        <EditPanel key={editing.id}>
          <OutcomeForm
            key={editing.id}
            {...p}
            formId={`${p.listId}-edit`}
            title={t('measurements.editTitle', { what: lowerFirst(editing.what) })}
            initial={editing.values}
            submit={(body) => changeOutcome(p.familyId, p.path, editing.id, body as never)}
            schema={p.patch.schema}
            toBody={p.patch.body}
            onDone={(v) => {
              setEditing(null);
              setMessage(t('measurements.saved', { what: p.create.what(v) }));
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        </EditPanel>
      )}
      {p.canRecord && (
        <FormToggle label={p.addLabel} open={adding} onOpen={() => (setAdding(true), setEditing(null), setMessage(null))}>
          <OutcomeForm
            {...p}
            formId={`${p.listId}-add`}
            title={p.addLabel}
            initial={p.blank}
            submit={(body) => createOutcome(p.familyId, p.path, body as never)}
            schema={p.create.schema}
            toBody={p.create.body}
            onDone={(v) => {
              setAdding(false);
              setMessage(t('measurements.saved', { what: p.create.what(v) }));
              refresh();
            }}
            onCancel={() => setAdding(false)}
          />
        </FormToggle>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('measurements.deleteTitle')}
        confirmLabel={t('measurements.deleteConfirm')}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(null)}
        pending={remove.isPending}
        error={remove.error}
      >
        <p>{deleting ? t('measurements.deleteBody', { what: deleting.what }) : null}</p>
      </ConfirmDialog>
    </>
  );
}

/** The change form, opened from a row: its heading takes focus, so a keyboard user lands in it. */
function EditPanel({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const heading = ref.current?.querySelector<HTMLElement>('h3');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, []);
  return (
    <div ref={ref} className="form-panel">
      {children}
    </div>
  );
}

interface FormProps {
  formId: string;
  title: string;
  fields: FieldSpec[];
  initial: Values;
  schema: z.ZodType;
  toBody: (v: Values) => unknown;
  submit: (body: unknown) => Promise<unknown>;
  onDone: (values: Values) => void;
  onCancel: () => void;
}

function OutcomeForm({ formId, title, fields, initial, schema, toBody, submit, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const form = useFormErrors(formId);
  const [values, setValues] = useState<Values>(initial);
  const save = useMutation({ mutationFn: submit, onSuccess: () => onDone(values), onError: (error) => form.failFromApi(error) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = schema.safeParse(toBody(values));
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  const set = (path: string) => (value: string) => setValues((v) => ({ ...v, [path]: value }));
  return (
    <>
      <h3>{title}</h3>
      <ErrorSummary form={form} fields={fields.map((f) => [f.path, f.label] as const)} />
      <form onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          {fields.map((f) =>
            f.kind === 'select' ? (
              <SelectField key={f.path} form={form} path={f.path} label={f.label} hint={f.hint} value={values[f.path] ?? ''} onChange={set(f.path)} options={f.options ?? []} />
            ) : (
              <TextField
                key={f.path}
                form={form}
                path={f.path}
                label={f.label}
                hint={f.hint}
                type={f.kind === 'date' ? 'date' : 'text'}
                inputMode={f.kind === 'decimal' ? 'decimal' : undefined}
                narrow={f.kind !== 'text'}
                value={values[f.path] ?? ''}
                onChange={set(f.path)}
              />
            ),
          )}
        </div>
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('measurements.save')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
