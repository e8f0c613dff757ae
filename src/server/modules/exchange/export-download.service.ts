import { and, eq, inArray } from 'drizzle-orm';
import { todayInDenmark } from '../../../shared/dates.js';
import type { ExportQuery } from '../../../shared/exchange/import-jobs.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { family } from '../families/families.table.js';
import { exportRoles } from './exchange.policy.js';
import { exportExchange } from './export.service.js';

export interface ExportFile {
  filename: string;
  body: Buffer;
}

/**
 * downloadExport(ctx, query): the municipality's families as a helhed-exchange file to download. In clear for
 * administrators; pseudonymised for administrators and analysts (decision 0014); anyone else is refused and the
 * refusal audited. A family id the municipality does not have answers 404 like any family one may not see.
 * exportExchange audits `exchange.export` with every person in the same transaction.
 */
export async function downloadExport(ctx: Ctx, q: ExportQuery): Promise<ExportFile> {
  await requireRole(ctx, exportRoles(q.pseudonymise), q.pseudonymise ? 'exchange.export_pseudonymised' : 'exchange.export');
  const familyIds = q.familyId ? [...new Set(q.familyId)] : undefined;
  if (familyIds) {
    const found = await ctx.tx
      .select({ id: family.id })
      .from(family)
      .where(and(eq(family.municipalityId, ctx.municipalityId), inArray(family.id, familyIds)));
    if (found.length !== familyIds.length) throw new AppError('family_not_found');
  }
  const doc = await exportExchange(ctx, { familyIds, pseudonymise: q.pseudonymise });
  const suffix = q.pseudonymise ? '-pseudonymiseret' : '';
  return {
    filename: `helhed-exchange-${doc.municipality!.code}-${todayInDenmark(ctx.now)}${suffix}.json`,
    body: Buffer.from(JSON.stringify(doc), 'utf8'),
  };
}
