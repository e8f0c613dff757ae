import { z } from 'zod';
import { CHANGE_CAUSES, ConsentScopeSchema, FAMILY_RELATIONS, FAMILY_STATUSES, FamilyCanDto, FamilyNamesSchema, HOW_GIVEN, MemberDto } from './families.js';
import { FamilyInterventionSummaryDto } from './interventions.js';
import { RaisedTitleSchema } from './tasks.js';

/** GET /api/v1/families/:id — the family overview, with the permissions that travel with it. */
export const FamilyOverviewDto = z.object({
  data: z.object({
    id: z.uuid(),
    familyNames: FamilyNamesSchema,
    status: z.enum(FAMILY_STATUSES),
    version: z.number().int(),
    referredAt: z.string().nullable(),
    enrolledAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    completionReason: z.string().nullable(),
    relation: z.enum(FAMILY_RELATIONS),
    members: z.array(MemberDto),
    consents: z.array(
      z.object({
        id: z.uuid(),
        personId: z.uuid(),
        scope: ConsentScopeSchema,
        givenAt: z.string(),
        expiresAt: z.string().nullable(),
        withdrawnAt: z.string().nullable(),
        howGiven: z.enum(HOW_GIVEN),
        inForce: z.boolean(),
        expiresInDays: z.number().int().nullable(),
      }),
    ),
    /** While assessing or paused: what stands between the family and `active`. */
    activationBlockers: z.object({ childrenWithoutCustody: z.array(z.uuid()), holdersWithoutConsent: z.array(z.uuid()) }).nullable(),
    coordinator: z.object({ userId: z.uuid(), name: z.string(), email: z.string(), departmentName: z.string().nullable(), since: z.string() }).nullable(),
    coordinatorHistory: z.array(z.object({ userId: z.uuid(), name: z.string(), from: z.string(), to: z.string().nullable(), reason: z.string().nullable(), cause: z.enum(CHANGE_CAUSES).nullable() })),
    team: z.array(
      z.object({
        id: z.uuid(),
        userId: z.uuid(),
        name: z.string(),
        email: z.string(),
        departmentId: z.uuid(),
        departmentName: z.string(),
        role: z.string(),
        from: z.string(),
        to: z.string().nullable(),
        current: z.boolean(),
      }),
    ),
    statusHistory: z.array(
      /** `reason` in the words of the person who made the change, `cause` when the system made or prompted it; at least one is set. */
      z.object({ from: z.enum(FAMILY_STATUSES).nullable(), to: z.enum(FAMILY_STATUSES), date: z.string(), reason: z.string().nullable(), cause: z.enum(CHANGE_CAUSES).nullable(), byName: z.string().nullable(), at: z.string() }),
    ),
    interventions: FamilyInterventionSummaryDto,
    plan: z
      .object({
        currentVersion: z.object({ number: z.number().int(), publishedAt: z.string(), nextReviewDate: z.string() }).nullable(),
        goals: z.array(
          z.object({
            id: z.uuid(),
            personId: z.uuid().nullable(),
            domain: z.string(),
            horizon: z.string(),
            title: z.string(),
            status: z.string(),
            targetDate: z.string().nullable(),
            latestRating: z.object({ value: z.number().int(), date: z.string(), by: z.string() }).nullable(),
          }),
        ),
        /** Goals left out for this viewer because the consent does not cover their kind (decision 0017). */
        hiddenByConsent: z.number().int(),
      })
      .nullable(),
    nextMeeting: z.object({ title: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string().nullable(), onlineUrl: z.string().nullable() }).nullable(),
    openTasks: z.array(z.object({ id: z.uuid(), title: z.string(), raised: RaisedTitleSchema, due: z.string(), origin: z.string(), assigneeName: z.string() })),
    /** Open tasks left out because they are about a goal the consent does not cover for the viewer (decision 0017). */
    openTasksHiddenByConsent: z.number().int(),
    latestNotes: z.array(
      z.object({ id: z.uuid(), type: z.string(), occurredAt: z.string(), authorName: z.string(), restricted: z.boolean(), personIds: z.array(z.uuid()), excerpt: z.string() }),
    ),
    recentActivity: z.array(z.object({ action: z.string(), at: z.string(), actorName: z.string().nullable() })),
  }),
  can: FamilyCanDto,
});
export type FamilyOverviewDto = z.infer<typeof FamilyOverviewDto>;
