import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EarlySignCodeParams, UpsertEarlySignBody } from '../../shared/referrals';
import { Alert } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { QueryError } from '../components/QueryError';
import { Spinner } from '../components/Spinner';
import { SubmitButton } from '../components/SubmitButton';
import { useFormErrors, type FormErrorsState } from '../features/forms/useFormErrors';
import { fetchAllEarlySigns, putEarlySign, referralKeys, type EarlySign } from '../features/referrals/referrals.api';
import { useT } from '../i18n/useT';
import { TableRegion } from '../components/TableRegion';

interface SignValues {
  code: string;
  labelDa: string;
  labelEn: string;
  active: boolean;
  sortOrder: string;
}

/** A new sign: its code (chosen once) and what every sign has. */
const NewSignBody = EarlySignCodeParams.extend(UpsertEarlySignBody.shape);

function valuesOf(s: EarlySign): SignValues {
  return { code: s.code, labelDa: s.labelDa, labelEn: s.labelEn, active: s.active, sortOrder: String(s.sortOrder) };
}

function parseSign(v: SignValues) {
  const order = v.sortOrder.trim() === '' ? 0 : Number(v.sortOrder);
  return UpsertEarlySignBody.safeParse({ labelDa: v.labelDa, labelEn: v.labelEn, active: v.active, sortOrder: Number.isInteger(order) ? order : Number.NaN });
}

function SignFields({ form, values, onChange }: { form: FormErrorsState; values: SignValues; onChange: (v: SignValues) => void }) {
  const t = useT();
  const set = <K extends keyof SignValues>(key: K) => (value: SignValues[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextField form={form} path="labelDa" label={t('signs.labelDa')} value={values.labelDa} onChange={set('labelDa')} autoComplete="off" lang="da" />
      <TextField form={form} path="labelEn" label={t('signs.labelEn')} value={values.labelEn} onChange={set('labelEn')} autoComplete="off" lang="en" />
      <TextField form={form} path="sortOrder" label={t('signs.order')} hint={t('signs.orderHint')} value={values.sortOrder} onChange={set('sortOrder')} inputMode="numeric" narrow autoComplete="off" />
      <div className="checkbox form-group">
        <input type="checkbox" id={form.idFor('active')} checked={values.active} onChange={(e) => set('active')(e.target.checked)} />
        <label htmlFor={form.idFor('active')}>{t('signs.activeLabel')}</label>
      </div>
    </>
  );
}

const FIELDS = (t: ReturnType<typeof useT>, withCode: boolean) =>
  [...(withCode ? [['code', t('types.code')] as const] : []), ['labelDa', t('signs.labelDa')] as const, ['labelEn', t('signs.labelEn')] as const, ['sortOrder', t('signs.order')] as const];

function useSaveSign(form: FormErrorsState, onSaved: (s: EarlySign) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: Parameters<typeof putEarlySign>[1] }) => putEarlySign(code, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.adminSigns });
      await queryClient.invalidateQueries({ queryKey: referralKeys.signs });
      onSaved(saved);
    },
    onError: (error) => form.failFromApi(error),
  });
}

function EditSignDialog({ sign, onClose, onSaved }: { sign: EarlySign | null; onClose: () => void; onSaved: (s: EarlySign) => void }) {
  const t = useT();
  const form = useFormErrors('edit-sign');
  const [values, setValues] = useState<SignValues | null>(null);
  const [forCode, setForCode] = useState<string | null>(null);
  if ((sign?.code ?? null) !== forCode) {
    setForCode(sign?.code ?? null);
    setValues(sign ? valuesOf(sign) : null);
    form.clear();
  }
  const save = useSaveSign(form, onSaved);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!values || !sign) return;
    const parsed = parseSign(values);
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate({ code: sign.code, body: parsed.data });
  };
  return (
    <Dialog open={sign !== null} title={t('signs.editTitle', { name: sign?.labelDa ?? '' })} onClose={onClose}>
      <ErrorSummary form={form} fields={FIELDS(t, false)} />
      {values && (
        <form onSubmit={onSubmit} noValidate>
          <SignFields form={form} values={values} onChange={setValues} />
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

function AddSignForm({ nextOrder, existing, onSaved }: { nextOrder: number; existing: readonly string[]; onSaved: (s: EarlySign) => void }) {
  const t = useT();
  const form = useFormErrors('add-sign');
  const empty = (): SignValues => ({ code: '', labelDa: '', labelEn: '', active: true, sortOrder: String(nextOrder) });
  const [values, setValues] = useState<SignValues>(empty);
  const save = useSaveSign(form, (s) => {
    setValues(empty());
    onSaved(s);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const order = values.sortOrder.trim() === '' ? 0 : Number(values.sortOrder);
    const parsed = NewSignBody.safeParse({ code: values.code, labelDa: values.labelDa, labelEn: values.labelEn, active: values.active, sortOrder: Number.isInteger(order) ? order : Number.NaN });
    const extra: Record<string, string> = existing.includes(values.code.trim()) ? { code: t('signs.codeTaken') } : {};
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    if (Object.keys(extra).length > 0) return form.fail(extra);
    form.clear();
    const { code, ...body } = parsed.data;
    save.mutate({ code, body });
  };
  return (
    <>
      <ErrorSummary form={form} fields={FIELDS(t, true)} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="code" label={t('types.code')} hint={t('signs.codeHint')} value={values.code} onChange={(code) => setValues((v) => ({ ...v, code }))} autoComplete="off" spellCheck={false} narrow />
        <SignFields form={form} values={values} onChange={setValues} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('signs.add')}</SubmitButton>
        </div>
      </form>
    </>
  );
}

/** Opsporingstegn: the municipality's checklist of early signs, in Danish and English, in order. */
export function AdminEarlySignsPage() {
  const t = useT();
  const signs = useQuery({ queryKey: referralKeys.adminSigns, queryFn: fetchAllEarlySigns });
  const [editing, setEditing] = useState<EarlySign | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const sorted = [...(signs.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.labelDa.localeCompare(b.labelDa, 'da'));
  const nextOrder = sorted.reduce((max, s) => Math.max(max, s.sortOrder), 0) + 10;
  return (
    <>
      <PageHeading>{t('signs.title')}</PageHeading>
      <p className="lead">{t('signs.intro')}</p>
      {message && (
        <Alert variant="success" live="status">
          <p>{message}</p>
        </Alert>
      )}
      {signs.isPending ? (
        <Spinner />
      ) : signs.isError ? (
        <QueryError error={signs.error} onRetry={() => void signs.refetch()} />
      ) : sorted.length === 0 ? (
        <div className="empty-state">
          <p>{t('signs.empty')}</p>
        </div>
      ) : (
        <TableRegion id="signs-caption" caption={t('signs.caption')}>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t('signs.order')}
              </th>
              <th scope="col">{t('signs.labelDa')}</th>
              <th scope="col">{t('signs.labelEn')}</th>
              <th scope="col">{t('types.code')}</th>
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
                <td>{s.active ? <span className="badge badge-success">{t('signs.active')}</span> : <span className="badge badge-neutral">{t('signs.inactive')}</span>}</td>
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
      <section className="section section-bordered" aria-labelledby="add-sign-heading">
        <h2 id="add-sign-heading">{t('signs.addHeading')}</h2>
        {signs.data && <AddSignForm key={sorted.length} nextOrder={nextOrder} existing={sorted.map((s) => s.code)} onSaved={(s) => setMessage(t('signs.added', { name: s.labelDa }))} />}
      </section>
      <EditSignDialog
        sign={editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setEditing(null);
          setMessage(t('signs.saved', { name: s.labelDa }));
        }}
      />
    </>
  );
}
