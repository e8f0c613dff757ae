import { NavLink } from 'react-router';
import type { MessageKey } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

/** The administrator's pages, in the order of the front page's cards. The main menu holds one »Administration« link. */
export const ADMIN_PAGES: ReadonlyArray<{ to: string; label: MessageKey }> = [
  { to: '/admin/users', label: 'nav.users' },
  { to: '/admin/departments', label: 'nav.departments' },
  { to: '/admin/settings', label: 'nav.settings' },
  { to: '/admin/intervention-types', label: 'nav.interventionTypes' },
  { to: '/admin/early-signs', label: 'nav.earlySigns' },
  { to: '/admin/life-domains', label: 'nav.lifeDomains' },
  { to: '/admin/exchange', label: 'nav.exchange' },
];

/** Tabs under an administration page's heading, as the manager's views have them. */
export function AdminNav() {
  const t = useT();
  return (
    <nav className="tabs" aria-label={t('admin.navLabel')}>
      <ul>
        {ADMIN_PAGES.map((p) => (
          <li key={p.to}>
            <NavLink to={p.to}>{t(p.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
