import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { seesIntervention } from '../../../shared/consent-kinds.js';
import { todayInDenmark } from '../../../shared/dates.js';
import type {
  CreateInterventionBody,
  DeleteInterventionBody,
  EndInterventionBody,
  FamilyInterventionsDto,
  InterventionDto,
  OverlapListDto,
  UpdateInterventionBody,
} from '../../../shared/interventions.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import { requireFamily } from '../families/families.access.js';
import { may } from '../families/families.policy.js';
import { touchFamily } from '../families/families.service.js';
import { membersOf, namesOfFamilies } from '../families/persons.repository.js';
import { interventionGoal } from '../plans/plans.table.js';
import { findInterventionType } from './intervention-types.repository.js';
import { intervention } from './interventions.table.js';
import { OVERLAP_LIST_READERS, typeUsableOn } from './interventions.policy.js';
import { presentIntervention, presentOverlapRow } from './interventions.presenter.js';
import { familyInterventionSummary } from './interventions.summary.js';
import {
  findInterventionView,
  insertIntervention,
  listOpenOverlaps,
  updateInterventionAtVersion,
  type InterventionRow,
} from './interventions.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most pairs the municipality-wide overlap list answers with at once. */
export const OVERLAP_LIST_LIMIT = 1000;

/**
 * The persons a set of interventions is about: each one's person, and every member of the family when one
 * of them is for the whole family.
 */
async function personsConcerned(ctx: Ctx, familyId: string, personIds: Array<string | null>): Promise<string[]> {
  const ids = new Set(personIds.filter((p): p is string => p !== null));
  if (personIds.includes(null)) {
    for (const m of await membersOf(ctx.tx, ctx.municipalityId, familyId)) ids.add(m.person.id);
  }
  return [...ids];
}

/** GET /families/:id/interventions: the summary, audited naming the persons it is about. */
export async function getFamilyInterventions(ctx: Ctx, familyId: string): Promise<z.infer<typeof FamilyInterventionsDto>> {
  const { relation, kinds } = await requireFamily(ctx, familyId, 'read');
  const summary = await familyInterventionSummary(ctx, familyId, kinds);
  const shown = [...summary.current, ...summary.past];
  await audit(ctx, {
    action: 'intervention.read',
    targetType: 'family',
    targetId: familyId,
    personIds: await personsConcerned(ctx, familyId, shown.map((i) => i.personId)),
    details: { relation, interventions: shown.length, hiddenByConsent: summary.hiddenByConsent },
  });
  return { ...summary, can: { register: may(relation, 'register_intervention') } };
}

/** Checks that a person is a member of the family (null = whole family). */
async function checkPerson(ctx: Ctx, familyId: string, personId: string | null, problems: FieldProblem[]): Promise<void> {
  if (personId === null) return;
  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  if (!members.some((m) => m.person.id === personId)) problems.push({ path: 'personId', message: 'unknown_person' });
}

/** Checks that a department chosen for an intervention exists and is active. */
async function checkDepartment(ctx: Ctx, departmentId: string, problems: FieldProblem[]): Promise<void> {
  const d = await findDepartment(ctx.tx, ctx.municipalityId, departmentId);
  if (!d || !d.active) problems.push({ path: 'departmentId', message: 'unknown_department' });
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

async function loadView(ctx: Ctx, familyId: string, id: string): Promise<InterventionDto> {
  const view = await findInterventionView(ctx.tx, ctx.municipalityId, familyId, id);
  return presentIntervention(view!, todayInDenmark(ctx.now));
}

/** Registers what a department delivers to a person of the family (or the whole family), priced from the catalogue. */
export async function registerIntervention(ctx: Ctx, familyId: string, body: z.infer<typeof CreateInterventionBody>): Promise<InterventionDto> {
  const { kinds } = await requireFamily(ctx, familyId, 'register_intervention', { lock: true });
  const problems: FieldProblem[] = [];
  const personId = body.personId ?? null;
  await checkPerson(ctx, familyId, personId, problems);
  const type = await findInterventionType(ctx.tx, ctx.municipalityId, body.typeId);
  if (!type) problems.push({ path: 'typeId', message: 'unknown_type' });
  else if (!typeUsableOn(type, body.from)) problems.push({ path: 'typeId', message: 'type_not_in_force' });
  if (body.departmentId !== undefined) await checkDepartment(ctx, body.departmentId, problems);
  const price = body.price ?? (type ? { amount: type.priceAmount, per: type.pricePer } : null);
  if (price?.per === 'hour' && body.hoursPerWeek === undefined) problems.push({ path: 'hoursPerWeek', message: 'hours_required' });
  refuse(problems);
  // A team member registers what their own department delivers, or what the consent lets them know of (decision 0017).
  if (!seesIntervention(kinds, actorOf(ctx).departmentId, { category: type!.category, departmentId: body.departmentId ?? type!.departmentId })) {
    await audit(ctx, { action: 'access.denied', targetType: 'family', targetId: familyId, outcome: 'denied', details: { attempted: 'intervention.create', reason: 'consent_kind_not_covered', typeId: type!.id } });
    throw new AppError('consent_kind_not_covered').keepingWrites();
  }
  const row = await insertIntervention(ctx.tx, {
    municipalityId: ctx.municipalityId,
    familyId,
    personId,
    typeId: type!.id,
    departmentId: body.departmentId ?? type!.departmentId,
    provider: body.provider || null,
    from: body.from,
    to: body.to ?? null,
    priceAmount: price!.amount,
    pricePer: price!.per,
    hoursPerWeek: body.hoursPerWeek ?? null,
    note: body.note || null,
    createdBy: actorOf(ctx).userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'intervention.create',
    targetType: 'family',
    targetId: familyId,
    personIds: await personsConcerned(ctx, familyId, [personId]),
    details: { interventionId: row.id, after: auditView(row) },
  });
  return loadView(ctx, familyId, row.id);
}

/** What an intervention records, for the audit trail (the free-text note only as whether there is one). */
function auditView(i: InterventionRow) {
  return {
    personId: i.personId,
    typeId: i.typeId,
    departmentId: i.departmentId,
    provider: i.provider,
    from: i.from,
    to: i.to,
    price: { amount: i.priceAmount, per: i.pricePer },
    hoursPerWeek: i.hoursPerWeek,
    hasNote: i.note !== null,
  };
}

/** Changes an intervention seen at `version`; ending it is setting `to`. */
export async function changeIntervention(
  ctx: Ctx,
  familyId: string,
  interventionId: string,
  body: z.infer<typeof UpdateInterventionBody>,
): Promise<InterventionDto> {
  const { kinds } = await requireFamily(ctx, familyId, 'register_intervention', { lock: true });
  const found = UUID.test(interventionId) ? await findInterventionView(ctx.tx, ctx.municipalityId, familyId, interventionId) : undefined;
  // One the viewer may not see (decision 0017) answers as one that does not exist.
  const existing = found && seesIntervention(kinds, actorOf(ctx).departmentId, found) ? found : undefined;
  if (!existing) throw new AppError('intervention_not_found');
  if (existing.version !== body.version) throw new AppError('intervention_conflict', [], { currentVersion: existing.version });

  const problems: FieldProblem[] = [];
  const personId = body.personId === undefined ? existing.personId : body.personId;
  if (personId !== existing.personId) await checkPerson(ctx, familyId, personId, problems);
  if (body.departmentId !== undefined && body.departmentId !== existing.departmentId) await checkDepartment(ctx, body.departmentId, problems);
  const from = body.from ?? existing.from;
  const to = body.to === undefined ? existing.to : body.to;
  if (to !== null && to < from) problems.push({ path: 'to', message: 'end_before_start' });
  const per = body.price?.per ?? existing.pricePer;
  const hoursPerWeek = body.hoursPerWeek === undefined ? existing.hoursPerWeek : body.hoursPerWeek;
  if (per === 'hour' && hoursPerWeek === null) problems.push({ path: 'hoursPerWeek', message: 'hours_required' });
  refuse(problems);

  const row = await updateInterventionAtVersion(ctx.tx, ctx.municipalityId, interventionId, body.version, {
    personId,
    departmentId: body.departmentId,
    provider: body.provider === undefined ? undefined : body.provider || null,
    from,
    to,
    priceAmount: body.price?.amount,
    pricePer: body.price?.per,
    hoursPerWeek,
    note: body.note === undefined ? undefined : body.note || null,
    updatedAt: ctx.now,
  });
  if (!row) throw new AppError('intervention_conflict', [], { currentVersion: existing.version });
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'intervention.update',
    targetType: 'family',
    targetId: familyId,
    personIds: await personsConcerned(ctx, familyId, [existing.personId, personId]),
    details: { interventionId, before: auditView(existing), after: auditView(row), ...(body.to !== undefined && existing.to !== to ? { ended: to } : {}) },
  });
  return loadView(ctx, familyId, interventionId);
}

/** Ends an intervention on a date (the last day it runs). */
export async function endIntervention(ctx: Ctx, familyId: string, interventionId: string, body: z.infer<typeof EndInterventionBody>): Promise<InterventionDto> {
  return changeIntervention(ctx, familyId, interventionId, { to: body.to, version: body.version });
}

/**
 * Deletes an intervention registered by mistake (a wrong family, person or type): it and its links to goals go, in
 * one transaction; the audit event keeps what it was, with the reason given. An intervention that did run is ended
 * or corrected instead — this is for one that should never have been there.
 */
export async function deleteIntervention(ctx: Ctx, familyId: string, interventionId: string, body: z.infer<typeof DeleteInterventionBody>): Promise<void> {
  const { kinds } = await requireFamily(ctx, familyId, 'register_intervention', { lock: true });
  const found = UUID.test(interventionId) ? await findInterventionView(ctx.tx, ctx.municipalityId, familyId, interventionId) : undefined;
  // One the viewer may not see (decision 0017) answers as one that does not exist.
  const existing = found && seesIntervention(kinds, actorOf(ctx).departmentId, found) ? found : undefined;
  if (!existing) throw new AppError('intervention_not_found');
  if (existing.version !== body.version) throw new AppError('intervention_conflict', [], { currentVersion: existing.version });
  await ctx.tx.delete(interventionGoal).where(and(eq(interventionGoal.municipalityId, ctx.municipalityId), eq(interventionGoal.interventionId, interventionId)));
  await ctx.tx.delete(intervention).where(and(eq(intervention.municipalityId, ctx.municipalityId), eq(intervention.id, interventionId)));
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'intervention.delete',
    targetType: 'family',
    targetId: familyId,
    personIds: await personsConcerned(ctx, familyId, [existing.personId]),
    details: { interventionId, reason: body.reason, before: auditView(existing) },
  });
}

/**
 * The municipality-wide list for managers: every overlap not yet over. Families they supervise (coordinated from
 * their department) or work with themselves are named; for the others only the two interventions (type,
 * department, period) and the coordinating unit are shown, so double work across departments is seen everywhere
 * while who the family is stays with those who may know. Audited naming every person the list names.
 */
export async function getOpenOverlaps(ctx: Ctx): Promise<z.infer<typeof OverlapListDto>> {
  await requireRole(ctx, OVERLAP_LIST_READERS, 'intervention.overlaps_read');
  const actor = actorOf(ctx);
  const rows = await listOpenOverlaps(
    ctx.tx,
    ctx.municipalityId,
    { userId: actor.userId, departmentId: actor.departmentId },
    todayInDenmark(ctx.now),
    OVERLAP_LIST_LIMIT + 1,
  );
  const truncated = rows.length > OVERLAP_LIST_LIMIT;
  const shownRows = rows.slice(0, OVERLAP_LIST_LIMIT);
  const namedRows = shownRows.filter((r) => r.named);
  // Names only for the families the manager may see; the others are read without them (and not named in the audit).
  const families = await namesOfFamilies(ctx.tx, ctx.municipalityId, namedRows.map((r) => r.familyId));
  const overlaps = shownRows.map((r) => {
    const o = presentOverlapRow(r);
    const coordinatingUnit = r.coordinatingUnit ?? null;
    if (!r.named) return { ...o, familyId: null, personId: null, familyNames: [], personName: null, named: false, coordinatingUnit };
    const named = families.get(r.familyId);
    return { ...o, familyNames: named?.familyNames ?? [], personName: o.personId ? (named?.personNames.get(o.personId) ?? null) : null, named: true, coordinatingUnit };
  });
  // The list names each of those families (from all its members' surnames) and the person concerned: every member is shown.
  const personIds = new Set([...families.values()].flatMap((f) => f.memberIds));
  await audit(ctx, {
    action: 'intervention.overlaps_read',
    targetType: 'intervention',
    personIds: [...personIds],
    details: { overlaps: overlaps.length, unnamed: shownRows.length - namedRows.length, familyIds: [...new Set(namedRows.map((r) => r.familyId))], truncated },
  });
  return { overlaps, truncated };
}
