// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setApiLanguage, setAuthProblemHandler, setCsrfToken } from './client';

interface Sent {
  url: string;
  init: RequestInit;
}

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let sent: Sent[];
let next: () => Response;

beforeEach(() => {
  sent = [];
  next = () => answer(200, { ok: true });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return next();
  });
  setCsrfToken(null);
  setApiLanguage('da');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAuthProblemHandler(null);
});

const header = (i: number, name: string) => new Headers(sent[i]?.init.headers).get(name);

describe('api', () => {
  it('sends the language and same-origin cookies on every call, and no CSRF header on GET', async () => {
    setApiLanguage('en');
    await api('GET', '/api/v1/me');
    expect(header(0, 'accept-language')).toBe('en');
    expect(header(0, 'x-csrf-token')).toBeNull();
    expect(sent[0]?.init.credentials).toBe('same-origin');
  });

  it('sends "anonymous" as CSRF token before login and the session’s token after', async () => {
    await api('POST', '/api/v1/auth/login', { body: { email: 'a@b.dk', password: 'x' } });
    setCsrfToken('tok-123');
    await api('PUT', '/api/v1/me/language', { body: { language: 'da' } });
    expect(header(0, 'x-csrf-token')).toBe('anonymous');
    expect(header(1, 'x-csrf-token')).toBe('tok-123');
    expect(header(1, 'content-type')).toBe('application/json');
    expect(sent[1]?.init.body).toBe('{"language":"da"}');
  });

  it('leaves out empty query parameters', async () => {
    await api('GET', '/api/v1/audit', { query: { action: 'auth.login', actorUserId: undefined, personId: '', limit: 50 } });
    expect(sent[0]?.url).toBe('/api/v1/audit?action=auth.login&limit=50');
  });

  it('turns the error body into an ApiError with code, message, problems and error id', async () => {
    next = () => answer(400, { error: { code: 'validation_failed', message: 'Nogle felter …', problems: [{ path: 'admin.email', message: 'Ugyldig.' }], errorId: 'e-1' } });
    const error = await api('POST', '/api/v1/setup', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Nogle felter …', problems: [{ path: 'admin.email', message: 'Ugyldig.' }], errorId: 'e-1' });
  });

  it('reports an ended session to the handler, unless the caller handles auth itself', async () => {
    const seen: string[] = [];
    setAuthProblemHandler((e) => seen.push(e.code));
    next = () => answer(401, { error: { code: 'session_expired', message: 'Du er blevet logget ud …' } });
    await expect(api('GET', '/api/v1/admin/users')).rejects.toBeInstanceOf(ApiError);
    next = () => answer(401, { error: { code: 'login_failed', message: 'E-mail eller adgangskode er forkert.' } });
    await expect(api('POST', '/api/v1/auth/login', { body: {} })).rejects.toBeInstanceOf(ApiError);
    next = () => answer(401, { error: { code: 'not_authenticated', message: 'Du skal logge ind.' } });
    await expect(api('GET', '/api/v1/me', { quietAuth: true })).rejects.toBeInstanceOf(ApiError);
    expect(seen).toEqual(['session_expired']);
  });

  it('returns undefined for 204 No Content', async () => {
    next = () => new Response(null, { status: 204 });
    await expect(api('POST', '/api/v1/auth/logout')).resolves.toBeUndefined();
  });
});
