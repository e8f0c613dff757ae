import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useT } from '../../i18n/useT';
import { planKeys } from './plans.api';

/** Whether a save was refused because the draft changed after the user loaded it. */
export function isPlanConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'plan_conflict';
}

/**
 * A stale save: the server's message, its list of what changed (and by whom), the reassurance that the
 * input is still in the form, and a button that loads the plan again so the user can save once more.
 */
export function PlanConflictNotice({ error, familyId, onReloaded }: { error: unknown; familyId: string; onReloaded?: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reloading, setReloading] = useState(false);
  if (!isPlanConflict(error)) return null;
  const reload = async () => {
    setReloading(true);
    try {
      await queryClient.refetchQueries({ queryKey: planKeys.plan(familyId), exact: true });
      void queryClient.invalidateQueries({ queryKey: planKeys.versions(familyId) });
      onReloaded?.();
    } finally {
      setReloading(false);
    }
  };
  return (
    <Alert variant="warning" heading={error.message} live="alert">
      {error.problems.length > 0 && (
        <>
          <p>{t('plan.conflict.changes')}</p>
          <ul>
            {error.problems.map((p) => (
              <li key={`${p.path}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </>
      )}
      <p>{t('plan.conflict.kept')}</p>
      <p>
        <button type="button" className="button button-secondary button-small" onClick={() => void reload()} disabled={reloading}>
          {reloading && <span className="spinner" aria-hidden="true" />}
          {t('plan.conflict.reload')}
        </button>
      </p>
    </Alert>
  );
}
