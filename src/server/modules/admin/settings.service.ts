import { eq } from 'drizzle-orm';
import type { SettingsDto, UpdateSettingsBody } from '../../../shared/admin.js';
import { SUPPORT_STATUSES } from '../../../shared/measurements.js';
import { publicSupportOf, type MunicipalitySettings } from '../../../shared/municipality.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { municipality } from '../../db/municipality.table.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';

/** The settings as administrators see them: the public-support set in force (the default until changed). */
function present(settings: MunicipalitySettings): SettingsDto {
  return { mfaRequiredRoles: settings.mfaRequiredRoles, publicSupportStatuses: [...publicSupportOf(settings)] };
}

async function storedSettings(ctx: Ctx): Promise<MunicipalitySettings> {
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m) throw new AppError('not_found');
  return m.settings;
}

export async function getSettings(ctx: Ctx): Promise<SettingsDto> {
  await requireRole(ctx, ['admin'], 'settings.read');
  return present(await storedSettings(ctx));
}

export async function updateSettings(ctx: Ctx, body: UpdateSettingsBody): Promise<SettingsDto> {
  await requireRole(ctx, ['admin'], 'settings.update');
  const before = await storedSettings(ctx);
  const settings: MunicipalitySettings = { ...before, mfaRequiredRoles: [...new Set(body.mfaRequiredRoles)] };
  // Kept in the codes' own order, so the stored set reads the same however it was ticked.
  if (body.publicSupportStatuses) settings.publicSupportStatuses = SUPPORT_STATUSES.filter((s) => body.publicSupportStatuses!.includes(s));
  await ctx.tx.update(municipality).set({ settings }).where(eq(municipality.id, ctx.municipalityId));
  await audit(ctx, { action: 'settings.update', targetType: 'municipality', targetId: ctx.municipalityId, details: { before, after: settings } });
  return present(settings);
}
