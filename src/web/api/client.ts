import type { Lang } from '../../shared/i18n';

/** One problem with one field, as the server reports it: dot-joined body path and a localized message. */
export interface ApiProblem {
  path: string;
  message: string;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; problems?: unknown; errorId?: unknown };
}

/** Any non-2xx answer from the API, carrying the server's stable code and localized message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: ApiProblem[] = [],
    readonly errorId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes that mean the browser no longer has a usable session. */
export const LOGGED_OUT_CODES: readonly string[] = ['session_expired', 'not_authenticated'];

type AuthProblemHandler = (error: ApiError) => void;

/** Connection state shared by every call: the CSRF token of the current session and the UI language. */
const state: { csrfToken: string | null; lang: Lang; onAuthProblem: AuthProblemHandler | null; lastActivity: number } = {
  csrfToken: null,
  lang: 'da',
  onAuthProblem: null,
  lastActivity: Date.now(),
};

/** When the last request the server answered was sent: the server's idle clock restarts then. */
export function lastApiActivity(): number {
  return state.lastActivity;
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setApiLanguage(lang: Lang): void {
  state.lang = lang;
}

/** Called for 401 session_expired/not_authenticated, 401 mfa_required and 403 password_change_required. */
export function setAuthProblemHandler(handler: AuthProblemHandler | null): void {
  state.onAuthProblem = handler;
}

/** Lets a caller that asked for quiet auth errors still report an ended session. */
export function reportAuthProblem(error: ApiError): void {
  state.onAuthProblem?.(error);
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Leave auth errors to the caller (login, /me) instead of sending the user to the login page. */
  quietAuth?: boolean;
  signal?: AbortSignal;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function toApiError(status: number, body: unknown, lang: Lang): ApiError {
  const err = (body as ErrorBody | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : `http_${status}`;
  const fallback = lang === 'en' ? `The server answered with status ${status}.` : `Serveren svarede med status ${status}.`;
  const message = typeof err?.message === 'string' ? err.message : fallback;
  const problems = Array.isArray(err?.problems)
    ? err.problems.filter(
        (p): p is ApiProblem =>
          typeof p === 'object' && p !== null && typeof (p as ApiProblem).path === 'string' && typeof (p as ApiProblem).message === 'string',
      )
    : [];
  const errorId = typeof err?.errorId === 'string' ? err.errorId : undefined;
  return new ApiError(status, code, message, problems, errorId);
}

/** Calls the Helhed API with the session cookie, CSRF token and language; throws ApiError on failure. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.lang };
  if (method !== 'GET') headers['x-csrf-token'] = state.csrfToken ?? 'anonymous';
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const message = state.lang === 'en' ? 'Helhed could not be reached. Check your connection and try again.' : 'Helhed kunne ikke kontaktes. Tjek din forbindelse, og prøv igen.';
    throw new ApiError(0, 'network_error', message);
  }

  if (response.status !== 401) state.lastActivity = Math.max(state.lastActivity, sentAt);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, body, state.lang);
    const isAuthProblem =
      (error.status === 401 && (LOGGED_OUT_CODES.includes(error.code) || error.code === 'mfa_required')) ||
      (error.status === 403 && error.code === 'password_change_required');
    if (isAuthProblem && !options.quietAuth) state.onAuthProblem?.(error);
    throw error;
  }
  return body as T;
}
