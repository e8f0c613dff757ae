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
  date: { da: 'Skriv en gyldig dato (åååå-mm-dd).', en: 'Enter a valid date (yyyy-mm-dd).' },
  cpr_format: { da: 'CPR-nummeret skal være 10 cifre, evt. med bindestreg efter de første 6.', en: 'The CPR number must be 10 digits, optionally with a hyphen after the first 6.' },
  cpr_date: { da: 'De første 6 cifre i CPR-nummeret er ikke en gyldig dato.', en: 'The first 6 digits of the CPR number are not a valid date.' },
  birth_date_or_cpr: { da: 'Angiv CPR-nummer eller fødselsdato.', en: 'Enter a CPR number or a birth date.' },
  cpr_or_name_and_birth_date: { da: 'Angiv CPR-nummer, eller navn og fødselsdato.', en: 'Enter a CPR number, or a name and birth date.' },
  language: { da: 'Angiv sprog som sprogkode, fx da, ar, so, tr, uk.', en: 'Enter the language as a code, e.g. da, ar, so, tr, uk.' },
  expiry_before_start: { da: 'Udløbsdatoen ligger før datoen for samtykket.', en: 'The expiry date is before the date of consent.' },
  end_before_start: { da: 'Slutdatoen ligger før startdatoen.', en: 'The end date is before the start date.' },
  consent_departments_required: { da: 'Vælg mindst én afdeling, samtykket omfatter.', en: 'Choose at least one department the consent covers.' },
  consent_kinds_required: { da: 'Vælg mindst én slags oplysninger, samtykket omfatter.', en: 'Choose at least one kind of information the consent covers.' },
  break_glass_reason: { da: 'Begrund adgangen med mindst 10 tegn.', en: 'Give a reason of at least 10 characters.' },
  members_required: { da: 'Registrér mindst ét familiemedlem.', en: 'Register at least one family member.' },
  persons_required: { da: 'Angiv mindst én person.', en: 'Enter at least one person.' },
  signs_required: { da: 'Vælg mindst ét tegn.', en: 'Choose at least one sign.' },
  price_negative: { da: 'Prisen kan ikke være negativ.', en: 'The price cannot be negative.' },
  hours_positive: { da: 'Timer pr. uge skal være mere end 0.', en: 'Hours per week must be more than 0.' },
  hours_required: { da: 'Angiv timer pr. uge, når prisen er pr. time.', en: 'Enter hours per week when the price is per hour.' },
  unknown_department: { da: 'Afdelingen findes ikke.', en: 'The department does not exist.' },
  unknown_type: { da: 'Indsatstypen findes ikke i kataloget.', en: 'The intervention type is not in the catalogue.' },
  unknown_person: { da: 'Personen er ikke medlem af familien.', en: 'The person is not a member of the family.' },
  unknown_user: { da: 'Medarbejderen findes ikke eller er deaktiveret.', en: 'The staff member does not exist or is deactivated.' },
  not_a_coordinator: { da: 'Medarbejderen har ikke rollen familiekoordinator.', en: 'The staff member does not have the coordinator role.' },
  coordinator_required: { da: 'Vælg den familiekoordinator, der skal have familien.', en: 'Choose the family coordinator who is to have the family.' },
  coordinator_with_family: { da: 'Familien har allerede en koordinator. Skift koordinator på familien i stedet.', en: 'The family already has a coordinator. Change the coordinator on the family instead.' },
  unknown_sign: { da: 'Tegnet findes ikke på kommunens tjekliste.', en: 'The sign is not on the municipality’s checklist.' },
  given_name_needed: { da: 'Angiv fornavn: personen er ikke registreret i forvejen og skal oprettes i husstanden.', en: 'Enter the given name: the person is not registered yet and must be added to the household.' },
  family_name_needed: { da: 'Angiv efternavn: personen er ikke registreret i forvejen og skal oprettes i husstanden.', en: 'Enter the family name: the person is not registered yet and must be added to the household.' },
  not_in_referral: { da: 'Henvendelsen har ikke så mange personer.', en: 'The referral does not have that many persons.' },
  custody_holder_not_member: { da: 'Forældremyndighedsindehaveren skal være medlem af familien.', en: 'The custody holder must be a member of the family.' },
  sex_required: { da: 'Angiv køn, når CPR-nummer ikke kendes.', en: 'Enter the sex when the CPR number is not known.' },
  cpr_birth_date_mismatch: { da: 'Fødselsdatoen passer ikke med CPR-nummeret.', en: 'The birth date does not match the CPR number.' },
  duplicate_person: { da: 'Den samme person er angivet to gange.', en: 'The same person is entered twice.' },
  date_in_future: { da: 'Datoen kan ikke ligge i fremtiden.', en: 'The date cannot be in the future.' },
  date_before_enrolment: { da: 'Datoen ligger før familien blev aktiv i indsatsen.', en: 'The date is before the family became active in the effort.' },
  withdrawal_before_consent: { da: 'Tilbagetrækningen ligger før samtykket blev givet.', en: 'The withdrawal is before the consent was given.' },
  type_not_in_force: { da: 'Indsatstypen er ikke aktiv eller ikke gyldig på startdatoen.', en: 'The intervention type is not active or not valid on the start date.' },
  domain_required: { da: 'Vælg et livsområde.', en: 'Choose a life domain.' },
  meeting_end_before_start: { da: 'Mødet skal slutte efter, det begynder.', en: 'The meeting must end after it starts.' },
  datetime: { da: 'Angiv dato og klokkeslæt.', en: 'Enter a date and time.' },
  https_url: { da: 'Angiv et link, der begynder med https://', en: 'Enter a link that starts with https://' },
  code3: { da: 'Kommunekoden er tre cifre, fx 159.', en: 'The municipality code is three digits, e.g. 159.' },
  totp_format: { da: 'Koden er seks cifre.', en: 'The code is six digits.' },
  department_code: { da: 'Koden skal være 2–40 små bogstaver (a–z), tal eller _, og starte med et bogstav.', en: 'The code must be 2–40 lower-case letters (a–z), digits or _, starting with a letter.' },
  roles_required: { da: 'Vælg mindst én rolle.', en: 'Choose at least one role.' },
  id: { da: 'Ugyldigt id.', en: 'Invalid id.' },
};

export function fieldMessage(code: string, lang: Lang): string | undefined {
  return FIELD_MESSAGES[code]?.[lang];
}
