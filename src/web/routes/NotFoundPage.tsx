import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { useT } from '../i18n/useT';

export function NotFoundPage() {
  const t = useT();
  return (
    <div className="page-narrow">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('common.toHome')}</Link>
      </p>
    </div>
  );
}
