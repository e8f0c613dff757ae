import { z } from 'zod';
import { PRICE_UNITS } from './cost.js';
import { IsoDateSchema } from './families.js';

export const PriceSchema = z.strictObject({
  amount: z.number().min(0, { error: 'price_negative' }).max(100_000_000),
  per: z.enum(PRICE_UNITS),
});

const Code = z.string().trim().regex(/^[a-z][a-z0-9_]{1,59}$/, { error: 'department_code' });

export const InterventionTypeBody = z
  .strictObject({
    code: Code,
    name: z.string().trim().min(1, { error: 'required' }).max(200),
    category: Code,
    departmentId: z.uuid(),
    legalBasis: z.string().trim().max(200).optional(),
    price: PriceSchema,
    validFrom: IsoDateSchema,
    validTo: IsoDateSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.validTo && t.validTo < t.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'end_before_start' });
  });

export const InterventionTypeDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  legalBasis: z.string().nullable(),
  price: z.object({ amount: z.number(), per: z.enum(PRICE_UNITS) }),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});

export const CreateInterventionBody = z
  .strictObject({
    /** Absent or null: for the whole family. */
    personId: z.uuid().nullable().optional(),
    typeId: z.uuid(),
    /** Defaults to the type's department. */
    departmentId: z.uuid().optional(),
    provider: z.string().trim().max(200).optional(),
    from: IsoDateSchema,
    to: IsoDateSchema.optional(),
    /** Overrides the catalogue price. */
    price: PriceSchema.optional(),
    hoursPerWeek: z.number().positive({ error: 'hours_positive' }).max(168).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((i, ctx) => {
    if (i.to && i.to < i.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });

export const UpdateInterventionBody = z.strictObject({
  provider: z.string().trim().max(200).nullable().optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.nullable().optional(),
  price: PriceSchema.optional(),
  hoursPerWeek: z.number().positive({ error: 'hours_positive' }).max(168).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  version: z.number().int().positive(),
});

export const InterventionDto = z.object({
  id: z.uuid(),
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
  price: z.object({ amount: z.number(), per: z.enum(PRICE_UNITS) }),
  hoursPerWeek: z.number().nullable(),
  /** Running cost per average month (0 for one-off prices). */
  monthlyCost: z.number(),
  /** Whether it runs today. */
  current: z.boolean(),
  version: z.number().int(),
});
export type InterventionDto = z.infer<typeof InterventionDto>;

export const OverlapDto = z.object({
  familyId: z.uuid(),
  personId: z.uuid().nullable(),
  reason: z.enum(['same_category', 'same_type']),
  a: z.object({ id: z.uuid(), typeName: z.string(), departmentName: z.string(), from: z.string(), to: z.string().nullable() }),
  b: z.object({ id: z.uuid(), typeName: z.string(), departmentName: z.string(), from: z.string(), to: z.string().nullable() }),
});
export type OverlapDto = z.infer<typeof OverlapDto>;
