import { z } from 'zod';
import { CprSchema, IsoDateSchema } from './families.js';

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
    role: z.enum(['parent', 'child', 'other']).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.cpr && !(p.givenName && p.birthDate)) ctx.addIssue({ code: 'custom', path: ['cpr'], message: 'cpr_or_name_and_birth_date' });
  });
export type ReferralPerson = z.infer<typeof ReferralPersonSchema>;

export const CreateReferralBody = z.strictObject({
  persons: z.array(ReferralPersonSchema).min(1, { error: 'persons_required' }).max(20),
  signs: z.array(z.string().trim().min(1).max(60)).min(1, { error: 'signs_required' }),
  note: z.string().trim().max(4000).default(''),
});

export const EffortLookupBody = z.strictObject({ cpr: CprSchema });
export const EffortLookupDto = z.object({
  inEffort: z.boolean(),
  coordinator: z.object({ name: z.string(), email: z.string() }).nullable(),
});

export const AcceptReferralBody = z.strictObject({
  /** Join an existing family instead of creating one. */
  familyId: z.uuid().optional(),
  /** The coordinator of a new family; default: the one accepting, if a coordinator. */
  coordinatorUserId: z.uuid().optional(),
});
export const DecideReferralBody = z.strictObject({ reason: z.string().trim().min(1, { error: 'required' }).max(2000) });

export const EarlySignDto = z.object({ code: z.string(), labelDa: z.string(), labelEn: z.string(), active: z.boolean(), sortOrder: z.number().int() });
export const UpsertEarlySignBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,59}$/, { error: 'department_code' }),
  labelDa: z.string().trim().min(1, { error: 'required' }).max(200),
  labelEn: z.string().trim().min(1, { error: 'required' }).max(200),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
