import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useState, type FormEvent } from 'react';
import { AddTeamMemberBody, AssignCoordinatorBody, EndTeamMemberBody } from '../../../shared/families';
import { hasAnyRole } from '../../../shared/roles';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/FormField';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useI18n } from '../../i18n/useT';
import { formatDate, formatPeriod, todayIso } from '../../lib/format';
import { useFormErrors } from '../forms/useFormErrors';
import { departmentsOfStaff, useStaff } from '../staff/staff.api';
import { addTeamMember, assignCoordinator, endTeamMember, familyKeys, type FamilyData, type FamilyOverview, type TeamMember } from './families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from './FamilySection';
import { ConflictNotice, isConflict, useConflictReload } from './WriteProblems';
import { TableRegion } from '../../components/TableRegion';
import { changeReasonLabel, familyLabel } from './labels';

interface FormProps {
  family: FamilyData;
  onDone: (name: string) => void;
  onCancel: () => void;
  onReload: () => Promise<void>;
}

function ReassignForm({ family, onDone, onCancel, onReload }: FormProps) {
  const { t } = useI18n();
  const form = useFormErrors('reassign');
  const coordinators = useStaff('coordinator');
  const options = (coordinators.data ?? []).filter((s) => s.id !== family.coordinator?.userId);
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: (body: Parameters<typeof assignCoordinator>[1]) => assignCoordinator(family.id, body),
    onSuccess: () => onDone(options.find((s) => s.id === userId)?.name ?? ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, save.reset);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AssignCoordinatorBody.safeParse({ userId: userId || undefined, reason: reason.trim() || undefined, version: family.version });
    if (!parsed.success) return form.failFromZod(parsed.error, userId ? {} : { userId: t('team.chooseCoordinatorError') });
    form.clear();
    save.mutate(parsed.data);
  };

  if (coordinators.isPending) return <Spinner />;
  if (coordinators.isError) return <QueryError error={coordinators.error} onRetry={() => void coordinators.refetch()} />;
  return (
    <>
      <h3>{family.coordinator ? t('coordinator.reassignHeading') : t('coordinator.assignHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['userId', t('coordinator.new')],
          ['reason', t('common.reason')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          form={form}
          path="userId"
          label={t('coordinator.new')}
          value={userId}
          onChange={setUserId}
          options={[{ value: '', label: t('coordinator.choose') }, ...options.map((s) => ({ value: s.id, label: s.departmentName ? `${s.name} (${s.departmentName})` : s.name }))]}
        />
        <TextAreaField form={form} path="reason" label={t('common.reasonOptional')} value={reason} onChange={setReason} rows={2} />
        <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{family.coordinator ? t('coordinator.reassignSubmit') : t('coordinator.assignSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

function AddTeamMemberForm({ family, onDone, onCancel, onReload }: FormProps) {
  const { t } = useI18n();
  const form = useFormErrors('add-team-member');
  const staff = useStaff();
  const candidates = (staff.data ?? []).filter((s) => hasAnyRole(s.roles, ['professional', 'coordinator', 'manager']) && s.id !== family.coordinator?.userId);
  const departments = departmentsOfStaff(staff.data ?? []);
  const [values, setValues] = useState({ userId: '', departmentId: '', role: '', from: todayIso(), to: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const chooseUser = (userId: string) => {
    const s = candidates.find((c) => c.id === userId);
    setValues((v) => ({ ...v, userId, departmentId: s?.departmentId ?? v.departmentId, role: v.role || (s?.profession ?? '') }));
  };
  const save = useMutation({
    mutationFn: (body: Parameters<typeof addTeamMember>[1]) => addTeamMember(family.id, body),
    onSuccess: () => onDone(candidates.find((s) => s.id === values.userId)?.name ?? ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, save.reset);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AddTeamMemberBody.safeParse({
      userId: values.userId || undefined,
      departmentId: values.departmentId || undefined,
      role: values.role,
      from: values.from,
      to: values.to || undefined,
      version: family.version,
    });
    const extra: Record<string, string> = {};
    if (!values.userId) extra.userId = t('team.chooseMemberError');
    if (!values.departmentId) extra.departmentId = t('team.chooseDepartmentError');
    if (!parsed.success) return form.failFromZod(parsed.error, extra);
    form.clear();
    save.mutate(parsed.data);
  };

  if (staff.isPending) return <Spinner />;
  if (staff.isError) return <QueryError error={staff.error} onRetry={() => void staff.refetch()} />;
  return (
    <>
      <h3>{t('team.addHeading')}</h3>
      <ErrorSummary
        form={form}
        fields={[
          ['userId', t('team.member')],
          ['departmentId', t('field.department')],
          ['role', t('team.role')],
          ['from', t('common.from')],
          ['to', t('common.to')],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          form={form}
          path="userId"
          label={t('team.member')}
          value={values.userId}
          onChange={chooseUser}
          options={[{ value: '', label: t('team.choose') }, ...candidates.map((s) => ({ value: s.id, label: [s.name, s.profession, s.departmentName].filter(Boolean).join(' – ') }))]}
        />
        <SelectField
          form={form}
          path="departmentId"
          label={t('field.department')}
          hint={t('team.departmentHint')}
          value={values.departmentId}
          onChange={set('departmentId')}
          options={[{ value: '', label: t('team.chooseDepartment') }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <TextField form={form} path="role" label={t('team.role')} hint={t('team.roleHint')} value={values.role} onChange={set('role')} autoComplete="off" />
        <div className="form-grid">
          <TextField form={form} path="from" label={t('common.from')} type="date" value={values.from} onChange={set('from')} />
          <TextField form={form} path="to" label={t('common.toOptional')} type="date" value={values.to} onChange={set('to')} />
        </div>
        <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
        <div className="form-actions">
          <SubmitButton pending={save.isPending}>{t('team.addSubmit')}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}

function EndTeamMemberDialog({ family, member, onClose, onDone, onReload }: { family: FamilyData; member: TeamMember | null; onClose: () => void; onDone: (name: string) => void; onReload: () => Promise<void> }) {
  const { t } = useI18n();
  const form = useFormErrors('end-team-member');
  const [to, setTo] = useState(todayIso());
  const [forId, setForId] = useState<string | null>(null);
  if ((member?.id ?? null) !== forId) {
    setForId(member?.id ?? null);
    setTo(todayIso());
    form.clear();
  }
  const save = useMutation({
    mutationFn: (body: Parameters<typeof endTeamMember>[2]) => endTeamMember(family.id, member?.id ?? '', body),
    onSuccess: () => onDone(member?.name ?? ''),
    onError: (error) => (isConflict(error) ? form.clear() : form.failFromApi(error)),
  });
  const conflict = useConflictReload(onReload, save.reset);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = EndTeamMemberBody.safeParse({ to, version: family.version });
    if (!parsed.success) return form.failFromZod(parsed.error);
    form.clear();
    save.mutate(parsed.data);
  };
  return (
    <Dialog open={member !== null} title={t('team.endTitle', { name: member?.name ?? '' })} onClose={onClose}>
      <p>{t('team.endText', { name: member?.name ?? '' })}</p>
      <ErrorSummary form={form} fields={[['to', t('team.lastDay')]]} />
      <ConflictNotice error={save.error} reloading={conflict.reloading} onReload={conflict.reload} />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="to" label={t('team.lastDay')} type="date" value={to} onChange={setTo} narrow />
        <div className="dialog-actions">
          <SubmitButton pending={save.isPending} variant="danger">
            {t('team.end')}
          </SubmitButton>
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Koordinator og team: the one coordinator with history, and the professionals from the departments. */
export function TeamSection({ overview, onReload }: { overview: FamilyOverview; onReload: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { data: family, can } = overview;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reassigning, setReassigning] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TeamMember | null>(null);
  const [message, setMessage] = useSectionMessage('team');
  const today = todayIso();
  const team = [...family.team].sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name, 'da'));
  const after = async (text: string) => {
    await onReload();
    setMessage(text);
  };

  return (
    <FamilySection id="team" title={t('team.title')}>
      <SectionMessage message={message} />
      <h3>{t('coordinator.heading')}</h3>
      {family.coordinator ? (
        <dl className="summary-list">
          <dt>{t('field.name')}</dt>
          <dd>{family.coordinator.name}</dd>
          <dt>{t('field.email')}</dt>
          <dd>
            <a href={`mailto:${family.coordinator.email}`}>{family.coordinator.email}</a>
          </dd>
          {family.coordinator.departmentName && (
            <>
              <dt>{t('field.department')}</dt>
              <dd>{family.coordinator.departmentName}</dd>
            </>
          )}
          <dt>{t('coordinator.since')}</dt>
          <dd>{formatDate(family.coordinator.since, lang)}</dd>
        </dl>
      ) : (
        <div className="empty-state">
          <p>{t('coordinator.none')}</p>
        </div>
      )}
      {can.assignCoordinator && (
        <FormToggle
          label={family.coordinator ? t('coordinator.reassign') : t('coordinator.assign')}
          open={reassigning}
          onOpen={() => {
            setMessage(null);
            setReassigning(true);
          }}
        >
          <ReassignForm
            family={family}
            onCancel={() => setReassigning(false)}
            onReload={onReload}
            onDone={async (name) => {
              setReassigning(false);
              // A coordinator who hands the family over no longer sees it: back to the caseload, saying so.
              if (family.relation === 'coordinator') {
                queryClient.removeQueries({ queryKey: familyKeys.overview(family.id) });
                void queryClient.invalidateQueries({ queryKey: familyKeys.caseloadAll });
                navigate('/caseload', { state: { handedOver: { family: familyLabel(t, family.familyNames), to: name } } });
                return;
              }
              await after(t('coordinator.reassigned', { name }));
            }}
          />
        </FormToggle>
      )}
      {family.coordinatorHistory.length > 1 && (
        <details className="details">
          <summary>{t('coordinator.history', { count: family.coordinatorHistory.length })}</summary>
          <div className="table-wrapper">
            <table className="table">
              <caption className="visually-hidden">{t('coordinator.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('common.period')}</th>
                  <th scope="col">{t('common.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {family.coordinatorHistory.map((c) => (
                  <tr key={`${c.userId}-${c.from}`}>
                    <th scope="row">{c.name}</th>
                    <td className="nowrap">{formatPeriod(c.from, c.to, lang)}</td>
                    <td>{changeReasonLabel(t, c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      <h3>{t('team.heading')}</h3>
      {team.length === 0 ? (
        <div className="empty-state">
          <p>{t('team.empty')}</p>
        </div>
      ) : (
        <TableRegion id="team-caption" caption={t('team.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.department')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('common.period')}</th>
              <th scope="col">{t('users.col.status')}</th>
              {can.manageTeam && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {team.map((m) => {
              const ended = m.to !== null && m.to < today;
              return (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name}
                    <br />
                    <a className="small" href={`mailto:${m.email}`}>
                      {m.email}
                    </a>
                  </th>
                  <td>{m.departmentName}</td>
                  <td>{m.role}</td>
                  <td className="nowrap">{formatPeriod(m.from, m.to, lang)}</td>
                  <td>
                    {m.current ? (
                      <span className="badge badge-success">{t('team.current')}</span>
                    ) : ended ? (
                      <span className="badge badge-neutral">{t('team.ended')}</span>
                    ) : (
                      <span className="badge badge-neutral">{t('team.upcoming')}</span>
                    )}
                  </td>
                  {can.manageTeam && (
                    <td className="cell-actions">
                      {!ended && (
                        <button type="button" className="button button-secondary button-small" onClick={() => setEnding(m)}>
                          {t('team.end')}
                          <span className="visually-hidden"> {m.name}</span>
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
      {can.manageTeam && (
        <FormToggle
          label={t('team.add')}
          open={adding}
          onOpen={() => {
            setMessage(null);
            setAdding(true);
          }}
        >
          <AddTeamMemberForm
            family={family}
            onCancel={() => setAdding(false)}
            onReload={onReload}
            onDone={async (name) => {
              setAdding(false);
              await after(t('team.added', { name }));
            }}
          />
        </FormToggle>
      )}
      <EndTeamMemberDialog
        family={family}
        member={ending}
        onClose={() => setEnding(null)}
        onReload={onReload}
        onDone={async (name) => {
          setEnding(null);
          await after(t('team.endedMessage', { name }));
        }}
      />
    </FamilySection>
  );
}
