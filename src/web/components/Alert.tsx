import type { ReactNode } from 'react';

interface AlertProps {
  variant: 'info' | 'success' | 'error' | 'warning';
  heading?: ReactNode;
  children?: ReactNode;
  /** Announce on appearance: a status message (polite) or an alert (assertive). */
  live?: 'status' | 'alert';
}

export function Alert({ variant, heading, children, live }: AlertProps) {
  return (
    <div className={`alert alert-${variant}`} role={live}>
      {heading && <p className="alert-heading">{heading}</p>}
      {children}
    </div>
  );
}
