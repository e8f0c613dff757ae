import { z } from 'zod';
import { parseCpr } from './cpr.js';
import { CprSchema, IsoDateSchema, MEMBER_ROLES } from './families.js';
import { idError } from './field-messages.js';

export const REFERRAL_STATUSES = ['open', 'accepted', 'declined', 'forwarded'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Default early signs (opsporing), editable per municipality. */
export const DEFAULT_EARLY_SIGNS: ReadonlyArray<{ code: string; da: string; en: string }> = [
  { code: 'pregnant_on_benefits', da: 'Gravid og på offentlig forsørgelse', en: 'Pregnant while on benefits' },
  { code: 'absence', da: 'Fravær fra skole eller dagtilbud', en: 'School or daycare absence' },
  { code: 'parent_mental_illness_addiction', da: 'Forælders psykiske sygdom eller misbrug', en: "Parent's mental illness or addiction" },
  { code: 'debt_eviction', da: 'Gæld eller udsættelse af bolig', en: 'Debt or eviction' },
  { code: 'violence', da: 'Vold i hjemmet', en: 'Violence in the home' },
  { code: 'child_wellbeing', da: 'Barnets trivsel eller adfærd', en: "The child's well-being or behaviour" },
  { code: 'other', da: 'Andet', en: 'Other' },
];

/** A person as the referrer knows them: a CPR number, or a name and birth date. */
export const ReferralPersonSchema = z
  .strictObject({
    cpr: CprSchema.optional(),
    givenName: z.string().trim().max(100).optional(),
    familyName: z.string().trim().max(100).optional(),
    birthDate: IsoDateSchema.optional(),
    role: z.enum(MEMBER_ROLES).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.cpr && !(p.givenName && p.birthDate)) ctx.addIssue({ code: 'custom', path: ['cpr'], message: 'cpr_or_name_and_birth_date' });
    if (p.cpr && p.birthDate) {
      const parsed = parseCpr(p.cpr);
      if (parsed.ok && parsed.birthDate !== p.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'cpr_birth_date_mismatch' });
    }
  });
export type ReferralPerson = z.infer<typeof ReferralPersonSchema>;

export const CreateReferralBody = z
  .strictObject({
    persons: z.array(ReferralPersonSchema).min(1, { error: 'persons_required' }).max(20),
    signs: z.array(z.string().trim().min(1).max(60)).min(1, { error: 'signs_required' }),
    note: z.string().trim().max(4000).default(''),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.persons.forEach((p, i) => {
      if (!p.cpr) return;
      if (seen.has(p.cpr)) ctx.addIssue({ code: 'custom', path: ['persons', i, 'cpr'], message: 'duplicate_person' });
      seen.add(p.cpr);
    });
  });

export const EffortLookupBody = z.strictObject({ cpr: CprSchema });
export const EffortLookupDto = z.object({
  inEffort: z.boolean(),
  coordinator: z.object({ name: z.string(), email: z.string() }).nullable(),
});

/** What the visitator adds to a referred person so they can be registered in the household. */
export const AcceptPersonCompletion = z.strictObject({
  givenName: z.string().trim().min(1, { error: 'required' }).max(100).optional(),
  familyName: z.string().trim().min(1, { error: 'required' }).max(100).optional(),
  role: z.enum(MEMBER_ROLES).optional(),
});

export const AcceptReferralBody = z
  .strictObject({
    /** Join an existing family instead of creating one. */
    familyId: z.uuid({ error: idError }).optional(),
    /** The coordinator of a new family; default: the one accepting, if a coordinator. */
    coordinatorUserId: z.uuid({ error: idError }).optional(),
    /** Completions of the referral's persons, by position (names the referrer did not know, the role in the household). */
    persons: z.array(AcceptPersonCompletion).max(20).optional(),
    /** Set after being warned that a person is already in another family in the effort. */
    acknowledgeOtherFamily: z.boolean().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.familyId && b.coordinatorUserId) ctx.addIssue({ code: 'custom', path: ['coordinatorUserId'], message: 'coordinator_with_family' });
  });
export const DecideReferralBody = z.strictObject({ reason: z.string().trim().min(1, { error: 'required' }).max(2000) });

export const EarlySignDto = z.object({ code: z.string(), labelDa: z.string(), labelEn: z.string(), active: z.boolean(), sortOrder: z.number().int() });
export type EarlySignDto = z.infer<typeof EarlySignDto>;
export const EarlySignCodeParams = z.strictObject({ code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'department_code' }) });
export const UpsertEarlySignBody = z.strictObject({
  labelDa: z.string().trim().min(1, { error: 'required' }).max(200),
  labelEn: z.string().trim().min(1, { error: 'required' }).max(200),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});

export const ReferralQuery = z.strictObject({ status: z.enum(REFERRAL_STATUSES).default('open') });

const SignView = z.object({ code: z.string(), labelDa: z.string(), labelEn: z.string() });

/** A referred person as the referrer entered them, CPR masked. */
export const ReferralPersonView = z.object({
  cpr: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  birthDate: z.string().nullable(),
  role: z.enum(MEMBER_ROLES).nullable(),
});

/** A referral in the visitation queue. */
export const ReferralDto = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  referrer: z.object({ name: z.string(), department: z.string().nullable(), profession: z.string().nullable() }),
  signs: z.array(SignView),
  note: z.string(),
  persons: z.array(
    ReferralPersonView.extend({
      /** Null when the person has no CPR, so the system cannot tell. */
      inEffort: z.boolean().nullable(),
      coordinator: z.object({ name: z.string(), email: z.string() }).nullable(),
    }),
  ),
  decision: z.object({ reason: z.string().nullable(), at: z.string(), byName: z.string().nullable() }).nullable(),
  familyId: z.string().nullable(),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), forward: z.boolean() }),
});
export type ReferralDto = z.infer<typeof ReferralDto>;

/** The referrer's own referral: the outcome, nothing about the family. */
export const MyReferralDto = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  signs: z.array(SignView),
  note: z.string(),
  persons: z.array(ReferralPersonView),
});
export type MyReferralDto = z.infer<typeof MyReferralDto>;

/** The outcome of accepting, declining or forwarding; familyId is the family the persons joined. */
export const ReferralDecisionDto = z.object({ id: z.string(), status: z.enum(REFERRAL_STATUSES), familyId: z.string().nullable() });
