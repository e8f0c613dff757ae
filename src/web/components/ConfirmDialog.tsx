import type { ReactNode } from 'react';
import { useT } from '../i18n/useT';
import { Alert } from './Alert';
import { Dialog } from './Dialog';
import { ErrorText } from './ErrorText';

interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: unknown;
  destructive?: boolean;
}

/** Asks before a destructive or far-reaching action; the safe choice (cancel) has focus first. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, pending = false, error, destructive = true }: ConfirmDialogProps) {
  const t = useT();
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      {children}
      {error ? (
        <Alert variant="error" live="alert">
          <p>
            <ErrorText error={error} />
          </p>
        </Alert>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className={destructive ? 'button button-danger' : 'button button-primary'} onClick={onConfirm} disabled={pending}>
          {pending && <span className="spinner" aria-hidden="true" />}
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
