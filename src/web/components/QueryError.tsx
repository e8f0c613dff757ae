import { useT } from '../i18n/useT';
import { Alert } from './Alert';
import { ErrorText } from './ErrorText';

/** A failed load, with the server's message and error id when it gave one. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert variant="error" heading={t('error.loadFailed')} live="alert">
      <p>
        <ErrorText error={error} />
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
