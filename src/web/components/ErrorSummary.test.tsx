// @vitest-environment happy-dom
import { useState, type FormEvent } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { useFormErrors } from '../features/forms/useFormErrors';
import { click, render, type Rendered } from '../testing/render';
import { ErrorSummary } from './ErrorSummary';
import { TextField } from './FormField';

/** A two-field form that fails the way the real forms do: client-side, or with the server's answer. */
function DemoForm({ serverError }: { serverError?: ApiError }) {
  const form = useFormErrors('demo');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (serverError) form.failFromApi(serverError, 'email');
    else form.fail({ 'municipality.code': 'Kommunekoden er tre cifre.', email: 'Skriv en gyldig e-mailadresse.' });
  };
  return (
    <>
      <ErrorSummary
        form={form}
        fields={[
          ['municipality.code', 'Kommunekode'],
          ['email', 'E-mail'],
        ]}
      />
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} path="municipality.code" label="Kommunekode" value={code} onChange={setCode} />
        <TextField form={form} path="email" label="E-mail" hint="Din arbejdsmail." value={email} onChange={setEmail} />
        <button type="submit">Gem</button>
      </form>
    </>
  );
}

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('ErrorSummary', () => {
  it('is absent while the form has no problems', async () => {
    view = await render(<DemoForm />);
    expect(view.container.querySelector('.error-summary')).toBeNull();
  });

  it('appears on a failed submit, takes focus and links each problem to its field', async () => {
    view = await render(<DemoForm />);
    await click(view.container.querySelector('button[type=submit]'));

    const summary = view.container.querySelector<HTMLElement>('.error-summary');
    expect(summary).not.toBeNull();
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary?.querySelector('h2')?.textContent).toBe('Der er problemer');

    const links = [...(summary?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Kommunekode: Kommunekoden er tre cifre.', '#demo-municipality-code'],
      ['E-mail: Skriv en gyldig e-mailadresse.', '#demo-email'],
    ]);

    await click(links[1] ?? null);
    expect(document.activeElement?.id).toBe('demo-email');
  });

  it('marks the field and puts its message between hint and input, described by both', async () => {
    view = await render(<DemoForm />);
    await click(view.container.querySelector('button[type=submit]'));
    const input = view.container.querySelector('#demo-email');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(input?.getAttribute('aria-describedby')).toBe('demo-email-hint demo-email-error');
    const group = input?.closest('.form-group');
    expect(group?.classList.contains('form-error')).toBe(true);
    const order = [...(group?.children ?? [])].map((el) => el.className || el.tagName.toLowerCase());
    expect(order).toEqual(['form-label', 'form-hint', 'form-error-message', 'form-input']);
  });

  it('shows the server’s message, linked to the field to correct, and the error id of a server error', async () => {
    const error = new ApiError(500, 'internal_error', 'Der skete en fejl hos os. Oplys fejl-id til support.', [], 'err-42');
    view = await render(<DemoForm serverError={error} />);
    await click(view.container.querySelector('button[type=submit]'));
    const summary = view.container.querySelector('.error-summary');
    expect(summary?.querySelector('h2')?.textContent).toBe('Der er et problem');
    expect(summary?.querySelector('a')?.textContent).toBe('Der skete en fejl hos os. Oplys fejl-id til support.');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#demo-email');
    expect(summary?.querySelector('code')?.textContent).toBe('err-42');
  });

  it('maps server problems (validation_failed) onto the fields by path', async () => {
    const error = new ApiError(400, 'validation_failed', 'Nogle felter er ikke udfyldt korrekt.', [{ path: 'municipality.code', message: 'Kommunekoden er tre cifre, fx 159.' }]);
    view = await render(<DemoForm serverError={error} />);
    await click(view.container.querySelector('button[type=submit]'));
    expect(view.container.querySelector('#demo-municipality-code-error')?.textContent).toBe('Fejl: Kommunekoden er tre cifre, fx 159.');
    expect(view.container.querySelector('.error-summary a')?.textContent).toBe('Kommunekode: Kommunekoden er tre cifre, fx 159.');
  });
});
