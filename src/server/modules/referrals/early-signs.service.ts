import type { z } from 'zod';
import type { EarlySignDto, UpsertEarlySignBody } from '../../../shared/referrals.js';
import { audit } from '../../audit/audit.js';
import { requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { findEarlySign, listEarlySigns, upsertEarlySign, type EarlySign } from './early-signs.repository.js';

function present(s: EarlySign): EarlySignDto {
  return { code: s.code, labelDa: s.labelDa, labelEn: s.labelEn, active: s.active, sortOrder: s.sortOrder };
}

/** The whole checklist, inactive signs included (administrators). */
export async function getAllEarlySigns(ctx: Ctx): Promise<EarlySignDto[]> {
  await requireRole(ctx, ['admin'], 'early_sign.list');
  return (await listEarlySigns(ctx.tx, ctx.municipalityId)).map(present);
}

/** What a referrer chooses from: the active signs in order. Any logged-in staff user; no personal data. */
export async function getActiveEarlySigns(ctx: Ctx): Promise<EarlySignDto[]> {
  return (await listEarlySigns(ctx.tx, ctx.municipalityId, { activeOnly: true })).map(present);
}

/** Adds a sign or changes its labels, order or whether referrers can choose it. Codes keep their meaning. */
export async function putEarlySign(ctx: Ctx, code: string, body: z.infer<typeof UpsertEarlySignBody>): Promise<EarlySignDto> {
  await requireRole(ctx, ['admin'], 'early_sign.update');
  const before = await findEarlySign(ctx.tx, ctx.municipalityId, code);
  const row = await upsertEarlySign(ctx.tx, { municipalityId: ctx.municipalityId, code, ...body });
  await audit(ctx, {
    action: 'early_sign.update',
    targetType: 'early_sign',
    targetId: code,
    details: { before: before ? present(before) : null, after: present(row) },
  });
  return present(row);
}
