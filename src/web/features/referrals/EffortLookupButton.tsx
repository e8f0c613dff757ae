import { useMutation } from '@tanstack/react-query';
import { parseCpr } from '../../../shared/cpr';
import { fieldMessage } from '../../../shared/field-messages';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/useT';
import { lookupEffort } from './referrals.api';

/**
 * "Er personen allerede i en indsats?": asks the server (audited) with the CPR in the body. The answer
 * is only yes with the coordinator's name and e-mail, or no — and belongs to the number it was asked for.
 */
export function EffortLookupButton({ cpr, id }: { cpr: string; id: string }) {
  const { t, lang } = useI18n();
  const lookup = useMutation({ mutationFn: lookupEffort });
  const parsed = parseCpr(cpr);
  const normalised = parsed.ok ? parsed.cpr : null;
  const current = normalised !== null && lookup.variables === normalised;

  let answer = '';
  let yes = false;
  if (cpr.trim() === '') answer = t('referral.lookupHint');
  else if (!parsed.ok) answer = cpr.replace(/\D/g, '').length < 10 ? t('referral.lookupHint') : (fieldMessage(parsed.error, lang) ?? '');
  else if (current && lookup.isError) answer = lookup.error instanceof ApiError ? lookup.error.message : t('error.unexpected');
  else if (current && lookup.data) {
    yes = lookup.data.inEffort;
    answer = lookup.data.inEffort
      ? lookup.data.coordinator
        ? t('referral.lookupYes', { name: lookup.data.coordinator.name, email: lookup.data.coordinator.email })
        : t('referral.lookupYesNoCoordinator')
      : t('referral.lookupNo');
  }

  return (
    <div className="lookup">
      <button type="button" className="button button-secondary button-small" aria-describedby={`${id}-answer`} disabled={lookup.isPending || !normalised} onClick={() => normalised && lookup.mutate(normalised)}>
        {lookup.isPending && <span className="spinner" aria-hidden="true" />}
        {t('referral.lookup')}
      </button>
      <p id={`${id}-answer`} className={yes ? 'lookup-answer lookup-yes' : 'lookup-answer'} role="status">
        {answer}
      </p>
    </div>
  );
}
