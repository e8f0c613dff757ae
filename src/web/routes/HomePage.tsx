import { Link, useLocation } from 'react-router';
import { Alert } from '../components/Alert';
import { PageHeading } from '../components/PageHeading';
import { roleList } from '../features/session/roleLabels';
import { AttentionSummary } from '../features/tasks/AttentionSummary';
import { useMe } from '../features/session/useMe';
import type { MessageKey } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';

interface Area {
  to: string;
  title: MessageKey;
  text: MessageKey;
}

/** Forside: what needs your attention, who you are, where you work, and the areas your roles give you. */
export function HomePage() {
  const t = useT();
  const location = useLocation();
  const { data: me } = useMe();
  if (!me) return null;
  const passwordChanged = (location.state as { notice?: unknown } | null)?.notice === 'passwordChanged';

  const areas: Area[] = [];
  if (me.can.administer) {
    areas.push(
      { to: '/admin/users', title: 'nav.users', text: 'home.area.users' },
      { to: '/admin/departments', title: 'nav.departments', text: 'home.area.departments' },
      { to: '/admin/settings', title: 'nav.settings', text: 'home.area.settings' },
    );
  }
  if (me.can.coordinate) areas.push({ to: '/caseload', title: 'nav.caseload', text: 'home.area.caseload' });
  // Managers reach it here too: a manager may be on a family's team (the menu keeps it for professionals).
  if (me.can.teamFamilies || me.can.supervise) areas.push({ to: '/team-families', title: 'nav.teamFamilies', text: 'home.area.teamFamilies' });
  if (me.can.work) areas.push({ to: '/tasks', title: 'tasks.title', text: 'home.area.tasks' }, { to: '/meetings/mine', title: 'meetings.mine', text: 'home.area.meetings' });
  if (me.can.visitate) areas.push({ to: '/referrals', title: 'nav.visitation', text: 'home.area.visitation' });
  if (me.can.refer) {
    areas.push({ to: '/referrals/new', title: 'nav.refer', text: 'home.area.refer' }, { to: '/referrals/mine', title: 'myReferrals.title', text: 'home.area.myReferrals' });
  }
  if (me.can.supervise) areas.push({ to: '/manager/caseloads', title: 'nav.manager', text: 'home.area.manager' });
  if (me.can.evaluate) areas.push({ to: '/evaluation', title: 'nav.evaluation', text: 'home.area.evaluation' });
  if (me.can.administer) {
    areas.push({ to: '/admin/intervention-types', title: 'nav.interventionTypes', text: 'home.area.interventionTypes' }, { to: '/admin/early-signs', title: 'nav.earlySigns', text: 'home.area.earlySigns' }, { to: '/admin/life-domains', title: 'nav.lifeDomains', text: 'home.area.lifeDomains' }, { to: '/admin/exchange', title: 'nav.exchange', text: 'home.area.exchange' });
  }
  if (me.can.readAudit) areas.push({ to: '/audit', title: 'nav.audit', text: 'home.area.audit' });
  areas.push({ to: '/change-password', title: 'header.changePassword', text: 'home.area.password' });

  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.welcome', { name: me.user.name })}</PageHeading>
      {passwordChanged && (
        <Alert variant="success" live="status">
          <p>{t('changePassword.done')}</p>
        </Alert>
      )}
      <AttentionSummary />
      <h2>{t('home.aboutYouHeading')}</h2>
      <dl className="summary-list">
        <dt>{t('home.municipality')}</dt>
        <dd>
          {me.municipality.name} ({me.municipality.code})
        </dd>
        <dt>{t('home.roles')}</dt>
        <dd>{roleList(t, me.user.roles)}</dd>
        {me.user.profession && (
          <>
            <dt>{t('field.profession')}</dt>
            <dd>{me.user.profession}</dd>
          </>
        )}
        <dt>{t('field.email')}</dt>
        <dd>{me.user.email}</dd>
      </dl>
      <h2>{t('home.areasHeading')}</h2>
      <ul className="card-list">
        {areas.map((area) => (
          <li key={area.to}>
            <div className="card">
              <h3>
                <Link to={area.to}>{t(area.title)}</Link>
              </h3>
              <p>{t(area.text)}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
