import { ApiError } from '../api/client';
import { useT } from '../i18n/useT';
import { Alert } from './Alert';

/** A failed load, with the server's message and error id when it gave one. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = error instanceof ApiError ? error.message : t('error.unexpected');
  const errorId = error instanceof ApiError ? error.errorId : undefined;
  return (
    <Alert variant="error" heading={t('error.loadFailed')} live="alert">
      <p>
        {message}
        {errorId && (
          <>
            {' '}
            {t('error.errorId')} <code>{errorId}</code>
          </>
        )}
      </p>
      {onRetry && (
        <p>
          <button type="button" className="button button-secondary button-small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        </p>
      )}
    </Alert>
  );
}
