import { z } from 'zod';
import { PRICE_UNITS } from './cost.js';
import { FamilyNamesSchema, IsoDateSchema } from './families.js';
import { idError } from './field-messages.js';

export const PriceSchema = z.strictObject({
  amount: z.number().min(0, { error: 'price_negative' }).max(100_000_000),
  per: z.enum(PRICE_UNITS),
});

const PriceDto = z.object({ amount: z.number(), per: z.enum(PRICE_UNITS) });

/** Codes of types and categories: stable, used by imports; the same form as department codes. */
const Code = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'department_code' });
const TypeName = z.string().trim().min(1, { error: 'required' }).max(200);
const LegalBasis = z.string().trim().max(200);

/** A new entry in the catalogue (indsatskatalog). */
export const InterventionTypeBody = z
  .strictObject({
    code: Code,
    name: TypeName,
    /** Overlap is judged within a category, e.g. employment_support, family_support, therapy. */
    category: Code,
    departmentId: z.uuid({ error: idError }),
    /** E.g. "Barnets lov § 32, stk. 1, nr. 3". */
    legalBasis: LegalBasis.optional(),
    price: PriceSchema,
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.validTo && t.validTo < t.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'end_before_start' });
  });

/** A change to a catalogue entry; the code never changes. validTo against a stored validFrom is checked by the server. */
export const UpdateInterventionTypeBody = z
  .strictObject({
    name: TypeName.optional(),
    category: Code.optional(),
    departmentId: z.uuid({ error: idError }).optional(),
    legalBasis: LegalBasis.nullable().optional(),
    price: PriceSchema.optional(),
    validFrom: IsoDateSchema.optional(),
    validTo: IsoDateSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.validTo && t.validFrom && t.validTo < t.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'end_before_start' });
  });

export const InterventionTypeDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  legalBasis: z.string().nullable(),
  price: PriceDto,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export type InterventionTypeDto = z.infer<typeof InterventionTypeDto>;

const HoursPerWeek = z.number().positive({ error: 'hours_positive' }).max(168);

export const CreateInterventionBody = z
  .strictObject({
    /** Absent or null: for the whole family. */
    personId: z.uuid({ error: idError }).nullable().optional(),
    typeId: z.uuid({ error: idError }),
    /** Defaults to the type's department. */
    departmentId: z.uuid({ error: idError }).optional(),
    provider: z.string().trim().max(200).optional(),
    from: IsoDateSchema,
    to: IsoDateSchema.nullable().optional(),
    /** Overrides the catalogue price. */
    price: PriceSchema.optional(),
    /** Required when the price is per hour. */
    hoursPerWeek: HoursPerWeek.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((i, ctx) => {
    if (i.to && i.to < i.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });

/** A change to an intervention, made from the version the user saw. Ending one = setting `to`. */
export const UpdateInterventionBody = z
  .strictObject({
    personId: z.uuid({ error: idError }).nullable().optional(),
    departmentId: z.uuid({ error: idError }).optional(),
    provider: z.string().trim().max(200).nullable().optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.nullable().optional(),
    price: PriceSchema.optional(),
    hoursPerWeek: HoursPerWeek.nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    version: z.number().int().positive(),
  })
  .superRefine((i, ctx) => {
    if (i.to && i.from && i.to < i.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });

export const EndInterventionBody = z.strictObject({ to: IsoDateSchema, version: z.number().int().positive() });

/** Deleting an intervention registered by mistake (one that ran is ended instead): why, in the user's words. */
export const DeleteInterventionBody = z.strictObject({ reason: z.string().trim().min(3, { error: 'required' }).max(500), version: z.number().int().positive() });

export const InterventionDto = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  personId: z.uuid().nullable(),
  typeId: z.uuid(),
  typeName: z.string(),
  category: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  legalBasis: z.string().nullable(),
  provider: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
  price: PriceDto,
  hoursPerWeek: z.number().nullable(),
  note: z.string().nullable(),
  /** Running cost per average month (0 for one-off prices). */
  monthlyCost: z.number(),
  /** Whether it runs today (in Denmark). */
  current: z.boolean(),
  version: z.number().int(),
});
export type InterventionDto = z.infer<typeof InterventionDto>;

const OverlapSide = z.object({
  id: z.uuid(),
  typeId: z.uuid(),
  typeName: z.string(),
  category: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  from: z.string(),
  to: z.string().nullable(),
});

/** Two interventions for the same person (or both for the whole family) that overlap; `a` starts first. */
export const OverlapDto = z.object({
  familyId: z.uuid(),
  /** Null: both are for the whole family. */
  personId: z.uuid().nullable(),
  reason: z.enum(['same_category', 'same_type']),
  a: OverlapSide,
  b: OverlapSide,
  /** The days both run: the later start to the earlier end (null = open). */
  period: z.object({ from: z.string(), to: z.string().nullable() }),
});
export type OverlapDto = z.infer<typeof OverlapDto>;

export const MonthlyCostByDepartment = z.object({ departmentId: z.uuid(), departmentName: z.string(), monthlyCost: z.number() });

/** A family's interventions as the overview shows them. */
export const FamilyInterventionSummaryDto = z.object({
  /** Not yet ended: running today, or starting later (their `current` is false). */
  current: z.array(InterventionDto),
  /** Ended before today. */
  past: z.array(InterventionDto),
  /** Sum of the monthly cost of those running today. */
  monthlyCostTotal: z.number(),
  monthlyCostByDepartment: z.array(MonthlyCostByDepartment),
  /** Overlaps whose shared days reach today or later (the same rule as the managers' list). */
  overlaps: z.array(OverlapDto),
  /**
   * Interventions left out for this viewer because the consent does not cover their kind for the viewer's department
   * (a team member's; decision 0017): they are in none of the lists, costs or overlaps above.
   */
  hiddenByConsent: z.number().int(),
});
export type FamilyInterventionSummary = z.infer<typeof FamilyInterventionSummaryDto>;

export const FamilyInterventionsDto = FamilyInterventionSummaryDto.extend({
  can: z.object({ register: z.boolean() }),
});

/** An overlap in the managers' municipality-wide list (overlaps whose shared period has not ended), which also names the family and the person concerned. */
export const OverlapListItemDto = OverlapDto.extend({
  /** Null for a family the manager may not see: the row then shows only the interventions and the coordinating unit. */
  familyId: z.uuid().nullable(),
  familyNames: FamilyNamesSchema,
  /** Null when both interventions are for the whole family, or the family is not the manager's to see. */
  personName: z.string().nullable(),
  /** Whether the manager may know which family it is (their unit's, or one they coordinate or are on the team of). */
  named: z.boolean(),
  /** The department of the family's coordinator: whom to ask about an unnamed row. */
  coordinatingUnit: z.string().nullable(),
});

export const OverlapListDto = z.object({
  overlaps: z.array(OverlapListItemDto),
  /** True when the list was cut at its limit. */
  truncated: z.boolean(),
});

export const FamilyInterventionsParams = z.strictObject({ id: z.string() });
export const InterventionParams = z.strictObject({ familyId: z.string(), interventionId: z.string() });
