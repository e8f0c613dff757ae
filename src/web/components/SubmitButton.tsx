import type { ReactNode } from 'react';
import { useT } from '../i18n/useT';

/** The form's primary button; shows a spinner while the request runs and cannot be pressed twice. */
export function SubmitButton({ pending, children, variant = 'primary' }: { pending: boolean; children: ReactNode; variant?: 'primary' | 'secondary' | 'danger' }) {
  const t = useT();
  return (
    <button type="submit" className={`button button-${variant}`} disabled={pending} aria-disabled={pending}>
      {pending && <span className="spinner" aria-hidden="true" />}
      {children}
      {pending && <span className="visually-hidden">{t('common.working')}</span>}
    </button>
  );
}
