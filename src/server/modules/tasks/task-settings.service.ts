import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { goalRatingIntervalOf } from '../../../shared/municipality.js';
import type { TaskSettingsBody } from '../../../shared/tasks.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { municipality } from '../../db/municipality.table.js';
import { AppError } from '../../errors.js';
import { findMunicipalityById } from '../setup/municipalities.repository.js';

type TaskSettings = z.infer<typeof TaskSettingsBody>;

async function current(ctx: Ctx) {
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m) throw new AppError('not_found');
  return m.settings;
}

/** GET /admin/task-settings: how often goals are to be rated (the deadline job raises a task when one is due). */
export async function getTaskSettings(ctx: Ctx): Promise<TaskSettings> {
  await requireRole(ctx, ['admin'], 'settings.read');
  return { goalRatingIntervalMonths: goalRatingIntervalOf(await current(ctx)) };
}

/** PUT /admin/task-settings: changes the interval; the next run of the deadline job uses it. */
export async function updateTaskSettings(ctx: Ctx, body: TaskSettings): Promise<TaskSettings> {
  await requireRole(ctx, ['admin'], 'settings.update');
  const before = await current(ctx);
  const settings = { ...before, goalRatingIntervalMonths: body.goalRatingIntervalMonths };
  await ctx.tx.update(municipality).set({ settings }).where(eq(municipality.id, ctx.municipalityId));
  await audit(ctx, {
    action: 'settings.update',
    targetType: 'municipality',
    targetId: ctx.municipalityId,
    details: { before: { goalRatingIntervalMonths: goalRatingIntervalOf(before) }, after: { goalRatingIntervalMonths: body.goalRatingIntervalMonths } },
  });
  return { goalRatingIntervalMonths: body.goalRatingIntervalMonths };
}
