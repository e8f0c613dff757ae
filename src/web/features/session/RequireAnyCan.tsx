import { Outlet } from 'react-router';
import type { MeDto } from '../../../shared/auth';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { ForbiddenPage } from '../../routes/ForbiddenPage';
import { useMe } from './useMe';

/** Like RequireCan, for a page that more than one permission opens (the caseload: coordinators and managers). */
export function RequireAnyCan({ permissions }: { permissions: ReadonlyArray<keyof MeDto['can']> }) {
  const me = useMe();
  if (me.isPending) return <Spinner />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  return permissions.some((p) => me.data?.can[p]) ? <Outlet /> : <ForbiddenPage />;
}
