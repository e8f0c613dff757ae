import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/useT';
import { fieldId, problemsToErrors, zodErrorToErrors, type FieldErrors } from './formErrors';

/** A problem with the whole request rather than one field, e.g. "E-mail eller adgangskode er forkert." */
export interface FormProblem {
  message: string;
  errorId?: string;
  /** The field the user should correct, when one is obvious (the password after a failed login). */
  targetPath?: string;
}

export interface FormErrorsState {
  formId: string;
  errors: FieldErrors;
  formProblem: FormProblem | null;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** The id of the field for a body path. */
  idFor: (path: string) => string;
  /** Shows field errors (and an optional general problem) and moves focus to the error summary. */
  fail: (errors: FieldErrors, formProblem?: FormProblem | null) => void;
  failFromZod: (error: z.ZodError, extra?: FieldErrors) => void;
  /** Maps an API error onto the form: problems to fields, the message to the summary (linked to `targetPath`). */
  failFromApi: (error: unknown, targetPath?: string) => void;
  clear: () => void;
}

/** Error state of one form following the DKFDS pattern: inline messages plus a focused summary. */
export function useFormErrors(formId: string): FormErrorsState {
  const { lang, t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formProblem, setFormProblem] = useState<FormProblem | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  const fail = useCallback((next: FieldErrors, problem: FormProblem | null = null) => {
    setErrors(next);
    setFormProblem(problem);
    setFocusRequest((n) => n + 1);
  }, []);

  const failFromZod = useCallback(
    (error: z.ZodError, extra: FieldErrors = {}) => fail({ ...zodErrorToErrors(error, lang), ...extra }),
    [fail, lang],
  );

  const failFromApi = useCallback(
    (error: unknown, targetPath?: string) => {
      if (error instanceof ApiError) {
        const fieldErrors = problemsToErrors(error.problems);
        const hasFieldErrors = Object.keys(fieldErrors).length > 0;
        // With field problems the inline messages say it all; the summary heading states the rest.
        fail(fieldErrors, hasFieldErrors && error.code === 'validation_failed' ? null : { message: error.message, errorId: error.errorId, targetPath });
      } else {
        fail({}, { message: t('error.unexpected') });
      }
    },
    [fail, t],
  );

  const clear = useCallback(() => {
    setErrors({});
    setFormProblem(null);
  }, []);

  const idFor = useCallback((path: string) => fieldId(formId, path), [formId]);

  return { formId, errors, formProblem, summaryRef, idFor, fail, failFromZod, failFromApi, clear };
}
