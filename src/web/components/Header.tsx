import { useQuery } from '@tanstack/react-query';
import { Link, NavLink } from 'react-router';
import { fetchMunicipalities, sessionKeys } from '../features/session/session.api';
import { useAttention } from '../features/tasks/useAttention';
import { useLogout } from '../features/session/useLogout';
import { isFullySignedIn, useMe } from '../features/session/useMe';
import { useSetupStatus } from '../features/session/useSetupStatus';
import type { MessageKey } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  to: string;
  label: MessageKey;
  end?: boolean;
  /**
   * What waits there (GET /attention; undefined until it has answered), shown as a badge and said in the link's
   * accessible name; `none` names the link when nothing waits, `urgent` makes the badge red.
   */
  waiting?: { count: number | null | undefined; one: MessageKey; many: MessageKey; none?: MessageKey; urgent?: boolean };
}

/** A menu link, with a badge for what waits there when there is any. */
function NavItemLink({ item }: { item: NavItem }) {
  const t = useT();
  const w = item.waiting;
  const count = w?.count ?? 0;
  const name = !w || w.count == null ? undefined : count > 0 ? t(count === 1 ? w.one : w.many, { count }) : w.none && t(w.none);
  return (
    <NavLink to={item.to} end={item.end} aria-label={name}>
      {t(item.label)}
      {count > 0 && (
        <span className={`badge ${w?.urgent ? 'badge-error' : 'badge-warning'} header-attention`} aria-hidden="true">
          {count}
        </span>
      )}
    </NavLink>
  );
}

/** White DKFDS header: municipality name, language, the signed-in user, and the menu their roles allow. */
export function Header() {
  const t = useT();
  const { data: me } = useMe();
  const setup = useSetupStatus();
  const logout = useLogout();
  // Before login the municipality is known only when the installation serves exactly one.
  const municipalities = useQuery({
    queryKey: sessionKeys.municipalities,
    queryFn: fetchMunicipalities,
    enabled: setup.data?.needed === false && !me,
    staleTime: 5 * 60_000,
  });
  const municipalityName = me?.municipality.name ?? (municipalities.data?.length === 1 ? municipalities.data[0]?.name : undefined);
  const signedIn = isFullySignedIn(me);
  const attention = useAttention(signedIn);

  const items: NavItem[] = [];
  if (signedIn) {
    items.push({ to: '/', label: 'nav.home', end: true });
    if (me.can.refer) items.push({ to: '/referrals/new', label: 'nav.refer' });
    if (me.can.visitate) {
      items.push({ to: '/referrals', label: 'nav.visitation', end: true, waiting: { count: attention.data?.openReferrals, one: 'nav.visitationWaitingOne', many: 'nav.visitationWaiting' } });
    }
    if (me.can.coordinate) items.push({ to: '/caseload', label: 'nav.caseload' });
    if (me.can.teamFamilies) items.push({ to: '/team-families', label: 'nav.teamFamilies' });
    if (me.can.supervise) {
      items.push({ to: '/manager', label: 'nav.manager', waiting: { count: attention.data?.unreviewedBreakGlass, one: 'nav.managerBreakGlassOne', many: 'nav.managerBreakGlass' } });
    }
    if (me.can.evaluate) items.push({ to: '/evaluation', label: 'nav.evaluation' });
    if (me.can.administer) {
      items.push({ to: '/admin', label: 'nav.admin' });
    }
    if (me.can.readAudit) items.push({ to: '/audit', label: 'nav.audit' });
    // Administrators and analysts have no tasks or meetings: they see no case content.
    if (me.can.work) {
      items.push(
        {
          to: '/tasks',
          label: 'tasks.navLabel',
          waiting: { count: attention.data?.overdueTasks, one: 'tasks.attentionLabel', many: 'tasks.attentionLabel', none: 'tasks.attentionNone', urgent: true },
        },
        { to: '/meetings/mine', label: 'meetings.mine' },
      );
    }
  }

  return (
    <header className="header">
      <div className="portal-header">
        <div className="container portal-header-inner">
          <Link to="/" className="brand">
            <BrandMark />
            <span className="brand-text">
              <span className="brand-name">{municipalityName ?? t('app.name')}</span>
              <span className="brand-product">{municipalityName ? t('app.productLine') : t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {me && (
              <div className="header-user">
                <span className="header-user-name">
                  <span className="visually-hidden">{t('header.signedInAs')} </span>
                  {me.user.name}
                </span>
                {signedIn && <Link to="/change-password">{t('header.changePassword')}</Link>}
                <button type="button" className="button button-secondary button-small" onClick={() => logout.mutate()} disabled={logout.isPending}>
                  {t('header.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
      </div>
      {items.length > 0 && (
        <nav className="main-nav" aria-label={t('nav.label')}>
          <div className="container">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavItemLink item={item} />
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
