import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AcceptReferralBody, DecideReferralBody } from '../../../shared/referrals';
import { OPEN_STATUSES, type MemberRole } from '../../../shared/families';
import { ApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { RadioGroup } from '../../components/RadioGroup';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { familyKeys, fetchCaseload } from '../families/families.api';
import { familyLabel, memberRoleOptions } from '../families/labels';
import { hasCode, OtherFamilyNotice } from '../families/WriteProblems';
import { problemsToErrors } from '../forms/formErrors';
import { useFormErrors } from '../forms/useFormErrors';
import { useMe } from '../session/useMe';
import { useStaff } from '../staff/staff.api';
import { ReferralPersonLine } from './ReferralParts';
import { acceptReferral, decideReferral, type Referral, type ReferralDecision } from './referrals.api';

interface Completion {
  givenName: string;
  familyName: string;
  role: MemberRole | '';
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The referral's persons as the form starts: a missing family name taken from another person, as the server would. */
function completionsOf(r: Referral): Completion[] {
  const shared = r.persons.find((p) => p.familyName)?.familyName ?? '';
  return r.persons.map((p) => ({ givenName: p.givenName ?? '', familyName: p.familyName ?? shared, role: p.role ?? '' }));
}

/**
 * Accept: a new family with a chosen coordinator (default: oneself), or the persons join a family from
 * one's own caseload. Names the referrer did not know and the role in the household are completed here.
 */
export function AcceptDialog({ referral, onClose, onDone }: { referral: Referral | null; onClose: () => void; onDone: (decision: ReferralDecision) => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const form = useFormErrors('accept-referral');
  const coordinators = useStaff('coordinator');
  const isCoordinator = !!me?.can.coordinate;
  const caseload = useQuery({ queryKey: familyKeys.caseload({}), queryFn: ({ signal }) => fetchCaseload({}, signal), enabled: referral !== null && isCoordinator });
  const openFamilies = (caseload.data ?? []).filter((f) => OPEN_STATUSES.includes(f.status));
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [coordinatorUserId, setCoordinatorUserId] = useState('');
  const [familyId, setFamilyId] = useState('');
  const [persons, setPersons] = useState<Completion[]>([]);
  const [forId, setForId] = useState<string | null>(null);
  if ((referral?.id ?? null) !== forId) {
    setForId(referral?.id ?? null);
    setTarget('new');
    setCoordinatorUserId(isCoordinator && me ? me.user.id : '');
    setFamilyId('');
    setPersons(referral ? completionsOf(referral) : []);
    form.clear();
  }

  const body = (acknowledgeOtherFamily: boolean) => ({
    familyId: target === 'existing' ? familyId || undefined : undefined,
    coordinatorUserId: target === 'new' ? coordinatorUserId || undefined : undefined,
    persons: persons.map((p) => ({ givenName: blank(p.givenName), familyName: blank(p.familyName), role: p.role || undefined })),
    acknowledgeOtherFamily: acknowledgeOtherFamily || undefined,
  });

  const accept = useMutation({
    mutationFn: (acknowledge: boolean) => acceptReferral(referral?.id ?? '', AcceptReferralBody.parse(body(acknowledge))),
    onSuccess: onDone,
    onError: (error) => {
      if (hasCode(error, 'cpr_in_other_family') && error instanceof ApiError) return form.fail(problemsToErrors(error.problems));
      form.failFromApi(error);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const extra: Record<string, string> = {};
    if (target === 'existing' && !familyId) extra.familyId = t('visitation.chooseFamilyError');
    if (target === 'new' && !coordinatorUserId) extra.coordinatorUserId = t('team.chooseCoordinatorError');
    const parsed = AcceptReferralBody.safeParse(body(false));
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    if (Object.keys(extra).length > 0) return form.fail(extra);
    form.clear();
    accept.mutate(false);
  };

  const set = (i: number, change: Partial<Completion>) => setPersons((ps) => ps.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const fields = [
    ['coordinatorUserId', t('visitation.coordinator')],
    ['familyId', t('visitation.family')],
    ...persons.flatMap((_, i) => {
      const which = t('referral.personNumber', { n: i + 1 });
      return [
        [`persons.${i}.givenName`, `${t('person.givenName')} (${which})`],
        [`persons.${i}.familyName`, `${t('person.familyName')} (${which})`],
        [`persons.${i}.role`, `${t('person.role')} (${which})`],
        [`persons.${i}.cpr`, `${t('cpr.label')} (${which})`],
      ] as const;
    }),
  ] as const;

  return (
    <Dialog open={referral !== null} title={t('visitation.acceptTitle')} onClose={onClose}>
      <ErrorSummary form={form} fields={fields} />
      <form onSubmit={onSubmit} noValidate>
        {isCoordinator && (
          <RadioGroup
            form={form}
            path="target"
            legend={t('visitation.target')}
            options={[
              { value: 'new', label: t('visitation.targetNew') },
              { value: 'existing', label: t('visitation.targetExisting') },
            ]}
            value={target}
            onChange={setTarget}
          />
        )}
        {target === 'new' ? (
          <SelectField
            form={form}
            path="coordinatorUserId"
            label={t('visitation.coordinator')}
            hint={t('visitation.coordinatorHint')}
            value={coordinatorUserId}
            onChange={setCoordinatorUserId}
            options={[{ value: '', label: t('coordinator.choose') }, ...(coordinators.data ?? []).map((c) => ({ value: c.id, label: c.id === me?.user.id ? t('visitation.me', { name: c.name }) : c.name }))]}
          />
        ) : openFamilies.length === 0 ? (
          <p className="muted">{caseload.isPending ? t('common.loading') : t('visitation.noFamilies')}</p>
        ) : (
          <SelectField
            form={form}
            path="familyId"
            label={t('visitation.family')}
            value={familyId}
            onChange={setFamilyId}
            options={[{ value: '', label: t('visitation.chooseFamily') }, ...openFamilies.map((f) => ({ value: f.id, label: t('visitation.familyOption', { name: familyLabel(t, f.familyNames), count: f.memberCount }) }))]}
          />
        )}
        <h3>{t('visitation.personsHeading')}</h3>
        <p className="form-hint">{t('visitation.personsHint')}</p>
        {referral?.persons.map((p, i) => (
          <fieldset key={i} className="form-fieldset person-fieldset">
            <legend>
              <ReferralPersonLine person={p} />
            </legend>
            <div className="form-grid">
              <TextField form={form} path={`persons.${i}.givenName`} label={t('person.givenName')} value={persons[i]?.givenName ?? ''} onChange={(givenName) => set(i, { givenName })} autoComplete="off" />
              <TextField form={form} path={`persons.${i}.familyName`} label={t('person.familyName')} value={persons[i]?.familyName ?? ''} onChange={(familyName) => set(i, { familyName })} autoComplete="off" />
              <SelectField
                form={form}
                path={`persons.${i}.role`}
                label={t('person.role')}
                value={persons[i]?.role ?? ''}
                onChange={(role) => set(i, { role: role as MemberRole | '' })}
                options={[{ value: '', label: t('visitation.roleByAge') }, ...memberRoleOptions(t)]}
              />
            </div>
          </fieldset>
        ))}
        <OtherFamilyNotice error={accept.error} pending={accept.isPending} onConfirm={() => accept.mutate(true)} />
        <div className="dialog-actions">
          <SubmitButton pending={accept.isPending}>{t('visitation.acceptSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Decline or forward: both need a reason, which the referrer sees. */
export function DecideDialog({ referral, outcome, onClose, onDone }: { referral: Referral | null; outcome: 'decline' | 'forward'; onClose: () => void; onDone: (decision: ReferralDecision) => void }) {
  const { t } = useI18n();
  const form = useFormErrors(`${outcome}-referral`);
  const [reason, setReason] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  if ((referral?.id ?? null) !== forId) {
    setForId(referral?.id ?? null);
    setReason('');
    form.clear();
  }
  const decide = useMutation({
    mutationFn: (r: string) => decideReferral(referral?.id ?? '', outcome, r),
    onSuccess: onDone,
    onError: (error) => form.failFromApi(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DecideReferralBody.safeParse({ reason });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    decide.mutate(parsed.data.reason);
  };
  const decline = outcome === 'decline';
  return (
    <Dialog open={referral !== null} title={decline ? t('visitation.declineTitle') : t('visitation.forwardTitle')} onClose={onClose}>
      <p>{decline ? t('visitation.declineText') : t('visitation.forwardText')}</p>
      <ErrorSummary form={form} fields={[['reason', t('common.reason')]]} />
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField form={form} path="reason" label={t('common.reason')} hint={t('visitation.reasonHint')} value={reason} onChange={setReason} rows={3} data-autofocus />
        <div className="dialog-actions">
          <SubmitButton pending={decide.isPending} variant={decline ? 'danger' : 'primary'}>
            {decline ? t('visitation.decline') : t('visitation.forward')}
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
