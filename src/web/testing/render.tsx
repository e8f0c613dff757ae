import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import type { Lang } from '../../shared/i18n';
import { I18nProvider } from '../i18n/I18nProvider';

declare global {
  // React reads this to know it runs under a test that wraps updates in act().
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
}

/** Renders a component with the app's providers into the (happy-dom) document, for component tests. */
export async function render(ui: ReactNode, { lang = 'da', path = '/' }: { lang?: Lang; path?: string } = {}): Promise<Rendered> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.appendChild(container);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(
      <I18nProvider initialLang={lang}>
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </I18nProvider>,
    );
  });
  return {
    container,
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Clicks an element inside act(), so React has finished updating when the promise resolves. */
export async function click(element: Element | null): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('Nothing to click');
  await act(async () => element.click());
}

/** Types into a React-controlled input the way a browser does: the native value setter, then an input event. */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The input whose label starts with `label`, inside `container`; throws when there is none. */
export function fieldByLabel(container: ParentNode, label: string): HTMLInputElement {
  const el = [...container.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
  const target = el && container.querySelector<HTMLInputElement>(`#${CSS.escape(el.htmlFor)}`);
  if (!target) throw new Error(`No field ${label}`);
  return target;
}

/** Lets pending promises (a mutation's answer) and the updates they cause run to the end. */
export const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
