import type { ReactNode } from 'react';
import type { FormErrorsState } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

interface RadioGroupProps<T extends string> {
  form: FormErrorsState;
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | '';
  onChange: (value: T) => void;
  inline?: boolean;
}

/** A fieldset of radio buttons; the first carries the field id so the error summary can reach it. */
export function RadioGroup<T extends string>({ form, path, legend, hint, options, value, onChange, inline }: RadioGroupProps<T>) {
  const t = useT();
  const id = form.idFor(path);
  const error = form.errors[path];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-group form-error' : 'form-group'}>
      <fieldset className="form-fieldset" aria-describedby={described}>
        <legend>{legend}</legend>
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
        <div className={inline ? 'checkbox-inline-list' : undefined}>
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="checkbox" key={option.value}>
                <input
                  type="radio"
                  id={optionId}
                  name={id}
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-invalid={error ? true : undefined}
                />
                <label htmlFor={optionId}>{option.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
