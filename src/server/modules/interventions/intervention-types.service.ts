import type { z } from 'zod';
import type { InterventionTypeBody, InterventionTypeDto, UpdateInterventionTypeBody } from '../../../shared/interventions.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import {
  findInterventionType,
  findInterventionTypeByCode,
  insertInterventionType,
  listInterventionTypes,
  updateInterventionType,
  type InterventionTypeRow,
} from './intervention-types.repository.js';
import { CATALOGUE_KEEPERS, CATALOGUE_READERS } from './interventions.policy.js';

export function presentInterventionType(t: InterventionTypeRow, departmentName: string): InterventionTypeDto {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    category: t.category,
    departmentId: t.departmentId,
    departmentName,
    legalBasis: t.legalBasis,
    price: { amount: t.priceAmount, per: t.pricePer },
    validFrom: t.validFrom,
    validTo: t.validTo,
    active: t.active,
  };
}

/** The department's name, or a 400 at `departmentId` when it does not exist or is deactivated. */
async function activeDepartmentName(ctx: Ctx, departmentId: string): Promise<string> {
  const d = await findDepartment(ctx.tx, ctx.municipalityId, departmentId);
  if (!d || !d.active) throw fieldError('departmentId', 'unknown_department');
  return d.name;
}

/** What the catalogue records about a type, for the audit trail. */
function auditView(t: InterventionTypeRow) {
  return {
    code: t.code,
    name: t.name,
    category: t.category,
    departmentId: t.departmentId,
    legalBasis: t.legalBasis,
    price: { amount: t.priceAmount, per: t.pricePer },
    validFrom: t.validFrom,
    validTo: t.validTo,
    active: t.active,
  };
}

/** The catalogue, for choosing an intervention and for keeping the catalogue. */
export async function getInterventionTypes(ctx: Ctx): Promise<InterventionTypeDto[]> {
  await requireRole(ctx, CATALOGUE_READERS, 'intervention_type.list');
  const rows = await listInterventionTypes(ctx.tx, ctx.municipalityId);
  return rows.map((r) => presentInterventionType(r.type, r.departmentName));
}

export async function createInterventionType(ctx: Ctx, body: z.infer<typeof InterventionTypeBody>): Promise<InterventionTypeDto> {
  await requireRole(ctx, CATALOGUE_KEEPERS, 'intervention_type.create');
  const departmentName = await activeDepartmentName(ctx, body.departmentId);
  if (await findInterventionTypeByCode(ctx.tx, ctx.municipalityId, body.code)) {
    throw new AppError('intervention_type_code_taken', [{ path: 'code', message: '' }]);
  }
  const row = await insertInterventionType(ctx.tx, {
    municipalityId: ctx.municipalityId,
    code: body.code,
    name: body.name,
    category: body.category,
    departmentId: body.departmentId,
    legalBasis: body.legalBasis || null,
    priceAmount: body.price.amount,
    pricePer: body.price.per,
    validFrom: body.validFrom,
    validTo: body.validTo ?? null,
    active: body.active ?? true,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await audit(ctx, { action: 'intervention_type.create', targetType: 'intervention_type', targetId: row.id, details: auditView(row) });
  return presentInterventionType(row, departmentName);
}

export async function changeInterventionType(
  ctx: Ctx,
  id: string,
  body: z.infer<typeof UpdateInterventionTypeBody>,
): Promise<InterventionTypeDto> {
  await requireRole(ctx, CATALOGUE_KEEPERS, 'intervention_type.update');
  const existing = await findInterventionType(ctx.tx, ctx.municipalityId, id);
  if (!existing) throw new AppError('not_found');
  const departmentId = body.departmentId ?? existing.departmentId;
  // A type may keep a department that was deactivated later; a new choice must be an active one.
  const departmentName =
    body.departmentId !== undefined && body.departmentId !== existing.departmentId
      ? await activeDepartmentName(ctx, departmentId)
      : (await findDepartment(ctx.tx, ctx.municipalityId, departmentId))!.name;
  const validFrom = body.validFrom ?? existing.validFrom;
  const validTo = body.validTo === undefined ? existing.validTo : body.validTo;
  if (validTo !== null && validTo < validFrom) throw fieldError('validTo', 'end_before_start');
  const row = await updateInterventionType(ctx.tx, ctx.municipalityId, id, {
    name: body.name,
    category: body.category,
    departmentId: body.departmentId,
    legalBasis: body.legalBasis === undefined ? undefined : body.legalBasis || null,
    priceAmount: body.price?.amount,
    pricePer: body.price?.per,
    validFrom: body.validFrom,
    validTo: body.validTo,
    active: body.active,
    updatedAt: ctx.now,
  });
  await audit(ctx, {
    action: 'intervention_type.update',
    targetType: 'intervention_type',
    targetId: id,
    details: { before: auditView(existing), after: auditView(row) },
  });
  return presentInterventionType(row, departmentName);
}
