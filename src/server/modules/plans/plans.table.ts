import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { GasLevels, GoalStatus, Horizon, PlanSnapshot, Responsible, SignOffHow } from '../../../shared/plans.js';
import { municipality } from '../../db/municipality.table.js';
import { family, person } from '../families/families.table.js';
import { intervention } from '../interventions/interventions.table.js';

const mid = () => uuid('municipality_id').notNull().references(() => municipality.id);

/** The municipality's list of life domains (defaults from DESIGN.md); codes keep their meaning. */
export const lifeDomain = pgTable(
  'life_domain',
  {
    municipalityId: mid(),
    code: text('code').notNull(),
    labelDa: text('label_da').notNull(),
    labelEn: text('label_en').notNull(),
    /** Child side of the ICS triangle. */
    child: boolean('child').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.code] })],
);

/**
 * The family's helhedsplan. The draft lives in plan_goal / plan_action / plan_baseline rows; publishing
 * snapshots it into plan_version. `draftVersion` is the optimistic-concurrency counter of the draft.
 */
export const plan = pgTable(
  'plan',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    startDate: date('start_date').notNull(),
    draftVersion: integer('draft_version').notNull().default(1),
    /** The published version in force; null until the first publication. */
    currentVersionId: uuid('current_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    unique('plan_family_uq').on(t.municipalityId, t.familyId),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
  ],
);

/** Baseline per life domain: 0–10 and a short text. */
export const planBaseline = pgTable(
  'plan_baseline',
  {
    municipalityId: mid(),
    planId: uuid('plan_id').notNull(),
    domain: text('domain').notNull(),
    score: integer('score').notNull(),
    text: text('text').notNull().default(''),
    /** The draft version in which this baseline was last set, and by whom: what a conflict reports. */
    changedInDraft: integer('changed_in_draft').notNull().default(0),
    changedBy: uuid('changed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.planId, t.domain] }),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [plan.municipalityId, plan.id] }),
  ],
);

/** A goal, in the family's own words. Ids are stable across versions; removal is soft so history keeps it. */
export const planGoal = pgTable(
  'plan_goal',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    familyId: uuid('family_id').notNull(),
    /** Null = a goal for the whole family. */
    personId: uuid('person_id'),
    domain: text('domain').notNull(),
    horizon: text('horizon').$type<Horizon>().notNull(),
    title: text('title').notNull(),
    successCriterion: text('success_criterion').notNull().default(''),
    targetDate: date('target_date'),
    status: text('status').$type<GoalStatus>().notNull().default('active'),
    /** Goal Attainment Scaling levels −2 … +2, written up front. */
    gas: jsonb('gas').$type<GasLevels>(),
    /** A legal plan requirement the goal covers, e.g. "Barnets lov § 92", "LAB § 30 b". */
    legalRequirement: text('legal_requirement'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: date('created_at').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** The draft version in which this row was created, and last changed (and by whom): what a conflict reports. */
    createdInDraft: integer('created_in_draft').notNull().default(0),
    changedInDraft: integer('changed_in_draft').notNull().default(0),
    changedBy: uuid('changed_by'),
    externalRef: text('external_ref'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [plan.municipalityId, plan.id] }),
    foreignKey({ columns: [t.municipalityId, t.familyId], foreignColumns: [family.municipalityId, family.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
    index('plan_goal_plan_idx').on(t.municipalityId, t.planId),
    index('plan_goal_family_idx').on(t.municipalityId, t.familyId),
    unique('plan_goal_external_ref_uq').on(t.municipalityId, t.familyId, t.externalRef),
  ],
);

/** An action (handling/delmål) under a goal: what, who is responsible, by when. */
export const planAction = pgTable(
  'plan_action',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    goalId: uuid('goal_id').notNull(),
    what: text('what').notNull(),
    responsible: jsonb('responsible').$type<Responsible>().notNull(),
    due: date('due'),
    doneAt: date('done_at'),
    sortOrder: integer('sort_order').notNull().default(0),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** The draft version in which this row was created, and last changed (and by whom): what a conflict reports. */
    createdInDraft: integer('created_in_draft').notNull().default(0),
    changedInDraft: integer('changed_in_draft').notNull().default(0),
    changedBy: uuid('changed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [planGoal.municipalityId, planGoal.id] }),
    index('plan_action_goal_idx').on(t.municipalityId, t.goalId),
  ],
);

/** A published version: a snapshot of baseline, goals and actions, with its next review date. */
export const planVersion = pgTable(
  'plan_version',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<PlanSnapshot>().notNull(),
    nextReviewDate: date('next_review_date').notNull(),
    note: text('note'),
    publishedBy: uuid('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    unique('plan_version_number_uq').on(t.municipalityId, t.planId, t.number),
    foreignKey({ columns: [t.municipalityId, t.planId], foreignColumns: [plan.municipalityId, plan.id] }),
  ],
);

/** The family's sign-off on a version: who, when, how. */
export const planSignOff = pgTable(
  'plan_sign_off',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    versionId: uuid('version_id').notNull(),
    personId: uuid('person_id').notNull(),
    signedAt: date('signed_at').notNull(),
    how: text('how').$type<SignOffHow>().notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.versionId], foreignColumns: [planVersion.municipalityId, planVersion.id] }),
    foreignKey({ columns: [t.municipalityId, t.personId], foreignColumns: [person.municipalityId, person.id] }),
  ],
);

/** Which goals an intervention serves. */
export const interventionGoal = pgTable(
  'intervention_goal',
  {
    municipalityId: mid(),
    interventionId: uuid('intervention_id').notNull(),
    goalId: uuid('goal_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.interventionId, t.goalId] }),
    foreignKey({ columns: [t.municipalityId, t.interventionId], foreignColumns: [intervention.municipalityId, intervention.id] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [planGoal.municipalityId, planGoal.id] }),
  ],
);

/** A rating (vurdering) of a goal, 0–10, by the family, the coordinator or a professional. */
export const goalRating = pgTable(
  'goal_rating',
  {
    municipalityId: mid(),
    id: uuid('id').notNull().defaultRandom(),
    goalId: uuid('goal_id').notNull(),
    familyId: uuid('family_id').notNull(),
    date: date('date').notNull(),
    value: integer('value').notNull(),
    respondent: text('respondent').$type<'family' | 'coordinator' | 'professional'>().notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [planGoal.municipalityId, planGoal.id] }),
    index('goal_rating_goal_idx').on(t.municipalityId, t.goalId, t.date),
    index('goal_rating_family_idx').on(t.municipalityId, t.familyId),
    // The KPIs' goal progress reads the family's ratings in goal and date order from this index alone (index-only
    // scan, streaming aggregates): goal decides family, so the order is goal, date.
    index('goal_rating_family_progress_idx')
      .on(t.municipalityId, t.goalId, t.familyId, t.date, t.value)
      .where(sql`${t.respondent} = 'family'`),
  ],
);

/**
 * The family's ratings of each goal summed up by the database itself (triggers on goal_rating, migration 0013): the
 * number of days rated and the earliest and the latest day with the sum and count of that day's ratings. The KPIs'
 * goal progress reads these 24,000 rows instead of 170,000 ratings when no rating lies after T; for an earlier T
 * it reads the ratings (kpis.repository.ts). Never written by the application.
 */
export const goalRatingProgress = pgTable(
  'goal_rating_progress',
  {
    municipalityId: mid(),
    goalId: uuid('goal_id').notNull(),
    familyId: uuid('family_id').notNull(),
    days: integer('days').notNull(),
    firstDate: date('first_date').notNull(),
    firstSum: bigint('first_sum', { mode: 'number' }).notNull(),
    firstCount: integer('first_count').notNull(),
    lastDate: date('last_date').notNull(),
    lastSum: bigint('last_sum', { mode: 'number' }).notNull(),
    lastCount: integer('last_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.goalId, t.familyId] }),
    foreignKey({ columns: [t.municipalityId, t.goalId], foreignColumns: [planGoal.municipalityId, planGoal.id] }),
  ],
);
