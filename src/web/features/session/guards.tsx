import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { MeDto } from '../../../shared/auth';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import { ForbiddenPage } from '../../routes/ForbiddenPage';
import { useMe } from './useMe';

/** Where a user in the middle of logging in belongs, or null when they may use the application. */
export function pendingStep(me: MeDto): string | null {
  if (me.session.stage === 'mfa') return me.user.mfaEnrolled ? '/login/mfa' : '/login/mfa-enrol';
  if (me.user.mustChangePassword) return '/change-password';
  return null;
}

function useSession(render: (me: MeDto | null) => ReactNode): ReactNode {
  const me = useMe();
  if (me.isPending) return <Spinner />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  return render(me.data);
}

/** The application's pages: only for users who have finished logging in. */
export function RequireSignedIn() {
  const location = useLocation();
  return useSession((me) => {
    if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    const step = pendingStep(me);
    if (step) return <Navigate to={step} replace />;
    return <Outlet />;
  });
}

/** Pages of the second login step: only while the session waits for a one-time code. */
export function RequireMfaStage({ page }: { page: '/login/mfa' | '/login/mfa-enrol' }) {
  return useSession((me) => {
    if (!me) return <Navigate to="/login" replace />;
    const step = pendingStep(me);
    if (step === null) return <Navigate to="/" replace />;
    if (step !== page) return <Navigate to={step} replace />;
    return <Outlet />;
  });
}

/** The password page: for any active session, forced or by choice. */
export function RequireActiveSession() {
  return useSession((me) => {
    if (!me) return <Navigate to="/login" replace />;
    if (me.session.stage === 'mfa') return <Navigate to={pendingStep(me) ?? '/login'} replace />;
    return <Outlet />;
  });
}

/** A page for some roles only; others see a 403 message, not a redirect. */
export function RequireCan({ permission }: { permission: keyof MeDto['can'] }) {
  return useSession((me) => (me?.can[permission] ? <Outlet /> : <ForbiddenPage />));
}
