import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { RecordConsentBody, WithdrawConsentBody, type ConsentKind, type HowGiven } from '../../../shared/families';
import { Dialog } from '../../components/Dialog';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import type { MessageKey } from '../../i18n/I18nProvider';
import { useI18n } from '../../i18n/useT';
import { formatDate, todayIso } from '../../lib/format';
import { useFormErrors } from '../forms/useFormErrors';
import { useCaseDepartments, type DepartmentOption } from '../staff/staff.api';
import { recordConsent, withdrawConsent, type Consent, type FamilyData, type FamilyOverview } from './families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from './FamilySection';
import { consentKindLabel, consentKindOptions, fullName, howGivenLabel, howGivenOptions } from './labels';
import { memberName } from './useFamily';
import { ConflictNotice, isConflict, useConflictReload } from './WriteProblems';
import { TableRegion } from '../../components/TableRegion';

/** Days before expiry from which a consent counts as expiring soon. */
export const EXPIRING_SOON_DAYS = 30;

function ConsentState({ consent }: { consent: Consent }) {
  const { t, lang } = useI18n();
  if (consent.withdrawnAt) return <span className="badge badge-error">{t('consent.withdrawnOn', { date: formatDate(consent.withdrawnAt, lang) })}</span>;
  if (!consent.inForce) {
    if (consent.expiresInDays !== null && consent.expiresInDays < 0) return <span className="badge badge-neutral">{t('consent.expired')}</span>;
    return <span className="badge badge-neutral">{t('consent.notYet')}</span>;
  }
  if (consent.expiresInDays !== null && consent.expiresInDays <= EXPIRING_SOON_DAYS) {
    return (
      <>
        <span className="badge badge-success">{t('consent.inForce')}</span> <span className="badge badge-warning">{t('consent.expiresSoon', { days: consent.expiresInDays })}</span>
      </>
    );
  }
  return <span className="badge badge-success">{t('consent.inForce')}</span>;
}

interface RecordProps {
  family: FamilyData;
  departments: DepartmentOption[];
  onDone: (name: string) => void;
  onCancel: () => void;
  onReload: () => Promise<void>;
}

/** What to say when no consent is recorded: before activation it is what activation waits for; a family already in the effort (moved from another system) still needs it for the team to see anything. */
function emptyConsentKey(status: FamilyData['status']): MessageKey {
  if (status === 'active' || status === 'paused') return 'consent.emptyInEffort';
  if (status === 'referred' || status === 'assessing') return 'consent.empty';
  return 'consent.emptyClosed';
}

function firstWithoutConsent(family: FamilyData): string {
  const missing = family.activationBlockers?.holdersWithoutConsent[0];
  return missing ?? family.members.find((m) => m.role === 'parent')?.personId ?? family.members[0]?.personId ?? '';
}

function RecordConsentForm({ family, departments, onDone, onCancel, onReload }: RecordProps) {
  const { t } = useI18n();
  const form = useFormErrors('record-consent');
  const [personId, setPersonId] = useState(() => firstWithoutConsent(family));
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [kinds, setKinds] = useState<ConsentKind[]>([]);
  const [givenAt, setGivenAt] = useState(todayIso());
  const [expiresAt, setExpiresAt] = useState('');
  const [howGiven, setHowGiven] = useState<HowGiven | ''>('written');

  const save = useMutation({
    mutationFn: (body: Parameters<typeof recordConsent>[1]) => recordConsent(family.id, body),
    onSuccess: () => onDone(memberName(family, personId)),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = RecordConsentBody.safeParse({
      personId,
      scope: { departmentIds, kinds },
      givenAt,
      expiresAt: expiresAt || undefined,
      howGiven: howGiven || undefined,
      version: family.version,
    });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };

  const fields = [
    ['personId', t('consent.person')],
    ['scope.departmentIds', t('consent.departments')],
    ['scope.kinds', t('consent.kinds')],
    ['givenAt', t('consent.givenAt')],
    ['expiresAt', t('consent.expiresAt')],
    ['howGiven', t('consent.howGiven')],
  ] as const;

  return (
    <>
      <h3>{t('consent.recordHeading')}</h3>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        <SelectField form={form} path="personId" label={t('consent.person')} value={personId} onChange={setPersonId} options={family.members.map((m) => ({ value: m.personId, label: fullName(m) }))} />
        <CheckboxGroup form={form} path="scope.departmentIds" legend={t('consent.departments')} hint={t('consent.departmentsHint')} options={departments.map((d) => ({ value: d.id, label: d.name }))} value={departmentIds} onChange={setDepartmentIds} />
        <CheckboxGroup form={form} path="scope.kinds" legend={t('consent.kinds')} hint={t('consent.kindsHint')} options={consentKindOptions(t)} value={kinds} onChange={setKinds} />
        <div className="form-grid">
          <TextField form={form} path="givenAt" label={t('consent.givenAt')} type="date" value={givenAt} onChange={setGivenAt} />
          <TextField form={form} path="expiresAt" label={t('consent.expiresAt')} hint={t('consent.expiresAtHint')} type="date" value={expiresAt} onChange={setExpiresAt} />
        </div>
        <RadioGroup form={form} path="howGiven" legend={t('consent.howGiven')} options={howGivenOptions(t)} value={howGiven} onChange={setHowGiven} inline />
        <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('consent.recordSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

interface WithdrawProps {
  family: FamilyData;
  consent: Consent | null;
  onClose: () => void;
  onDone: (name: string) => void;
  onReload: () => Promise<void>;
}

function WithdrawDialog({ family, consent, onClose, onDone, onReload }: WithdrawProps) {
  const { t } = useI18n();
  const form = useFormErrors('withdraw-consent');
  const [withdrawnAt, setWithdrawnAt] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  if ((consent?.id ?? null) !== forId) {
    setForId(consent?.id ?? null);
    setWithdrawnAt(todayIso());
    setReason('');
    form.clear();
  }
  const name = consent ? memberName(family, consent.personId) : '';

  const save = useMutation({
    mutationFn: (body: Parameters<typeof withdrawConsent>[2]) => withdrawConsent(family.id, consent?.id ?? '', body),
    onSuccess: () => onDone(name),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, () => save.reset());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = WithdrawConsentBody.safeParse({ withdrawnAt, reason, version: family.version });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };

  return (
    <Dialog open={consent !== null} title={t('consent.withdrawTitle', { name })} onClose={onClose}>
      <p>{family.status === 'active' ? t('consent.withdrawPauses') : t('consent.withdrawText')}</p>
      <ErrorSummary
        form={form}
        fields={[
          ['withdrawnAt', t('consent.withdrawnAt')],
          ['reason', t('common.reason')],
        ]}
      />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="withdrawnAt" label={t('consent.withdrawnAt')} type="date" value={withdrawnAt} onChange={setWithdrawnAt} />
        <TextAreaField form={form} path="reason" label={t('common.reason')} value={reason} onChange={setReason} rows={3} />
        <div className="dialog-actions">
          <SubmitButton pending={save.isPending} variant="danger">
            {t('consent.withdraw')}
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Samtykke: each member's consent with scope, dates and state; record a new one or withdraw one. */
export function ConsentSection({ overview, onReload }: { overview: FamilyOverview; onReload: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { data: family, can } = overview;
  const departments = useCaseDepartments();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const [message, setMessage] = useSectionMessage('consent');
  const departmentName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? t('consent.unknownDepartment');
  const sorted = [...family.consents].sort((a, b) => Number(b.inForce) - Number(a.inForce) || b.givenAt.localeCompare(a.givenAt));

  return (
    <FamilySection id="consent" title={t('consent.title')}>
      <SectionMessage message={message} />
      {sorted.length === 0 ? (
        <div className="empty-state">
          <p>{t(emptyConsentKey(family.status))}</p>
        </div>
      ) : (
        <TableRegion id="consent-caption" caption={t('consent.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('consent.person')}</th>
              <th scope="col">{t('consent.scope')}</th>
              <th scope="col">{t('consent.given')}</th>
              <th scope="col">{t('consent.expiresAt')}</th>
              <th scope="col">{t('consent.state')}</th>
              {can.recordConsent && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => {
              const name = memberName(family, c.personId);
              return (
                <tr key={c.id}>
                  <th scope="row">{name}</th>
                  <td>
                    <p className="cell-line">{c.scope.departmentIds.map(departmentName).join(', ')}</p>
                    <p className="cell-line muted">{c.scope.kinds.map((k) => consentKindLabel(t, k)).join(', ')}</p>
                  </td>
                  <td className="nowrap">
                    {formatDate(c.givenAt, lang)}
                    <br />
                    <span className="muted">{howGivenLabel(t, c.howGiven)}</span>
                  </td>
                  <td className="nowrap">{c.expiresAt ? formatDate(c.expiresAt, lang) : <span className="muted">{t('consent.noExpiry')}</span>}</td>
                  <td>
                    <ConsentState consent={c} />
                  </td>
                  {can.recordConsent && (
                    <td className="cell-actions">
                      {!c.withdrawnAt && (
                        <button type="button" className="button button-secondary button-small" onClick={() => setWithdrawing(c)}>
                          {t('consent.withdraw')}
                          <span className="visually-hidden"> {t('consent.withdrawFor', { name })}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}

      {can.recordConsent && (
        <FormToggle
          label={t('consent.record')}
          open={recording}
          onOpen={() => {
            setMessage(null);
            setRecording(true);
          }}
        >
          {departments.isPending ? (
            <Spinner />
          ) : departments.isError || !departments.data ? (
            <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
          ) : (
            <RecordConsentForm
              family={family}
              departments={departments.data}
              onCancel={() => setRecording(false)}
              onReload={onReload}
              onDone={async (name) => {
                setRecording(false);
                await onReload();
                setMessage(t('consent.recorded', { name }));
              }}
            />
          )}
        </FormToggle>
      )}
      <WithdrawDialog
        family={family}
        consent={withdrawing}
        onClose={() => setWithdrawing(null)}
        onReload={onReload}
        onDone={async (name) => {
          setWithdrawing(null);
          await onReload();
          setMessage(t('consent.withdrawn', { name }));
        }}
      />
    </FamilySection>
  );
}
