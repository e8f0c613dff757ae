import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CreateDepartmentBody, type DepartmentDto } from '../../shared/admin';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { adminKeys, createDepartment, updateDepartment } from '../features/admin/admin.api';
import { useDepartments } from '../features/admin/useAdminQueries';
import { useFormErrors } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';
import { TableRegion } from '../components/TableRegion';
import { AdminNav } from '../features/admin/AdminNav';

const RenameBody = CreateDepartmentBody.pick({ name: true });

function useStoreDepartment() {
  const queryClient = useQueryClient();
  return (department: DepartmentDto) =>
    queryClient.setQueryData<DepartmentDto[]>(adminKeys.departments, (old) =>
      old?.some((d) => d.id === department.id) ? old.map((d) => (d.id === department.id ? department : d)) : [...(old ?? []), department],
    );
}

function CreateDepartmentForm({ onCreated }: { onCreated: (department: DepartmentDto) => void }) {
  const t = useT();
  const storeDepartment = useStoreDepartment();
  const form = useFormErrors('create-department');
  const [values, setValues] = useState({ code: '', name: '' });

  const create = useMutation({
    mutationFn: createDepartment,
    onSuccess: (department) => {
      storeDepartment(department);
      setValues({ code: '', name: '' });
      onCreated(department);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateDepartmentBody.safeParse(values);
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    create.mutate(parsed.data);
  };

  return (
    <>
      <ErrorSummary
        form={form}
        fields={[
          ['code', t('departments.code')],
          ['name', t('field.name')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <div className="page-narrow">
          <TextField form={form} path="code" label={t('departments.code')} hint={t('departments.codeHint')} value={values.code} onChange={(code) => setValues((v) => ({ ...v, code }))} autoComplete="off" spellCheck={false} />
          <TextField form={form} path="name" label={t('field.name')} value={values.name} onChange={(name) => setValues((v) => ({ ...v, name }))} autoComplete="off" />
        </div>
        <div className="form-actions">
          <SubmitButton pending={create.isPending}>{t('departments.create')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

function RenameDialog({ department, onClose, onDone }: { department: DepartmentDto | null; onClose: () => void; onDone: (d: DepartmentDto) => void }) {
  const t = useT();
  const storeDepartment = useStoreDepartment();
  const form = useFormErrors('rename-department');
  const [name, setName] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  if (department && department.id !== forId) {
    setForId(department.id);
    setName(department.name);
    form.clear();
  }

  const rename = useMutation({
    mutationFn: (body: { name: string }) => updateDepartment(department?.id ?? '', body),
    onSuccess: (updated) => {
      storeDepartment(updated);
      setForId(null);
      onDone(updated);
    },
    onError: (error) => form.failFromApi(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = RenameBody.safeParse({ name });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    rename.mutate(parsed.data);
  };

  return (
    <Dialog
      open={department !== null}
      title={t('departments.renameTitle', { name: department?.name ?? '' })}
      onClose={() => {
        setForId(null);
        onClose();
      }}
    >
      <ErrorSummary form={form} fields={[['name', t('departments.newName')]]} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="name" label={t('departments.newName')} value={name} onChange={setName} autoComplete="off" data-autofocus />
        <div className="dialog-actions">
          <SubmitButton pending={rename.isPending}>{t('common.save')}</SubmitButton>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setForId(null);
              onClose();
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Departments of the municipality: list, create, rename, deactivate and reactivate. */
export function AdminDepartmentsPage() {
  const t = useT();
  const departments = useDepartments();
  const storeDepartment = useStoreDepartment();
  const [message, setMessage] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<DepartmentDto | null>(null);
  const [toggling, setToggling] = useState<DepartmentDto | null>(null);

  const toggle = useMutation({
    mutationFn: (department: DepartmentDto) => updateDepartment(department.id, { active: !department.active }),
    onSuccess: (updated) => {
      storeDepartment(updated);
      setToggling(null);
      setMessage(updated.active ? t('departments.reactivated', { name: updated.name }) : t('departments.deactivated', { name: updated.name }));
    },
  });

  const sorted = [...(departments.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'da'));

  return (
    <>
      <PageHeading>{t('departments.title')}</PageHeading>
      <AdminNav />
      <p className="lead">{t('departments.intro')}</p>
      {message && (
        <Alert variant="success" live="status">
          <p>{message}</p>
        </Alert>
      )}
      {departments.isPending ? (
        <Spinner />
      ) : departments.isError ? (
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      ) : sorted.length === 0 ? (
        <div className="empty-state">
          <p>{t('departments.empty')}</p>
        </div>
      ) : (
        <TableRegion id="departments-caption" caption={t('departments.tableCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('departments.code')}</th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('departments.activeUsers')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.code}</code>
                </td>
                <th scope="row">{d.name}</th>
                <td>{d.activeUsers}</td>
                <td>{d.active ? <span className="badge badge-success">{t('departments.status.active')}</span> : <span className="badge badge-neutral">{t('departments.status.inactive')}</span>}</td>
                <td className="cell-actions">
                  <div className="button-row">
                    <button type="button" className="button button-secondary button-small" onClick={() => setRenaming(d)}>
                      {t('departments.rename')}
                      <span className="visually-hidden"> {d.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => {
                        toggle.reset();
                        setToggling(d);
                      }}
                    >
                      {d.active ? t('departments.deactivate') : t('departments.reactivate')}
                      <span className="visually-hidden"> {d.name}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}

      <section className="section section-bordered" aria-labelledby="create-department-heading">
        <h2 id="create-department-heading">{t('departments.createHeading')}</h2>
        <CreateDepartmentForm onCreated={(d) => setMessage(t('departments.created', { name: d.name }))} />
      </section>

      <RenameDialog
        department={renaming}
        onClose={() => setRenaming(null)}
        onDone={(d) => {
          setRenaming(null);
          setMessage(t('departments.renamed', { name: d.name }));
        }}
      />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling ? t(toggling.active ? 'departments.deactivateTitle' : 'departments.reactivateTitle', { name: toggling.name }) : ''}
        confirmLabel={toggling?.active ? t('departments.deactivate') : t('departments.reactivate')}
        destructive={toggling?.active ?? false}
        onConfirm={() => toggling && toggle.mutate(toggling)}
        onCancel={() => setToggling(null)}
        pending={toggle.isPending}
        error={toggle.error}
      >
        {toggling && <p>{t(toggling.active ? 'departments.deactivateText' : 'departments.reactivateText', { name: toggling.name })}</p>}
      </ConfirmDialog>
    </>
  );
}
