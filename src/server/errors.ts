import type { Lang } from '../shared/i18n.js';

/** Every error the API can answer with: a stable code, its HTTP status and a message in each language. */
const CATALOGUE = {
  validation_failed: { status: 400, da: 'Nogle felter er ikke udfyldt korrekt.', en: 'Some fields are not filled in correctly.' },
  malformed_json: { status: 400, da: 'Forespørgslen er ikke gyldig JSON.', en: 'The request is not valid JSON.' },
  body_too_large: { status: 400, da: 'Forespørgslen er for stor.', en: 'The request is too large.' },
  unsupported_media_type: { status: 400, da: 'Forespørgslen skal sendes som JSON.', en: 'The request must be sent as JSON.' },
  csrf_failed: { status: 403, da: 'Forespørgslen kunne ikke bekræftes. Genindlæs siden og prøv igen.', en: 'The request could not be verified. Reload the page and try again.' },
  not_authenticated: { status: 401, da: 'Du skal logge ind.', en: 'You must log in.' },
  session_expired: { status: 401, da: 'Du er blevet logget ud, fordi du har været inaktiv for længe. Log ind igen.', en: 'You were logged out because you were inactive for too long. Please log in again.' },
  mfa_required: { status: 401, da: 'Du skal bekræfte dit login med en engangskode.', en: 'You must confirm your login with a one-time code.' },
  password_change_required: { status: 403, da: 'Du skal vælge en ny adgangskode, før du kan fortsætte.', en: 'You must choose a new password before you can continue.' },
  forbidden: { status: 403, da: 'Du har ikke adgang til dette.', en: 'You do not have access to this.' },
  not_found: { status: 404, da: 'Siden eller posten findes ikke.', en: 'The page or record does not exist.' },
  login_failed: { status: 401, da: 'E-mail eller adgangskode er forkert.', en: 'E-mail or password is incorrect.' },
  account_locked: { status: 423, da: 'Kontoen er midlertidigt låst efter for mange forkerte forsøg. Prøv igen senere.', en: 'The account is temporarily locked after too many failed attempts. Try again later.' },
  rate_limited: { status: 429, da: 'For mange forsøg. Vent et øjeblik, og prøv igen.', en: 'Too many attempts. Wait a moment and try again.' },
  cpr_belongs_to_other: {
    status: 409,
    da: 'CPR-nummeret er allerede registreret på en anden person i kommunen. Tjek nummeret. Er det den samme person, så tilføj personen til familien med CPR-nummeret i stedet.',
    en: 'The CPR number is already registered for another person in the municipality. Check the number. If it is the same person, add that person to the family by the CPR number instead.',
  },
  lookup_rate_limited: {
    status: 429,
    da: 'Du har slået mange personer op den seneste time. Vent lidt, før du slår flere op. Opslagene er logget.',
    en: 'You have looked up many people in the last hour. Wait a while before you look up more. The look-ups are logged.',
  },
  totp_invalid: { status: 400, da: 'Koden er forkert eller udløbet. Prøv med den næste kode fra din app.', en: 'The code is wrong or has expired. Try the next code from your app.' },
  totp_not_started: { status: 409, da: 'Start opsætningen af to-faktor-godkendelse forfra.', en: 'Start the two-factor set-up again.' },
  mfa_already_enrolled: { status: 409, da: 'To-faktor-godkendelse er allerede sat op.', en: 'Two-factor authentication is already set up.' },
  setup_already_done: { status: 409, da: 'Helhed er allerede sat op.', en: 'Helhed has already been set up.' },
  municipality_required: { status: 400, da: 'Vælg din kommune.', en: 'Choose your municipality.' },
  municipality_code_taken: { status: 409, da: 'Der findes allerede en kommune med den kode.', en: 'A municipality with that code already exists.' },
  email_taken: { status: 409, da: 'Der findes allerede en bruger med den e-mail.', en: 'A user with that e-mail already exists.' },
  department_code_taken: { status: 409, da: 'Der findes allerede en afdeling med den kode.', en: 'A department with that code already exists.' },
  department_not_found: { status: 400, da: 'Afdelingen findes ikke.', en: 'The department does not exist.' },
  department_in_use: { status: 409, da: 'Afdelingen har aktive brugere og kan ikke deaktiveres.', en: 'The department has active users and cannot be deactivated.' },
  current_password_wrong: { status: 400, da: 'Den nuværende adgangskode er forkert.', en: 'The current password is wrong.' },
  cannot_deactivate_self: { status: 409, da: 'Du kan ikke deaktivere dig selv.', en: 'You cannot deactivate yourself.' },
  last_admin: { status: 409, da: 'Der skal være mindst én aktiv administrator.', en: 'There must be at least one active administrator.' },
  family_not_found: { status: 404, da: 'Familien findes ikke, eller du har ikke adgang til den.', en: 'The family does not exist, or you do not have access to it.' },
  referral_not_found: { status: 404, da: 'Henvendelsen findes ikke.', en: 'The referral does not exist.' },
  referral_already_decided: { status: 409, da: 'Henvendelsen er allerede behandlet.', en: 'The referral has already been decided.' },
  family_not_open: { status: 409, da: 'Familien er ikke længere i indsatsen (afsluttet, afvist eller udtrådt). Opret en ny familie i stedet.', en: 'The family is no longer in the effort (completed, declined or withdrawn). Create a new family instead.' },
  invalid_transition: { status: 409, da: 'Familien kan ikke skifte til den status herfra.', en: 'The family cannot move to that status from here.' },
  consent_missing: { status: 409, da: 'Familien kan først blive aktiv, når samtykke fra alle med forældremyndighed er registreret.', en: 'The family can only become active when consent from every custody holder is recorded.' },
  child_without_custody: { status: 409, da: 'Et barn i familien har ingen registreret forældremyndighedsindehaver.', en: 'A child in the family has no registered custody holder.' },
  no_coordinator: { status: 409, da: 'Familien skal have en familiekoordinator, før den kan blive aktiv.', en: 'The family needs a family coordinator before it can become active.' },
  cpr_in_other_family: { status: 409, da: 'Personen med dette CPR-nummer er allerede i en anden familie i indsatsen.', en: 'The person with this CPR number is already in another family in the effort.' },
  already_member: { status: 409, da: 'Personen er allerede medlem af familien.', en: 'The person is already a member of the family.' },
  consent_not_found: { status: 404, da: 'Samtykket findes ikke.', en: 'The consent does not exist.' },
  intervention_not_found: { status: 404, da: 'Indsatsen findes ikke.', en: 'The intervention does not exist.' },
  intervention_type_code_taken: { status: 409, da: 'Der findes allerede en indsatstype med den kode.', en: 'An intervention type with that code already exists.' },
  team_member_not_found: { status: 404, da: 'Teammedlemmet findes ikke.', en: 'The team member does not exist.' },
  intervention_conflict: { status: 409, da: 'Indsatsen er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt — genindlæs, se ændringerne, og prøv igen.', en: 'Someone else changed the intervention while you were working. Your changes were not saved — reload, see the changes and try again.' },
  meeting_not_found: { status: 404, da: 'Mødet findes ikke, eller du har ikke adgang til det.', en: 'The meeting does not exist, or you do not have access to it.' },
  meeting_conflict: { status: 409, da: 'Mødet er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt — genindlæs, se ændringerne, og prøv igen.', en: 'Someone else changed the meeting while you were working. Your changes were not saved — reload, see the changes and try again.' },
  meeting_closed: { status: 409, da: 'Mødet er afholdt eller aflyst og kan ikke længere ændres eller aflyses.', en: 'The meeting has been held or cancelled and can no longer be changed or cancelled.' },
  meeting_cancelled: { status: 409, da: 'Mødet er aflyst. Der kan ikke skrives referat eller beslutninger til det.', en: 'The meeting is cancelled. Minutes and decisions cannot be recorded for it.' },
  meeting_not_started_decisions: { status: 409, da: 'Mødet er ikke begyndt endnu. Beslutninger kan registreres, når mødet er i gang.', en: 'The meeting has not started yet. Decisions can be recorded once it has begun.' },
  meeting_not_started: { status: 409, da: 'Mødet er ikke begyndt endnu. Referatet kan skrives, når mødet er i gang.', en: 'The meeting has not started yet. The minutes can be written once it has begun.' },
  next_meeting_exists: { status: 409, da: 'Mødet har allerede et næste møde. Ret det næste møde i stedet.', en: 'The meeting already has a next meeting. Change that meeting instead.' },
  note_not_found: { status: 404, da: 'Notatet findes ikke, eller du har ikke adgang til det.', en: 'The note does not exist, or you do not have access to it.' },
  note_not_author: { status: 403, da: 'Kun den, der har skrevet notatet, kan rette eller færdiggøre det.', en: 'Only the author of the note can change or finalise it.' },
  note_finalised: { status: 409, da: 'Notatet er færdiggjort og kan ikke ændres (notatpligt). Skriv en tilføjelse i stedet.', en: 'The note is finalised and cannot be changed (duty to record). Write an addendum instead.' },
  note_not_finalised: { status: 409, da: 'Notatet er stadig en kladde. Ret notatet i stedet for at skrive en tilføjelse.', en: 'The note is still a draft. Edit the note instead of writing an addendum.' },
  task_not_found: { status: 404, da: 'Opgaven findes ikke, eller du har ikke adgang til den.', en: 'The task does not exist, or you do not have access to it.' },
  plan_conflict: { status: 409, da: 'Planen er ændret af en anden, mens du arbejdede. Din ændring er ikke gemt, men du har den stadig — se hvad der er ændret, genindlæs planen, og prøv igen.', en: 'Someone else changed the plan while you were working. Your change was not saved, but you still have it — see what changed, reload the plan and try again.' },
  plan_not_published: { status: 409, da: 'Planen er ikke offentliggjort endnu. Offentliggør en version først.', en: 'The plan has not been published yet. Publish a version first.' },
  plan_version_not_found: { status: 404, da: 'Planversionen findes ikke.', en: 'The plan version does not exist.' },
  goal_not_found: { status: 404, da: 'Målet findes ikke i planen.', en: 'The goal does not exist in the plan.' },
  action_not_found: { status: 404, da: 'Handlingen findes ikke i planen.', en: 'The action does not exist in the plan.' },
  plan_already_signed: { status: 409, da: 'Personen har allerede skrevet under på denne version.', en: 'The person has already signed this version.' },
  consent_kind_not_covered: {
    status: 403,
    da: 'Samtykket dækker ikke den slags oplysninger for din afdeling, så du kan ikke registrere det. Kontakt familiens koordinator.',
    en: "The consent does not cover this kind of information for your department, so you cannot record it. Contact the family's coordinator.",
  },
  measurement_not_found: { status: 404, da: 'Registreringen findes ikke hos familien.', en: 'The record does not exist for the family.' },
  support_period_overlap: { status: 409, da: 'Perioden overlapper en anden forsørgelsesperiode for personen. Ret eller afslut den anden periode først.', en: 'The period overlaps another support status period of the person. Change or end the other period first.' },
  conflict: { status: 409, da: 'Familien er ændret af en anden, mens du arbejdede. Dine ændringer er ikke gemt — genindlæs, se ændringerne, og prøv igen.', en: 'Someone else changed the family while you were working. Your changes were not saved — reload, see the changes and try again.' },
  exchange_file_too_large: { status: 413, da: 'Filen er for stor til at blive importeret.', en: 'The file is too large to be imported.' },
  exchange_wrong_municipality: { status: 409, da: 'Filen er fra en anden kommune end din. Intet er importeret.', en: 'The file is from another municipality than yours. Nothing was imported.' },
  import_job_not_found: { status: 404, da: 'Importen findes ikke.', en: 'The import does not exist.' },
  internal_error: { status: 500, da: 'Der skete en fejl hos os. Oplys fejl-id til support.', en: 'Something went wrong on our side. Give the error id to support.' },
  service_unavailable: { status: 503, da: 'Helhed er ved at lukke ned. Prøv igen om lidt.', en: 'Helhed is shutting down. Try again shortly.' },
} as const satisfies Record<string, { status: number; da: string; en: string }>;

export type ErrorCode = keyof typeof CATALOGUE;

/** One problem with one field of the input: where (JSON path) and what. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The one error type of the server. Throw it with a code; the error handler does the rest. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problems: FieldProblem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  /** True when the transaction should commit the work done so far (audit of a denial, a failed-login count) before the error is answered. */
  keepWrites = false;

  /** Commit what was written (typically the audit event of this very failure), then answer with the error. */
  keepingWrites(): this {
    this.keepWrites = true;
    return this;
  }

  get status(): number {
    return CATALOGUE[this.code].status;
  }
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return CATALOGUE[code][lang];
}

export function errorStatus(code: ErrorCode): number {
  return CATALOGUE[code].status;
}

/** A 400 for one field, with the message from the field-message catalogue. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', [{ path, message }]);
}
