import type { z } from 'zod';
import { FIELD_MESSAGES } from '../../../shared/field-messages';
import type { Lang } from '../../../shared/i18n';
import type { ApiProblem } from '../../api/client';
import { translate } from '../../i18n/I18nProvider';

/** Field problems keyed by the field's body path (`admin.email`), first problem per field. */
export type FieldErrors = Record<string, string>;

/** The DOM id of a form field: the form's id and the body path, so server problems find their field. */
export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** Server problems as field errors; the first problem for a path wins. */
export function problemsToErrors(problems: readonly ApiProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    if (!(problem.path in errors)) errors[problem.path] = problem.message;
  }
  return errors;
}

/** A zod issue in the user's language: our custom codes from FIELD_MESSAGES, else a generic message. */
export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const known = FIELD_MESSAGES[issue.message];
  if (known) return known[lang];
  if (issue.code === 'too_small') {
    return Number(issue.minimum) <= 1 ? translate(lang, 'form.required') : translate(lang, 'form.tooShort', { min: String(issue.minimum) });
  }
  if (issue.code === 'too_big') return translate(lang, 'form.tooLong', { max: String(issue.maximum) });
  if (issue.code === 'invalid_type' && issue.input === undefined) return translate(lang, 'form.required');
  return translate(lang, 'form.invalid');
}

/** Client-side validation problems from a shared zod schema, keyed like the server's problems. */
export function zodErrorToErrors(error: z.ZodError, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issueMessage(issue, lang);
  }
  return errors;
}

export interface SummaryItem {
  message: string;
  /** The id of the field to jump to; absent when the problem belongs to no field on the form. */
  targetId?: string;
}

/**
 * The error summary's lines, in the order of the form's fields, then any problem without a field.
 * `fields` maps body paths to their labels, in the order they appear on the form.
 */
export function summaryItems(errors: FieldErrors, fields: ReadonlyArray<readonly [path: string, label: string]>, formId: string): SummaryItem[] {
  const items: SummaryItem[] = [];
  const known = new Set<string>();
  for (const [path, label] of fields) {
    known.add(path);
    const message = errors[path];
    if (message) items.push({ message: `${label}: ${message}`, targetId: fieldId(formId, path) });
  }
  for (const [path, message] of Object.entries(errors)) {
    if (!known.has(path)) items.push({ message });
  }
  return items;
}
