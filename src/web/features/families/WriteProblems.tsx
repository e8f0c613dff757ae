import { useState } from 'react';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useT } from '../../i18n/useT';

/** Whether a failed request failed with this stable code. */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}

/** A write that lost the race: someone else changed the family (or one of its interventions) since this page loaded it. */
export const isConflict = (error: unknown) => hasCode(error, 'conflict') || hasCode(error, 'intervention_conflict');

/**
 * The reload behind a ConflictNotice: fetches the family again, then resets the write that lost the race so its
 * notice goes away; `reloading` is true meanwhile.
 */
export function useConflictReload(onReload: () => Promise<void>, reset: () => void) {
  const [reloading, setReloading] = useState(false);
  return {
    reloading,
    reload: async () => {
      setReloading(true);
      await onReload();
      setReloading(false);
      reset();
    },
  };
}

/**
 * A stale version: the server's message, the reassurance that the input is still in the form,
 * and a button that fetches the family again so the user can check and save once more.
 */
export function ConflictNotice({ error, onReload, reloading }: { error: unknown; onReload: () => void; reloading?: boolean }) {
  const t = useT();
  if (!isConflict(error) || !(error instanceof ApiError)) return null;
  return (
    <Alert variant="warning" heading={error.message} live="alert">
      <p>{t('family.conflictKept')}</p>
      <p>
        <button type="button" className="button button-secondary button-small" onClick={onReload} disabled={reloading}>
          {reloading && <span className="spinner" aria-hidden="true" />}
          {t('family.reload')}
        </button>
      </p>
    </Alert>
  );
}

/**
 * "This CPR is in another family" (the field itself carries the server's message): a choice to
 * register the person anyway — the request is sent again with acknowledgeOtherFamily.
 */
export function OtherFamilyNotice({ error, onConfirm, pending }: { error: unknown; onConfirm: () => void; pending?: boolean }) {
  const t = useT();
  if (!hasCode(error, 'cpr_in_other_family') || !(error instanceof ApiError)) return null;
  return (
    <Alert variant="warning" heading={t('family.otherFamilyHeading')}>
      <p>{t('family.otherFamilyText')}</p>
      <p>
        <button type="button" className="button button-primary button-small" onClick={onConfirm} disabled={pending}>
          {pending && <span className="spinner" aria-hidden="true" />}
          {t('family.otherFamilyConfirm')}
        </button>
      </p>
    </Alert>
  );
}
