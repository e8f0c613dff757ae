import type { MouseEvent } from 'react';
import { summaryItems } from '../features/forms/formErrors';
import type { FormErrorsState } from '../features/forms/useFormErrors';
import { useT } from '../i18n/useT';

interface ErrorSummaryProps {
  form: FormErrorsState;
  /** Body paths and labels of the form's fields, in the order they appear. */
  fields: ReadonlyArray<readonly [path: string, label: string]>;
}

function jumpTo(event: MouseEvent<HTMLAnchorElement>, targetId: string): void {
  const target = document.getElementById(targetId);
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: 'center' });
}

/** The DKFDS error summary: every problem on the form, each a link to its field. Takes focus on failure. */
export function ErrorSummary({ form, fields }: ErrorSummaryProps) {
  const t = useT();
  const items = summaryItems(form.errors, fields, form.formId);
  if (items.length === 0 && !form.formProblem) return null;
  const headingId = `${form.formId}-error-summary-title`;
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={form.summaryRef}>
      <h2 id={headingId}>{items.length > 1 ? t('errorSummary.titleMany') : t('errorSummary.title')}</h2>
      {form.formProblem && (
        <p>
          {form.formProblem.targetPath ? (
            <a href={`#${form.idFor(form.formProblem.targetPath)}`} onClick={(event) => jumpTo(event, form.idFor(form.formProblem?.targetPath ?? ''))}>
              {form.formProblem.message}
            </a>
          ) : (
            form.formProblem.message
          )}
          {form.formProblem.errorId && (
            <>
              {' '}
              {t('error.errorId')} <code>{form.formProblem.errorId}</code>
            </>
          )}
        </p>
      )}
      {items.length > 0 && (
        <ul>
          {items.map((item) => (
            <li key={item.message}>
              {item.targetId ? (
                <a href={`#${item.targetId}`} onClick={(event) => jumpTo(event, item.targetId ?? '')}>
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
