import { z } from 'zod';
import { MunicipalityCodeSchema, MunicipalityNameSchema } from './municipality.js';
import { RoleSchema } from './roles.js';

/** NIST SP 800-63B: at least 12 characters, no composition rules, long passphrases allowed. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'email' }))
  .transform((s) => s.toLowerCase());

export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: 'password_too_short' })
  .max(MAX_PASSWORD_LENGTH, { error: 'password_too_long' });

export const PersonNameSchema = z.string().trim().min(1, { error: 'required' }).max(200);

export const LoginBody = z.strictObject({
  email: z.string().trim().min(1, { error: 'required' }).max(254),
  password: z.string().min(1, { error: 'required' }).max(MAX_PASSWORD_LENGTH),
  /** Needed only when the installation serves more than one municipality. */
  municipalityCode: MunicipalityCodeSchema.optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionStage = z.enum(['mfa', 'active']);

export const LoginResult = z.object({
  stage: SessionStage,
  /** With stage mfa: whether the user already has an authenticator (verify) or must enrol one. */
  mfaEnrolled: z.boolean(),
});

export const TotpCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, { error: 'totp_format' }),
});

export const MfaEnrolment = z.object({
  /** Base32 secret, for typing into an authenticator app by hand. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** QR code of the otpauth URI as an SVG data URL. */
  qrDataUrl: z.string(),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { error: 'required' }).max(MAX_PASSWORD_LENGTH),
  newPassword: NewPasswordSchema,
});

export const LanguageBody = z.strictObject({ language: z.enum(['da', 'en']) });

export const MeDto = z.object({
  user: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(RoleSchema),
    profession: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    language: z.enum(['da', 'en']),
    mfaEnrolled: z.boolean(),
    mustChangePassword: z.boolean(),
  }),
  municipality: z.object({ code: z.string(), name: z.string() }),
  session: z.object({ stage: SessionStage, csrfToken: z.string(), idleTimeoutSeconds: z.number().int() }),
  can: z.object({
    administer: z.boolean(),
    readAudit: z.boolean(),
    /** File a referral (any staff with a case role). */
    refer: z.boolean(),
    /** See the referral queue and accept or decline (coordinators, managers). */
    visitate: z.boolean(),
    /** Have a caseload and register families directly (coordinators). */
    coordinate: z.boolean(),
    /** Mine familier: the families whose team they are on, in the menu (professionals; others reach it from Min sagsstamme). */
    teamFamilies: z.boolean(),
    /** Caseload distribution, overlaps across the municipality, break-the-glass review (managers). */
    supervise: z.boolean(),
    /** The evaluation: KPIs, cohorts, costs (managers with small counts hidden, analysts exactly). */
    evaluate: z.boolean(),
    /** Mine opgaver and Mine møder: the daily work of the case roles (not administrators and analysts, who see no case content). */
    work: z.boolean(),
    /** Download the pseudonymised helhed-exchange extract (analysts and administrators: decision 0014). */
    exportPseudonymised: z.boolean(),
  }),
});
export type MeDto = z.infer<typeof MeDto>;

export const MunicipalityListDto = z.object({
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const SetupStatusDto = z.object({ needed: z.boolean() });

export const SetupBody = z.strictObject({
  municipality: z.strictObject({ code: MunicipalityCodeSchema, name: MunicipalityNameSchema }),
  admin: z.strictObject({ name: PersonNameSchema, email: EmailSchema, password: NewPasswordSchema }),
});
export type SetupBody = z.infer<typeof SetupBody>;
