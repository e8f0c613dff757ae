import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/useT';

interface PageHeadingProps {
  /** The page's h1; also the start of the document title unless `title` is given. */
  children: ReactNode;
  title?: string;
}

/** The page's only h1; sets the document title, and is where focus lands after navigation. */
export function PageHeading({ children, title }: PageHeadingProps) {
  const t = useT();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('app.name')}` : t('app.name');
  }, [text, t]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
