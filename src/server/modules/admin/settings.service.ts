import { eq } from 'drizzle-orm';
import type { MunicipalitySettings } from '../../../shared/municipality.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { municipality } from '../../db/municipality.table.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';

export async function getSettings(ctx: Ctx): Promise<MunicipalitySettings> {
  await requireRole(ctx, ['admin'], 'settings.read');
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m) throw new AppError('not_found');
  return m.settings;
}

export async function updateSettings(ctx: Ctx, body: MunicipalitySettings): Promise<MunicipalitySettings> {
  await requireRole(ctx, ['admin'], 'settings.update');
  const before = await getSettings(ctx);
  const settings = { ...before, mfaRequiredRoles: [...new Set(body.mfaRequiredRoles)] };
  await ctx.tx.update(municipality).set({ settings }).where(eq(municipality.id, ctx.municipalityId));
  await audit(ctx, { action: 'settings.update', targetType: 'municipality', targetId: ctx.municipalityId, details: { before, after: settings } });
  return settings;
}
