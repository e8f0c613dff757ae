import type { Lang } from './i18n.js';

/**
 * Messages for the custom error codes our zod schemas use (`{ error: 'code' }`), in both languages.
 * Server and web share them so a field says the same thing whichever side catches the problem.
 */
export const FIELD_MESSAGES: Record<string, Record<Lang, string>> = {
  required: { da: 'Feltet skal udfyldes.', en: 'This field is required.' },
  email: { da: 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk.', en: 'Enter a valid e-mail address, e.g. name@municipality.dk.' },
  password_too_short: { da: 'Adgangskoden skal være på mindst 12 tegn.', en: 'The password must be at least 12 characters long.' },
  password_too_long: { da: 'Adgangskoden må højst være på 256 tegn.', en: 'The password may be at most 256 characters long.' },
  password_common: { da: 'Adgangskoden er for almindelig. Vælg en længere sætning, som kun du kender.', en: 'The password is too common. Choose a longer phrase only you know.' },
  password_contains_email: { da: 'Adgangskoden må ikke indeholde din e-mail eller dit navn.', en: 'The password must not contain your e-mail or name.' },
  password_same: { da: 'Den nye adgangskode skal være forskellig fra den nuværende.', en: 'The new password must differ from the current one.' },
  code3: { da: 'Kommunekoden er tre cifre, fx 159.', en: 'The municipality code is three digits, e.g. 159.' },
  totp_format: { da: 'Koden er seks cifre.', en: 'The code is six digits.' },
  department_code: { da: 'Koden skal være 2–40 små bogstaver (a–z), tal eller _, og starte med et bogstav.', en: 'The code must be 2–40 lower-case letters (a–z), digits or _, starting with a letter.' },
  roles_required: { da: 'Vælg mindst én rolle.', en: 'Choose at least one role.' },
  id: { da: 'Ugyldigt id.', en: 'Invalid id.' },
};

export function fieldMessage(code: string, lang: Lang): string | undefined {
  return FIELD_MESSAGES[code]?.[lang];
}
