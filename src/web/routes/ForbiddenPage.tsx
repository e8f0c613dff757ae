import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { useT } from '../i18n/useT';

/** Shown in place of a page the user's roles do not open. */
export function ForbiddenPage() {
  const t = useT();
  return (
    <div className="page-narrow">
      <PageHeading>{t('forbidden.title')}</PageHeading>
      <p>{t('forbidden.text')}</p>
      <p>
        <Link to="/">{t('common.toHome')}</Link>
      </p>
    </div>
  );
}
