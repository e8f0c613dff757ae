import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateUserBody } from '../../shared/admin.js';
import { SetupBody } from '../../shared/auth.js';
import { FIELD_MESSAGES } from '../../shared/field-messages.js';
import { RequestValidationError, problemsOf, validatorCompiler } from './validation.js';

function issuesOf(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) throw new Error('the value passed the schema');
  return r.error.issues;
}

const Person = z.strictObject({ age: z.number(), name: z.string().min(3), kind: z.enum(['a', 'b']) });

describe('problemsOf', () => {
  it('words zod’s own issues in Danish', () => {
    const problems = problemsOf(issuesOf(Person, { age: 'x', name: 'ab', kind: 'a' }), 'da');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({ path: 'age', message: expect.stringMatching(/^Ugyldigt input: forventede tal, fik streng/) });
    expect(problems[1]).toEqual({ path: 'name', message: expect.stringMatching(/^For lille.*3 tegn/) });
  });

  it('words zod’s own issues in English', () => {
    const problems = problemsOf(issuesOf(Person, { age: 'x', name: 'ab', kind: 'a' }), 'en');
    expect(problems[0]).toEqual({ path: 'age', message: expect.stringMatching(/^Invalid input: expected number, received string/) });
    expect(problems[1]).toEqual({ path: 'name', message: expect.stringMatching(/^Too small.*3 characters/) });
  });

  it('uses our own message when the schema gives one of our codes, in either language', () => {
    const issues = issuesOf(CreateUserBody, {
      email: 'karen@gladsaxe.dk',
      name: 'Karen',
      roles: ['coordinator'],
      initialPassword: 'kort',
    });
    expect(problemsOf(issues, 'da')).toEqual([{ path: 'initialPassword', message: FIELD_MESSAGES.password_too_short!.da }]);
    expect(problemsOf(issues, 'en')).toEqual([{ path: 'initialPassword', message: FIELD_MESSAGES.password_too_short!.en }]);
  });

  it('lists every problem of a nested body with its dotted path', () => {
    const issues = issuesOf(SetupBody, {
      municipality: { code: '15', name: 'Gladsaxe Kommune' },
      admin: { name: '  ', email: 'ikke-en-mail', password: 'kort' },
    });
    expect(problemsOf(issues, 'da')).toEqual([
      { path: 'municipality.code', message: FIELD_MESSAGES.code3!.da },
      { path: 'admin.name', message: FIELD_MESSAGES.required!.da },
      { path: 'admin.email', message: FIELD_MESSAGES.email!.da },
      { path: 'admin.password', message: FIELD_MESSAGES.password_too_short!.da },
    ]);
  });

  it('gives array elements their index in the path', () => {
    const issues = issuesOf(CreateUserBody, {
      email: 'karen@gladsaxe.dk',
      name: 'Karen',
      roles: ['coordinator', 'janitor'],
      initialPassword: 'en lang og god sætning',
    });
    expect(problemsOf(issues, 'en').map((p) => p.path)).toEqual(['roles.1']);
  });

  it('gives one problem per unknown field, each at the field itself', () => {
    const problems = problemsOf(issuesOf(Person, { age: 1, name: 'abc', kind: 'a', extra: 1, more: 2 }), 'da');
    expect(problems).toEqual([
      { path: 'extra', message: 'Ukendt felt: extra' },
      { path: 'more', message: 'Ukendt felt: more' },
    ]);
  });

  it('gives unknown fields of a nested object their full path, in English too', () => {
    const issues = issuesOf(SetupBody, {
      municipality: { code: '159', name: 'Gladsaxe Kommune', region: 'Hovedstaden' },
      admin: { name: 'Ada', email: 'ada@gladsaxe.dk', password: 'en lang og god sætning' },
    });
    expect(problemsOf(issues, 'en')).toEqual([{ path: 'municipality.region', message: 'Unknown field: region' }]);
  });
});

describe('validatorCompiler', () => {
  const validate = validatorCompiler({ schema: CreateUserBody, method: 'POST', url: '/x', httpPart: 'body' });

  it('returns the parsed value, with the schema’s transforms applied', () => {
    const result = validate({ email: ' Karen@Gladsaxe.DK ', name: ' Karen ', roles: ['coordinator'], initialPassword: 'en lang og god sætning' });
    expect(result).toEqual({
      value: { email: 'karen@gladsaxe.dk', name: 'Karen', roles: ['coordinator'], initialPassword: 'en lang og god sætning' },
    });
  });

  it('returns a RequestValidationError whose issues keep their input, for wording later', () => {
    const result = validate({ email: 'karen@gladsaxe.dk', name: 'Karen', roles: ['coordinator'], initialPassword: 42 }) as {
      error: RequestValidationError;
    };
    expect(result.error).toBeInstanceOf(RequestValidationError);
    expect(result.error.issues).toHaveLength(1);
    expect(result.error.issues[0]).toMatchObject({ path: ['initialPassword'], input: 42 });
  });
});
