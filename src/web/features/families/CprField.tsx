import { TextField } from '../../components/FormField';
import { useI18n } from '../../i18n/useT';
import { formatDate } from '../../lib/format';
import type { FormErrorsState } from '../forms/useFormErrors';
import { cprFeedback, formatCprInput } from './cprInput';

interface CprFieldProps {
  form: FormErrorsState;
  path: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  /** Shown before the feedback, e.g. "Kan udelades, hvis du ikke kender det." */
  hint?: string;
}

/**
 * A CPR number: formatted while typing (hyphen after six digits); once complete the hint says the
 * derived birth date and legal sex, and warns — never refuses — when the modulus 11 check fails.
 */
export function CprField({ form, path, value, onChange, label, hint }: CprFieldProps) {
  const { t, lang } = useI18n();
  const feedback = cprFeedback(value);
  const parts = [hint ?? t('cpr.hint')];
  if (feedback.kind === 'valid') parts.push(t('cpr.derived', { date: formatDate(feedback.birthDate, lang), sex: t(feedback.sex === 'female' ? 'sex.female' : 'sex.male') }));
  const warning = feedback.kind === 'valid' && !feedback.modulus11 ? t('cpr.modulusWarning') : null;
  return (
    <TextField
      form={form}
      path={path}
      label={label ?? t('cpr.label')}
      hint={
        <span aria-live="polite">
          {parts.join(' ')}
          {warning && <span className="form-warning">{warning}</span>}
        </span>
      }
      value={value}
      onChange={(next) => onChange(formatCprInput(next))}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      narrow
      className="form-input-cpr"
    />
  );
}
