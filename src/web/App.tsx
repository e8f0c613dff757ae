import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { AppShell } from './components/AppShell';
import { RequireActiveSession, RequireCan, RequireMfaStage, RequireSignedIn } from './features/session/guards';
import { RequireAnyCan } from './features/session/RequireAnyCan';
import { I18nProvider } from './i18n/I18nProvider';
import { AdminDepartmentsPage } from './routes/AdminDepartmentsPage';
import { AdminEarlySignsPage } from './routes/AdminEarlySignsPage';
import { AdminExchangePage } from './routes/AdminExchangePage';
import { AdminInterventionTypesPage } from './routes/AdminInterventionTypesPage';
import { AdminLifeDomainsPage } from './routes/AdminLifeDomainsPage';
import { AdminSettingsPage } from './routes/AdminSettingsPage';
import { AdminUserCreatePage } from './routes/AdminUserCreatePage';
import { AdminUserPage } from './routes/AdminUserPage';
import { AdminUsersPage } from './routes/AdminUsersPage';
import { AuditPage } from './routes/AuditPage';
import { EvaluationPage } from './routes/EvaluationPage';
import { CaseloadPage } from './routes/CaseloadPage';
import { ChangePasswordPage } from './routes/ChangePasswordPage';
import { FamilyCreatePage } from './routes/FamilyCreatePage';
import { FamilyPage } from './routes/FamilyPage';
import { HomePage } from './routes/HomePage';
import { LoginPage } from './routes/LoginPage';
import { ManagerBreakGlassPage } from './routes/ManagerBreakGlassPage';
import { ManagerCaseloadsPage } from './routes/ManagerCaseloadsPage';
import { ManagerOverlapsPage } from './routes/ManagerOverlapsPage';
import { MfaEnrolPage } from './routes/MfaEnrolPage';
import { MfaVerifyPage } from './routes/MfaVerifyPage';
import { MyReferralsPage } from './routes/MyReferralsPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { PlanPage } from './routes/PlanPage';
import { FamilyMeetingsPage } from './routes/FamilyMeetingsPage';
import { MeetingPage } from './routes/MeetingPage';
import { MyMeetingsPage } from './routes/MyMeetingsPage';
import { FamilyNotesPage } from './routes/FamilyNotesPage';
import { FamilyMeasurementsPage } from './routes/FamilyMeasurementsPage';
import { MyTasksPage } from './routes/MyTasksPage';
import { ReferralNewPage } from './routes/ReferralNewPage';
import { SetupPage } from './routes/SetupPage';
import { TeamFamiliesPage } from './routes/TeamFamiliesPage';
import { VisitationPage } from './routes/VisitationPage';
import './styles/case.css';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not heal by asking again; network and server trouble may.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireMfaStage page="/login/mfa-enrol" />}>
          <Route path="/login/mfa-enrol" element={<MfaEnrolPage />} />
        </Route>
        <Route element={<RequireMfaStage page="/login/mfa" />}>
          <Route path="/login/mfa" element={<MfaVerifyPage />} />
        </Route>
        <Route element={<RequireActiveSession />}>
          <Route path="/change-password" element={<ChangePasswordPage />} />
        </Route>
        <Route element={<RequireSignedIn />}>
          <Route index element={<HomePage />} />
          <Route element={<RequireCan permission="administer" />}>
            <Route path="/admin" element={<Navigate to="/admin/users" replace />} />
            <Route path="/admin/users" element={<AdminUsersPage />} />
            <Route path="/admin/users/new" element={<AdminUserCreatePage />} />
            <Route path="/admin/users/:id" element={<AdminUserPage />} />
            <Route path="/admin/departments" element={<AdminDepartmentsPage />} />
            <Route path="/admin/settings" element={<AdminSettingsPage />} />
            <Route path="/admin/intervention-types" element={<AdminInterventionTypesPage />} />
            <Route path="/admin/early-signs" element={<AdminEarlySignsPage />} />
            <Route path="/admin/life-domains" element={<AdminLifeDomainsPage />} />
            <Route path="/admin/exchange" element={<AdminExchangePage />} />
          </Route>
          <Route element={<RequireCan permission="refer" />}>
            <Route path="/referrals/new" element={<ReferralNewPage />} />
            <Route path="/referrals/mine" element={<MyReferralsPage />} />
          </Route>
          <Route element={<RequireCan permission="visitate" />}>
            <Route path="/referrals" element={<VisitationPage />} />
          </Route>
          <Route element={<RequireAnyCan permissions={['coordinate', 'supervise']} />}>
            <Route path="/caseload" element={<CaseloadPage />} />
          </Route>
          <Route element={<RequireAnyCan permissions={['teamFamilies', 'coordinate', 'supervise']} />}>
            <Route path="/team-families" element={<TeamFamiliesPage />} />
          </Route>
          <Route element={<RequireCan permission="coordinate" />}>
            <Route path="/families/new" element={<FamilyCreatePage />} />
          </Route>
          <Route path="/families/:id" element={<FamilyPage />} />
          <Route path="/families/:id/plan" element={<PlanPage />} />
          <Route path="/families/:id/meetings" element={<FamilyMeetingsPage />} />
          <Route path="/families/:id/notes" element={<FamilyNotesPage />} />
          <Route path="/families/:id/measurements" element={<FamilyMeasurementsPage />} />
          <Route element={<RequireCan permission="work" />}>
            <Route path="/meetings/mine" element={<MyMeetingsPage />} />
            <Route path="/tasks" element={<MyTasksPage />} />
          </Route>
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route element={<RequireCan permission="supervise" />}>
            <Route path="/manager" element={<Navigate to="/manager/caseloads" replace />} />
            <Route path="/manager/caseloads" element={<ManagerCaseloadsPage />} />
            <Route path="/manager/overlaps" element={<ManagerOverlapsPage />} />
            <Route path="/manager/break-glass" element={<ManagerBreakGlassPage />} />
          </Route>
          <Route element={<RequireCan permission="readAudit" />}>
            <Route path="/audit" element={<AuditPage />} />
          </Route>
          <Route element={<RequireCan permission="evaluate" />}>
            <Route path="/evaluation" element={<EvaluationPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        {/* Without transitions a navigation and a session change in the same tick render together. */}
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
