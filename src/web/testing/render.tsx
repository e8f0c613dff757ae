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
