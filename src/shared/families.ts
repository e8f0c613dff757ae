import { z } from 'zod';
import { parseCpr } from './cpr.js';
import { isIsoDate } from './dates.js';
import { dateError } from './field-messages.js';

export const FAMILY_STATUSES = ['referred', 'assessing', 'active', 'paused', 'completed', 'declined', 'withdrawn'] as const;

/**
 * Why the system, not a person's own words, changed a family's status or coordinator: registered directly by a
 * coordinator, accepted from a referral, paused because a consent was withdrawn, or imported from helhed-exchange.
 * Stored as a code so that each reader sees it in their own language; a person's reason, where there is one (the
 * withdrawal's), is kept next to it.
 */
export const CHANGE_CAUSES = ['created_directly', 'referral_accepted', 'consent_withdrawn', 'imported'] as const;
export type ChangeCause = (typeof CHANGE_CAUSES)[number];
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

/** The lifecycle (DESIGN.md): which status may follow which. */
export const TRANSITIONS: Record<FamilyStatus, readonly FamilyStatus[]> = {
  referred: ['assessing', 'declined', 'withdrawn'],
  assessing: ['active', 'declined', 'withdrawn'],
  active: ['paused', 'completed', 'withdrawn'],
  paused: ['active', 'completed', 'withdrawn'],
  completed: [],
  declined: [],
  withdrawn: [],
};

/** Statuses in which the family is open: a coordinator works with it. */
export const OPEN_STATUSES: readonly FamilyStatus[] = ['referred', 'assessing', 'active', 'paused'];

export const MEMBER_ROLES = ['parent', 'child', 'other'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const HOW_GIVEN = ['written', 'oral', 'digital'] as const;
export type HowGiven = (typeof HOW_GIVEN)[number];

/** Kinds of information a consent lets the named departments share. */
export const CONSENT_KINDS = ['employment', 'economy', 'housing', 'health', 'child_welfare', 'school_daycare', 'family_situation'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const ConsentScopeSchema = z.strictObject({
  /** Departments that may share and see information about the family. */
  departmentIds: z.array(z.uuid()).min(1, { error: 'consent_departments_required' }),
  kinds: z.array(z.enum(CONSENT_KINDS)).min(1, { error: 'consent_kinds_required' }),
});
export type ConsentScope = z.infer<typeof ConsentScopeSchema>;

export const IsoDateSchema = z.string().refine(isIsoDate, { error: dateError });

/** A CPR number as typed: validated (century rule, real date), normalised to ten digits. */
export const CprSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const r = parseCpr(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r.cpr;
  });

const NameSchema = z.string().trim().min(1, { error: 'required' }).max(100);

/** How many of a family's surnames lists and headings show. */
export const FAMILY_NAMES_SHOWN = 3;

/**
 * The surnames a family is named by, from its members' surnames in the order members are shown (parents, then
 * others, then children, each oldest first): each once, blanks left out, at most {@link FAMILY_NAMES_SHOWN}. So
 * the parents' names come first. The server sends them as they are; the client writes them in the reader's
 * language ("Familien Hansen/Ali", "The Hansen/Ali family").
 */
export function familySurnames(namesInMemberOrder: ReadonlyArray<string | null | undefined>): string[] {
  const distinct = [...new Set(namesInMemberOrder.map((n) => n?.trim() ?? '').filter((n) => n !== ''))];
  return distinct.slice(0, FAMILY_NAMES_SHOWN);
}

/** A family's surnames in a DTO (see {@link familySurnames}); empty when no member has one. */
export const FamilyNamesSchema = z.array(z.string());
const OptionalText = (max: number) => z.string().trim().max(max).optional();

/** A phone number as people write it: digits with spaces, hyphens, brackets and one +, at least six digits; or empty. */
export const PhoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine((s) => s === '' || (/^[+\d\s().-]+$/.test(s) && (s.match(/\+/g) ?? []).length <= 1 && s.replace(/\D/g, '').length >= 6), { error: 'phone' });

/** A person as registered: with CPR (birth date and sex derived) or with name, birth date and sex. */
export const PersonInput = z
  .strictObject({
    cpr: CprSchema.optional(),
    givenName: NameSchema,
    familyName: NameSchema,
    birthDate: IsoDateSchema.optional(),
    sex: z.enum(['female', 'male', 'unknown']).optional(),
    preferredLanguage: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'language' }).optional(),
    interpreterNeeded: z.boolean().optional(),
    phone: PhoneSchema.optional(),
    email: z.email({ error: 'email' }).optional(),
    address: OptionalText(300),
    protectedAddress: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.cpr && !p.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birth_date_or_cpr' });
  });
export type PersonInput = z.infer<typeof PersonInput>;

const Version = z.number().int().positive();

export const AddMemberBody = z.strictObject({
  person: PersonInput,
  role: z.enum(MEMBER_ROLES),
  /** For a child: the members holding custody (forældremyndighed). */
  custodyHolderIds: z.array(z.uuid()).optional(),
  /** Set after being warned that the CPR is already in another family. */
  acknowledgeOtherFamily: z.boolean().optional(),
  version: Version,
});

export const UpdatePersonBody = z.strictObject({
  givenName: NameSchema.optional(),
  familyName: NameSchema.optional(),
  /** Adds a CPR number once it is known, or corrects it: the birth date and legal sex then follow from it. */
  cpr: CprSchema.optional(),
  /** Only for a person without a CPR number (with one, they follow from it). */
  birthDate: IsoDateSchema.optional(),
  sex: z.enum(['female', 'male', 'unknown']).optional(),
  preferredLanguage: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'language' }).nullable().optional(),
  interpreterNeeded: z.boolean().optional(),
  phone: PhoneSchema.nullable().optional(),
  email: z.email({ error: 'email' }).nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  protectedAddress: z.boolean().optional(),
  version: Version,
});

export const SetCustodyBody = z.strictObject({ holderIds: z.array(z.uuid()), version: Version });

export const RecordConsentBody = z
  .strictObject({
    personId: z.uuid(),
    scope: ConsentScopeSchema,
    givenAt: IsoDateSchema,
    expiresAt: IsoDateSchema.optional(),
    howGiven: z.enum(HOW_GIVEN),
    version: Version,
  })
  .superRefine((c, ctx) => {
    if (c.expiresAt && c.expiresAt < c.givenAt) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiry_before_start' });
  });

export const WithdrawConsentBody = z.strictObject({
  withdrawnAt: IsoDateSchema,
  reason: z.string().trim().min(1, { error: 'required' }).max(2000),
  version: Version,
});

export const TransitionBody = z.strictObject({
  to: z.enum(FAMILY_STATUSES),
  date: IsoDateSchema,
  reason: z.string().trim().min(1, { error: 'required' }).max(2000),
  completionReason: z.string().trim().max(200).optional(),
  /**
   * Ending the effort (completed, declined, withdrawn): also end what still runs — current interventions and team
   * memberships end on the date, planned meetings ahead are cancelled, open tasks about the family are closed.
   */
  endRunning: z.boolean().optional(),
  version: Version,
});

/** What a status change that ended the effort also ended (endRunning). */
export const TransitionResultDto = z.object({
  ok: z.literal(true),
  ended: z.object({ interventions: z.number().int(), teamMembers: z.number().int(), meetings: z.number().int(), tasks: z.number().int() }).nullable(),
});

export const AssignCoordinatorBody = z.strictObject({
  userId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
  version: Version,
});

export const AddTeamMemberBody = z
  .strictObject({
    userId: z.uuid(),
    departmentId: z.uuid(),
    role: z.string().trim().min(1, { error: 'required' }).max(100),
    from: IsoDateSchema,
    to: IsoDateSchema.optional(),
    version: Version,
  })
  .superRefine((t, ctx) => {
    if (t.to && t.to < t.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });

export const EndTeamMemberBody = z.strictObject({ to: IsoDateSchema, version: Version });

export const BreakGlassBody = z.strictObject({
  reason: z.string().trim().min(10, { error: 'break_glass_reason' }).max(2000),
});

export const RevealBody = z.strictObject({
  what: z.enum(['cpr', 'address']),
  purpose: z.string().trim().min(3, { error: 'required' }).max(500),
});

export const CreateFamilyBody = z.strictObject({
  /** Members to register at once; more can be added later. */
  members: z.array(z.strictObject({ person: PersonInput, role: z.enum(MEMBER_ROLES) })).min(1, { error: 'members_required' }),
  referredAt: IsoDateSchema.optional(),
  acknowledgeOtherFamily: z.boolean().optional(),
});

export const CaseloadQuery = z.strictObject({
  status: z.enum(FAMILY_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'status', 'nextDeadline', 'lastContact']).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  /** Managers may look at another coordinator's caseload. */
  coordinatorId: z.uuid().optional(),
});

export const ReviewBreakGlassBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

/** How the actor stands to the family; decides what they may see and do. */
export const FAMILY_RELATIONS = ['coordinator', 'team', 'manager', 'break_glass'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/** What a caseload row's next deadline is: an open task, the plan's review, or a consent running out. */
export const DEADLINE_KINDS = ['task', 'plan_review', 'consent_expiry'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const CaseloadDto = z.object({
  families: z.array(
    z.object({
      id: z.uuid(),
      familyNames: FamilyNamesSchema,
      /** The members' given names, parents first: tells two families of the same name apart. */
      givenNames: z.array(z.string()),
      status: z.enum(FAMILY_STATUSES),
      version: z.number().int(),
      memberCount: z.number().int(),
      enrolledAt: z.string().nullable(),
      /** The earliest of the open tasks' due dates, the plan's next review and a consent's expiry; overdue when before today. */
      nextDeadline: z.object({ date: z.string(), kind: z.enum(DEADLINE_KINDS), overdue: z.boolean() }).nullable(),
      /** The latest contact with the family: a journal note of a contact the viewer may see, or a held meeting. */
      lastContact: z.string().nullable(),
    }),
  ),
});

/**
 * Mine familier: the families whose team the viewer is on today and may open (the access rule's own verdict), with
 * the coordinator to contact, the viewer's place on the team and their open tasks there.
 */
export const TeamFamiliesDto = z.object({
  families: z.array(
    z.object({
      id: z.uuid(),
      familyNames: FamilyNamesSchema,
      /** The members' given names, parents first: tells two families of the same name apart. */
      givenNames: z.array(z.string()),
      status: z.enum(FAMILY_STATUSES),
      coordinator: z.object({ name: z.string(), email: z.string() }).nullable(),
      /** The viewer's current memberships of the team (usually one). */
      memberships: z.array(z.object({ departmentName: z.string(), role: z.string(), from: z.string(), to: z.string().nullable() })),
      /** Open tasks assigned to the viewer for this family, and how many of them are overdue. */
      openTasks: z.number().int(),
      overdueTasks: z.number().int(),
    }),
  ),
  /** Current memberships of families whose consent in force no longer covers the viewer's department: only a count. */
  notCovered: z.number().int(),
});

export const DistributionDto = z.object({
  coordinators: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      open: z.number().int(),
      byStatus: z.object({ referred: z.number().int(), assessing: z.number().int(), active: z.number().int(), paused: z.number().int() }),
      /** Deadlines let pass: the coordinator's own open tasks past due, and their open families' plans past the next review. */
      overdue: z.object({ tasks: z.number().int(), planReviews: z.number().int() }),
    }),
  ),
});

export const BreakGlassListDto = z.object({
  accesses: z.array(
    z.object({
      id: z.uuid(),
      familyId: z.uuid(),
      familyNames: FamilyNamesSchema,
      userId: z.uuid(),
      userName: z.string(),
      reason: z.string(),
      at: z.string(),
      expiresAt: z.string(),
      reviewedAt: z.string().nullable(),
      reviewNote: z.string().nullable(),
    }),
  ),
});

export const MemberDto = z.object({
  personId: z.uuid(),
  role: z.enum(MEMBER_ROLES),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  age: z.number().int(),
  sex: z.enum(['female', 'male', 'unknown']),
  /** e.g. 010190-xxxx; the full number only by the audited reveal action. */
  cprMasked: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Null when the address is protected (or unknown). */
  address: z.string().nullable(),
  protectedAddress: z.boolean(),
  custodyHolderIds: z.array(z.uuid()),
});

export const FamilyCanDto = z.object({
  editHousehold: z.boolean(),
  recordConsent: z.boolean(),
  transition: z.boolean(),
  assignCoordinator: z.boolean(),
  manageTeam: z.boolean(),
  registerIntervention: z.boolean(),
  reveal: z.boolean(),
});
