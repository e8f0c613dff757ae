import type { FastifySchemaCompiler } from 'fastify';
import { da, en } from 'zod/locales';
import type { z } from 'zod';
import { fieldMessage } from '../../shared/field-messages.js';
import type { Lang } from '../../shared/i18n.js';
import type { FieldProblem } from '../errors.js';

/** A request that failed its zod schema; the issues keep their input so they can be worded per language. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
  }
}

/** Validates params, query and body with their zod schemas (replaces Ajv). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

const locales = { da: da(), en: en() };

/** One zod issue in the user's language: our own codes first, then zod's locale. */
export function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const own = fieldMessage(issue.message, lang);
  if (own) return own;
  const res = locales[lang].localeError(issue as unknown as z.core.$ZodRawIssue);
  if (typeof res === 'string') return res;
  return res?.message ?? issue.message;
}

export function problemsOf(issues: z.core.$ZodIssue[], lang: Lang): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown field, at the field itself.
      for (const key of issue.keys) {
        out.push({
          path: base ? `${base}.${key}` : key,
          message: lang === 'da' ? `Ukendt felt: ${key}` : `Unknown field: ${key}`,
        });
      }
      continue;
    }
    out.push({ path: base, message: issueMessage(issue, lang) });
  }
  return out;
}
