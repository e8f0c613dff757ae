import { useEffect, useRef, type MouseEvent } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AuthProblemBridge } from '../features/session/AuthProblemBridge';
import { SessionTimeoutWarning } from '../features/session/SessionTimeoutWarning';
import { useLanguageSync } from '../features/session/useLanguageSync';
import { useSetupStatus } from '../features/session/useSetupStatus';
import { useT } from '../i18n/useT';
import { Footer } from './Footer';
import { Header } from './Header';
import { QueryError } from './QueryError';
import { Spinner } from './Spinner';

function focusMain(event: MouseEvent<HTMLAnchorElement>): void {
  const main = document.getElementById('main-content');
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** Moves focus to the new page's heading after client-side navigation, as a page load would. */
function useFocusOnNavigation(pathname: string): void {
  // The path last handled, not a "first render" flag: StrictMode runs effects twice on mount.
  const handled = useRef(pathname);
  useEffect(() => {
    if (handled.current === pathname) return;
    handled.current = pathname;
    const timer = window.setTimeout(() => {
      if (document.querySelector('dialog[open]')) return;
      const target = document.getElementById('page-title') ?? document.getElementById('main-content');
      target?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);
}

/** The frame of every page (skip link, header, main, footer), and the first-run redirect. */
export function AppShell() {
  const t = useT();
  const location = useLocation();
  const setup = useSetupStatus();
  useLanguageSync();
  useFocusOnNavigation(location.pathname);

  let content = <Outlet />;
  if (setup.isPending) content = <Spinner />;
  else if (setup.isError) content = <QueryError error={setup.error} onRetry={() => void setup.refetch()} />;
  else if (setup.data.needed && location.pathname !== '/setup') content = <Navigate to="/setup" replace />;
  else if (!setup.data.needed && location.pathname === '/setup') content = <Navigate to="/login" replace />;

  return (
    <>
      <AuthProblemBridge />
      <SessionTimeoutWarning />
      <a className="skip-link" href="#main-content" onClick={focusMain}>
        {t('header.skipLink')}
      </a>
      <Header />
      <main id="main-content" tabIndex={-1}>
        <div className="container">{content}</div>
      </main>
      <Footer />
    </>
  );
}
