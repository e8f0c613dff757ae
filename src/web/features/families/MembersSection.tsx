import { useState } from 'react';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import { AddMemberForm } from './AddMemberForm';
import { CustodyDialog } from './CustodyDialog';
import { EditPersonDialog } from './EditPersonDialog';
import type { FamilyOverview, Member } from './families.api';
import { FamilySection, FormToggle, SectionMessage, useSectionMessage } from './FamilySection';
import { familyLabel, fullName, memberRoleLabel } from './labels';
import { languageName } from './languages';
import { RevealDialog, type RevealTarget } from './RevealDialog';
import { memberName } from './useFamily';
import { TableRegion } from '../../components/TableRegion';

/** Medlemmer: the household with masked CPR and protected addresses, contact, language and custody. */
export function MembersSection({ overview, onReload }: { overview: FamilyOverview; onReload: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { data: family, can } = overview;
  const [revealing, setRevealing] = useState<RevealTarget | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const [custodyOf, setCustodyOf] = useState<Member | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useSectionMessage('members');

  const done = async (text: string) => {
    await onReload();
    setMessage(text);
  };

  return (
    <FamilySection id="members" title={t('members.title')}>
      <SectionMessage message={message} />
      {family.members.length === 0 ? (
        <div className="empty-state">
          <p>{t('members.empty')}</p>
        </div>
      ) : (
        <TableRegion id="members-caption" caption={t('members.caption', { name: familyLabel(t, family.familyNames) })}>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('members.colRole')}</th>
              <th scope="col">{t('members.born')}</th>
              <th scope="col">{t('cpr.label')}</th>
              <th scope="col">{t('members.contact')}</th>
              <th scope="col">{t('person.address')}</th>
              <th scope="col">{t('members.colLanguage')}</th>
              <th scope="col">{t('custody.column')}</th>
              {can.editHousehold && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {family.members.map((m) => {
              const name = fullName(m);
              return (
                <tr key={m.personId}>
                  <th scope="row">{name}</th>
                  <td>{memberRoleLabel(t, m.role)}</td>
                  <td className="nowrap">
                    {formatDate(m.birthDate, lang)}
                    <br />
                    <span className="muted">{t('members.age', { age: m.age })}</span>
                  </td>
                  <td className="nowrap">
                    {m.cprMasked ? (
                      <>
                        <span className="mono">{m.cprMasked}</span>
                        {can.reveal && (
                          <>
                            <br />
                            <button type="button" className="button-link" onClick={() => setRevealing({ personId: m.personId, name, what: 'cpr' })}>
                              {t('reveal.showCpr')}
                              <span className="visually-hidden"> {t('members.for', { name })}</span>
                            </button>
                          </>
                        )}
                      </>
                    ) : (
                      <span className="muted">{t('members.noCpr')}</span>
                    )}
                  </td>
                  <td>
                    {m.phone || m.email ? (
                      <ul className="plain-list">
                        {m.phone && <li>{m.phone}</li>}
                        {m.email && <li>{m.email}</li>}
                      </ul>
                    ) : (
                      <span className="muted">{t('members.none')}</span>
                    )}
                  </td>
                  <td>
                    {m.protectedAddress ? (
                      <>
                        <span className="badge badge-warning">{t('members.protectedAddress')}</span>
                        {can.reveal && (
                          <>
                            <br />
                            <button type="button" className="button-link" onClick={() => setRevealing({ personId: m.personId, name, what: 'address' })}>
                              {t('reveal.showAddress')}
                              <span className="visually-hidden"> {t('members.for', { name })}</span>
                            </button>
                          </>
                        )}
                      </>
                    ) : (
                      (m.address ?? <span className="muted">{t('members.none')}</span>)
                    )}
                  </td>
                  <td>
                    {m.preferredLanguage ? languageName(m.preferredLanguage, lang) : <span className="muted">{t('members.none')}</span>}
                    {m.interpreterNeeded && (
                      <>
                        <br />
                        <span className="badge badge-neutral">{t('members.interpreter')}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {m.role !== 'child' ? (
                      <span className="muted">{t('members.notApplicable')}</span>
                    ) : m.custodyHolderIds.length === 0 ? (
                      <span className="badge badge-error">{t('custody.none')}</span>
                    ) : (
                      m.custodyHolderIds.map((id) => memberName(family, id)).join(', ')
                    )}
                  </td>
                  {can.editHousehold && (
                    <td className="cell-actions">
                      <div className="button-row">
                        <button type="button" className="button button-secondary button-small" onClick={() => setEditing(m)}>
                          {t('members.edit')}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                        {m.role === 'child' && (
                          <button type="button" className="button button-secondary button-small" onClick={() => setCustodyOf(m)}>
                            {t('custody.edit')}
                            <span className="visually-hidden"> {t('members.for', { name })}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}

      {can.editHousehold && (
        <FormToggle label={t('members.add')} open={adding} onOpen={() => {
            setMessage(null);
            setAdding(true);
          }}>
          <AddMemberForm
            family={family}
            onCancel={() => setAdding(false)}
            onReload={onReload}
            onDone={async (name) => {
              setAdding(false);
              await done(t('members.added', { name }));
            }}
          />
        </FormToggle>
      )}

      <RevealDialog familyId={family.id} target={revealing} onClose={() => setRevealing(null)} />
      <EditPersonDialog
        familyId={family.id}
        version={family.version}
        member={editing}
        onClose={() => setEditing(null)}
        onReload={onReload}
        onSaved={async (name) => {
          setEditing(null);
          await done(t('members.saved', { name }));
        }}
      />
      <CustodyDialog
        family={family}
        child={custodyOf}
        onClose={() => setCustodyOf(null)}
        onReload={onReload}
        onSaved={async (name) => {
          setCustodyOf(null);
          await done(t('custody.saved', { name }));
        }}
      />
    </FamilySection>
  );
}
