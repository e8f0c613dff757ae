import type { ReactNode } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { useFamily } from '../families/useFamily';
import type { FamilyOverview } from '../families/families.api';
import { useT } from '../../i18n/useT';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { familyLabel } from '../families/labels';
import { FamiliesCrumb } from '../families/FamiliesCrumb';

interface Props {
  /** The page's name, e.g. "Helhedsplan"; the h1 reads "<title> – <family>". */
  title: string;
  children: (overview: FamilyOverview) => ReactNode;
}

/**
 * A page about one family's work (plan, meetings, journal): breadcrumbs back to the overview, the h1 naming
 * the family, and a small menu between the family's pages. A family the user may not see is "not found".
 */
export function FamilySubPage({ title, children }: Props) {
  const t = useT();
  const { id = '' } = useParams();
  const family = useFamily(id);

  if (family.isPending) return <Spinner />;
  if (family.isError) {
    if (family.error instanceof ApiError && family.error.status === 404) return <NotFoundPage />;
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <QueryError error={family.error} onRetry={() => void family.refetch()} />
      </>
    );
  }
  const f = family.data.data;
  const base = `/families/${encodeURIComponent(f.id)}`;
  const name = familyLabel(t, f.familyNames);
  return (
    <>
      <ol className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <li><FamiliesCrumb /></li>
        <li>
          <Link to={base}>{name}</Link>
        </li>
        <li aria-current="page">{title}</li>
      </ol>
      <PageHeading title={`${title} – ${name}`}>
        {title} <span className="muted">– {name}</span>
      </PageHeading>
      <nav className="tabs tabs-secondary" aria-label={t('familyWork.nav')}>
        <ul>
          <li>
            <NavLink to={base} end>
              {t('plan.links.family')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/plan`}>{t('plan.title')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/meetings`}>{t('plan.links.meetings')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/notes`}>{t('plan.links.notes')}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/measurements`}>{t('plan.links.measurements')}</NavLink>
          </li>
        </ul>
      </nav>
      {children(family.data)}
    </>
  );
}
