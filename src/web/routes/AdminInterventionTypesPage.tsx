import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { InterventionTypeBody, UpdateInterventionTypeBody } from '../../shared/interventions';
import { Alert } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { useDepartments } from '../features/admin/useAdminQueries';
import { useFormErrors } from '../features/forms/useFormErrors';
import { createInterventionType, fetchInterventionTypes, interventionKeys, updateInterventionType, type InterventionType } from '../features/interventions/interventions.api';
import { InterventionTypeFields, typeFieldLabels, valuesOfType, type TypeValues } from '../features/interventions/InterventionTypeFields';
import { categoryLabel, priceText } from '../features/interventions/price';
import { useI18n } from '../i18n/useT';
import { formatPeriod, parseAmount, todayIso } from '../lib/format';
import { TableRegion } from '../components/TableRegion';
import { AdminNav } from '../features/admin/AdminNav';

const EMPTY: TypeValues = { code: '', name: '', category: '', departmentId: '', legalBasis: '', amount: '', per: 'month', validFrom: todayIso(), validTo: '', active: true };

/** The amount as a number, or NaN (which the shared schema refuses with a field message) when it cannot be read. */
function amountOf(values: TypeValues): number {
  return parseAmount(values.amount) ?? Number.NaN;
}

function CreateTypeForm({ onCreated }: { onCreated: (x: InterventionType) => void }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const queryClient = useQueryClient();
  const form = useFormErrors('create-type');
  const [values, setValues] = useState<TypeValues>(EMPTY);
  const create = useMutation({
    mutationFn: createInterventionType,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: interventionKeys.types });
      setValues({ ...EMPTY, validFrom: todayIso() });
      onCreated(created);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = InterventionTypeBody.safeParse({
      code: values.code,
      name: values.name,
      category: values.category,
      departmentId: values.departmentId || undefined,
      legalBasis: values.legalBasis.trim() || undefined,
      price: { amount: amountOf(values), per: values.per },
      validFrom: values.validFrom,
      validTo: values.validTo || null,
      active: values.active,
    });
    const extra: Record<string, string> = {};
    if (!values.departmentId) extra.departmentId = t('types.chooseDepartmentError');
    if (Number.isNaN(amountOf(values))) extra['price.amount'] = t('interventions.amountInvalid');
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    create.mutate(parsed.data);
  };
  if (departments.isPending) return <Spinner />;
  if (departments.isError) return <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  return (
    <>
      <ErrorSummary form={form} fields={typeFieldLabels(t, true)} />
      <form onSubmit={onSubmit} noValidate>
        <InterventionTypeFields form={form} values={values} onChange={setValues} departments={departments.data} withCode />
        <div className="form-actions">
          <SubmitButton pending={create.isPending}>{t('types.create')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function EditTypeDialog({ type, onClose, onSaved }: { type: InterventionType | null; onClose: () => void; onSaved: (x: InterventionType) => void }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const queryClient = useQueryClient();
  const form = useFormErrors('edit-type');
  const [values, setValues] = useState<TypeValues>(EMPTY);
  const [forId, setForId] = useState<string | null>(null);
  if ((type?.id ?? null) !== forId) {
    setForId(type?.id ?? null);
    if (type) setValues(valuesOfType(type));
    form.clear();
  }
  const save = useMutation({
    mutationFn: (body: Parameters<typeof updateInterventionType>[1]) => updateInterventionType(type?.id ?? '', body),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: interventionKeys.types });
      onSaved(updated);
    },
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = UpdateInterventionTypeBody.safeParse({
      name: values.name,
      category: values.category,
      departmentId: values.departmentId || undefined,
      legalBasis: values.legalBasis.trim() || null,
      price: { amount: amountOf(values), per: values.per },
      validFrom: values.validFrom,
      validTo: values.validTo || null,
      active: values.active,
    });
    const extra: Record<string, string> = Number.isNaN(amountOf(values)) ? { 'price.amount': t('interventions.amountInvalid') } : {};
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <Dialog open={type !== null} title={t('types.editTitle', { name: type?.name ?? '' })} onClose={onClose}>
      <p className="muted">{t('types.editText', { code: type?.code ?? '' })}</p>
      <ErrorSummary form={form} fields={typeFieldLabels(t, false)} />
      {departments.data && (
        <form onSubmit={onSubmit} noValidate>
          <InterventionTypeFields form={form} values={values} onChange={setValues} departments={departments.data} withCode={false} />
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

/** Indsatskatalog: the intervention types the departments deliver, with price and validity. */
export function AdminInterventionTypesPage() {
  const { t, lang } = useI18n();
  const types = useQuery({ queryKey: interventionKeys.types, queryFn: fetchInterventionTypes });
  const [editing, setEditing] = useState<InterventionType | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const sorted = [...(types.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, lang));
  return (
    <>
      <PageHeading>{t('types.title')}</PageHeading>
      <AdminNav />
      <p className="lead">{t('types.intro')}</p>
      {message && (
        <Alert variant="success" live="status">
          <p>{message}</p>
        </Alert>
      )}
      {types.isPending ? (
        <Spinner />
      ) : types.isError ? (
        <QueryError error={types.error} onRetry={() => void types.refetch()} />
      ) : sorted.length === 0 ? (
        <div className="empty-state">
          <p>{t('types.empty')}</p>
        </div>
      ) : (
        <TableRegion id="types-caption" caption={t('types.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('types.category')}</th>
              <th scope="col">{t('field.department')}</th>
              <th scope="col">{t('types.legalBasis')}</th>
              <th scope="col">{t('interventions.price')}</th>
              <th scope="col">{t('types.validity')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((x) => (
              <tr key={x.id}>
                <th scope="row">
                  {x.name}
                  <br />
                  <code>{x.code}</code>
                </th>
                <td>{categoryLabel(t, x.category)}</td>
                <td>{x.departmentName}</td>
                <td>{x.legalBasis ?? <span className="muted">{t('members.none')}</span>}</td>
                <td className="nowrap">{priceText(t, x.price)}</td>
                <td className="nowrap">{formatPeriod(x.validFrom, x.validTo, lang)}</td>
                <td>{x.active ? <span className="badge badge-success">{t('types.active')}</span> : <span className="badge badge-neutral">{t('types.inactive')}</span>}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setMessage(null);
                      setEditing(x);
                    }}
                  >
                    {t('types.edit')}
                    <span className="visually-hidden"> {x.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      <section className="section section-bordered" aria-labelledby="create-type-heading">
        <h2 id="create-type-heading">{t('types.createHeading')}</h2>
        <CreateTypeForm onCreated={(x) => setMessage(t('types.created', { name: x.name }))} />
      </section>
      <EditTypeDialog
        type={editing}
        onClose={() => setEditing(null)}
        onSaved={(x) => {
          setEditing(null);
          setMessage(t('types.saved', { name: x.name }));
        }}
      />
    </>
  );
}
