import { boolean, date, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { PriceUnit } from '../../../shared/cost.js';
import { municipality } from '../../db/municipality.table.js';
import { department } from '../admin/departments.table.js';
import { family, person } from '../families/families.table.js';

/** The catalogue (indsatskatalog): what the departments can deliver, on what legal basis, at what price. */
export const interventionType = pgTable(
  'intervention_type',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Overlap is judged within a category, e.g. employment_support, family_support, therapy. */
    category: text('category').notNull(),
    departmentId: uuid('department_id').notNull(),
    legalBasis: text('legal_basis'),
    priceAmount: doublePrecision('price_amount').notNull(),
    pricePer: text('price_per').$type<PriceUnit>().notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    unique('intervention_type_code_uq').on(t.municipalityId, t.code),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [department.municipalityId, department.id] }),
  ],
);

/** An indsats: what one department delivers to a person (or the whole family), from when, at what price. */
export const intervention = pgTable(
  'intervention',
  {
    municipalityId: uuid('municipality_id').notNull().references(() => municipality.id),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    /** Null = for the whole family. */
    personId: uuid('person_id'),
    typeId: uuid('type_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    provider: text('provider'),
    from: date('from').notNull(),
    to: date('to'),
    /** Copied from the catalogue when registered; may be overridden. */
    priceAmount: doublePrecision('price_amount').notNull(),
    pricePer: text('price_per').$type<PriceUnit>().notNull(),
    hoursPerWeek: doublePrecision('hours_per_week'),
    note: text('note'),
    externalRef: text('external_ref'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    foreignKey({ columns: [t.municipalityId, t.typeId], foreignColumns: [interventionType.municipalityId, interventionType.id] }),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [department.municipalityId, department.id] }),
    index('intervention_family_idx').on(t.municipalityId, t.familyId),
    index('intervention_person_idx').on(t.municipalityId, t.personId),
    unique('intervention_external_ref_uq').on(t.municipalityId, t.externalRef),
  ],
);
