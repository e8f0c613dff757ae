import { NavLink } from 'react-router';
import { useT } from '../../i18n/useT';

/** The manager's three views, side by side under the page heading. */
export function ManagerNav() {
  const t = useT();
  return (
    <nav className="tabs" aria-label={t('manager.navLabel')}>
      <ul>
        <li>
          <NavLink to="/manager/caseloads">{t('manager.caseloadsTitle')}</NavLink>
        </li>
        <li>
          <NavLink to="/manager/overlaps">{t('manager.overlapsTitle')}</NavLink>
        </li>
        <li>
          <NavLink to="/manager/break-glass">{t('manager.breakGlassTitle')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
