import type { ReactNode, TextareaHTMLAttributes } from 'react';
import type { FormErrorsState } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value' | 'form'> & {
  form: FormErrorsState;
  /** The body path this field fills; gives the id and finds server problems. */
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
};

/** A multi-line text field in the same DKFDS frame as TextField: label, hint, error above the field. */
export function TextAreaField({ form, path, label, hint, value, onChange, rows = 4, ...rest }: TextAreaFieldProps) {
  const t = useT();
  const id = form.idFor(path);
  const error = form.errors[path];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-group form-error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </span>
      )}
      <textarea
        {...rest}
        id={id}
        name={path}
        rows={rows}
        className="form-input form-textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
    </div>
  );
}
