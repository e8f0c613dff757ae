import { ApiError } from '../api/client';
import { useT } from '../i18n/useT';

/** The server's message for a failed request, with the error id support needs for a server error. */
export function ErrorText({ error }: { error: unknown }) {
  const t = useT();
  const message = error instanceof ApiError ? error.message : t('error.unexpected');
  const errorId = error instanceof ApiError ? error.errorId : undefined;
  return (
    <>
      {message}
      {errorId && (
        <>
          {' '}
          {t('error.errorId')} <code>{errorId}</code>
        </>
      )}
    </>
  );
}
