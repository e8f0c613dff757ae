import type { z } from 'zod';
import type { LifeDomainBody, LifeDomainDto } from '../../../shared/plans.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { findLifeDomain, listLifeDomains, upsertLifeDomain, type LifeDomainRow } from './plans.repository.js';

/** Staff who work with plans, measurements or the list itself read the municipality's life domains. */
const LIFE_DOMAIN_READERS = ['coordinator', 'professional', 'manager', 'analyst', 'admin'] as const;

export function presentLifeDomain(d: LifeDomainRow): LifeDomainDto {
  return { code: d.code, labelDa: d.labelDa, labelEn: d.labelEn, child: d.child, active: d.active, sortOrder: d.sortOrder };
}

/** The list in the municipality's order, including domains taken out of use (older goals may still use them). */
export async function getLifeDomains(ctx: Ctx): Promise<LifeDomainDto[]> {
  await requireRole(ctx, LIFE_DOMAIN_READERS, 'life_domain.list');
  return (await listLifeDomains(ctx.tx, ctx.municipalityId)).map(presentLifeDomain);
}

/** Adds a domain or changes its labels, order or whether it is in use. A code keeps its meaning. */
export async function putLifeDomain(ctx: Ctx, code: string, body: z.infer<typeof LifeDomainBody>): Promise<LifeDomainDto> {
  await requireRole(ctx, ['admin'], 'life_domain.upsert');
  const before = await findLifeDomain(ctx.tx, ctx.municipalityId, code);
  const row = await upsertLifeDomain(ctx.tx, {
    municipalityId: ctx.municipalityId,
    code,
    labelDa: body.labelDa,
    labelEn: body.labelEn,
    child: body.child ?? before?.child ?? false,
    active: body.active,
    sortOrder: body.sortOrder,
  });
  await audit(ctx, {
    action: 'life_domain.upsert',
    targetType: 'life_domain',
    targetId: code,
    details: { before: before ? presentLifeDomain(before) : null, after: presentLifeDomain(row) },
  });
  return presentLifeDomain(row);
}
