import type { LoginBody, MeDto, SetupBody } from '../../../shared/auth';
import type { Lang } from '../../../shared/i18n';
import { api, ApiError, LOGGED_OUT_CODES, reportAuthProblem, setCsrfToken } from '../../api/client';

export type LoginResult = { stage: 'mfa' | 'active'; mfaEnrolled: boolean };
export type MfaEnrolment = { secret: string; otpauthUri: string; qrDataUrl: string };
export type Municipality = { code: string; name: string };

export const sessionKeys = {
  me: ['me'] as const,
  setupStatus: ['setup-status'] as const,
  municipalities: ['auth-municipalities'] as const,
  mfaEnrolment: ['mfa-enrolment'] as const,
};

/** The signed-in user, or null when the browser has no session. Keeps the CSRF token in step. */
export async function fetchMe(): Promise<MeDto | null> {
  try {
    const me = await api<MeDto>('GET', '/api/v1/me', { quietAuth: true });
    setCsrfToken(me.session.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && LOGGED_OUT_CODES.includes(error.code)) {
      setCsrfToken(null);
      // An idle timeout deserves a word on the login page; "never logged in" does not.
      if (error.code === 'session_expired') reportAuthProblem(error);
      return null;
    }
    throw error;
  }
}

export function fetchSetupStatus(): Promise<{ needed: boolean }> {
  return api('GET', '/api/v1/setup/status');
}

export function postSetup(body: SetupBody): Promise<{ ok: true }> {
  return api('POST', '/api/v1/setup', { body });
}

export async function fetchMunicipalities(): Promise<Municipality[]> {
  const result = await api<{ municipalities: Municipality[] }>('GET', '/api/v1/auth/municipalities');
  return result.municipalities;
}

export function postLogin(body: LoginBody): Promise<LoginResult> {
  return api('POST', '/api/v1/auth/login', { body, quietAuth: true });
}

export function postMfaEnrol(): Promise<MfaEnrolment> {
  return api('POST', '/api/v1/auth/mfa/enrol', { quietAuth: true });
}

export function postMfaVerify(code: string): Promise<{ stage: 'active' }> {
  return api('POST', '/api/v1/auth/mfa/verify', { body: { code }, quietAuth: true });
}

export function postLogout(): Promise<void> {
  return api('POST', '/api/v1/auth/logout', { quietAuth: true });
}

export function postChangePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return api('POST', '/api/v1/me/password', { body, quietAuth: true });
}

export function putLanguage(language: Lang): Promise<void> {
  return api('PUT', '/api/v1/me/language', { body: { language }, quietAuth: true });
}
