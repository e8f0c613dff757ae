// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, type, type Rendered } from '../../testing/render';
import { useFormErrors } from '../forms/useFormErrors';
import { CprField } from './CprField';

function Demo() {
  const form = useFormErrors('demo');
  const [cpr, setCpr] = useState('');
  return <CprField form={form} path="cpr" value={cpr} onChange={setCpr} />;
}

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('the CPR field', () => {
  it('adds the hyphen while typing and tells the birth date and legal sex it derives', async () => {
    view = await render(<Demo />);
    const input = view.container.querySelector<HTMLInputElement>('#demo-cpr')!;
    await type(input, '0101901234');
    expect(input.value).toBe('010190-1234');
    expect(view.container.textContent).toContain('Født 01.01.1990, kvinde.');
  });

  it('warns, without refusing, when the modulus 11 check fails', async () => {
    view = await render(<Demo />);
    const input = view.container.querySelector<HTMLInputElement>('#demo-cpr')!;
    await type(input, '010190-1234');
    expect(view.container.querySelector('.form-warning')?.textContent).toContain('Kontrolcifferet passer ikke');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('has no warning for a number that passes modulus 11', async () => {
    view = await render(<Demo />);
    const input = view.container.querySelector<HTMLInputElement>('#demo-cpr')!;
    // 070761-4285 passes the modulus 11 check (4·0+3·7+2·0+7·7+6·6+5·1+4·4+3·2+2·8+1·5 = 154 = 14·11).
    await type(input, '0707614285');
    expect(view.container.querySelector('.form-warning')).toBeNull();
    expect(view.container.textContent).toContain('Født 07.07.1961, mand.');
  });
});
