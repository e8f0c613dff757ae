import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { FormErrorsState } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** Label above, then hint, then the error message (above the field), as DKFDS prescribes. */
function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  const t = useT();
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
      {children}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'form'> & {
  form: FormErrorsState;
  /** The body path this field fills, e.g. `admin.email`; gives the id and finds server problems. */
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  narrow?: boolean;
};

export function TextField({ form, path, label, hint, value, onChange, narrow, className, ...rest }: TextFieldProps) {
  const id = form.idFor(path);
  const error = form.errors[path];
  const classes = ['form-input', narrow ? 'form-input-narrow' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        {...rest}
        id={id}
        name={path}
        className={classes}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value' | 'form'> & {
  form: FormErrorsState;
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({ form, path, label, hint, value, onChange, options, ...rest }: SelectFieldProps) {
  const id = form.idFor(path);
  const error = form.errors[path];
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        {...rest}
        id={id}
        name={path}
        className="form-select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxGroupProps<T extends string> {
  form: FormErrorsState;
  path: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: readonly T[];
  onChange: (value: T[]) => void;
  inline?: boolean;
}

/** A fieldset of checkboxes; the first box carries the field id so the error summary can reach it. */
export function CheckboxGroup<T extends string>({ form, path, legend, hint, options, value, onChange, inline }: CheckboxGroupProps<T>) {
  const t = useT();
  const id = form.idFor(path);
  const error = form.errors[path];
  const toggle = (option: T, checked: boolean) =>
    onChange(checked ? options.map((o) => o.value).filter((v) => v === option || value.includes(v)) : value.filter((v) => v !== option));
  return (
    <div className={error ? 'form-group form-error' : 'form-group'}>
      <fieldset className="form-fieldset" aria-describedby={describedBy(id, hint, error)}>
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
                  type="checkbox"
                  id={optionId}
                  name={path}
                  value={option.value}
                  checked={value.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
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
