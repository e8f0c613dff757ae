import { Link } from 'react-router';
import { useI18n } from '../../i18n/useT';
import { useMe } from '../session/useMe';

/** The first breadcrumb above a family's pages: where this user keeps their families (Min sagsstamme, Mine familier), else the front page. */
export function FamiliesCrumb() {
  const { t } = useI18n();
  const { data: me } = useMe();
  if (me?.can.coordinate) return <Link to="/caseload">{t('caseload.title')}</Link>;
  if (me?.can.teamFamilies) return <Link to="/team-families">{t('teamFamilies.title')}</Link>;
  return <Link to="/">{t('nav.home')}</Link>;
}
