import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { staffUser } from '../admin/users.table.js';
import { breakGlassAccess } from './families.table.js';
import { namesOfFamilies } from './persons.repository.js';

/**
 * The break-the-glass accesses a manager reviews, as rows of break_glass_access: those to families whose coordinator
 * is in the manager's unit, and — so that none goes unreviewed — those to families without a unit (no coordinator
 * yet, or a coordinator without a department), which every manager sees. The review list, its count in the header
 * and the review itself all read this one definition.
 */
export function reviewableAccessesSql(municipalityId: string, departmentId: string | null): SQL {
  const reviewed = departmentId ? sql`(c.department_id is null or c.department_id = ${departmentId})` : sql`c.department_id is null`;
  return sql`select b.* from break_glass_access b
    join family f on f.municipality_id = b.municipality_id and f.id = b.family_id
    left join staff_user c on c.municipality_id = f.municipality_id and c.id = f.coordinator_user_id
    where b.municipality_id = ${municipalityId} and ${reviewed}`;
}

/**
 * The manager's review list: the accesses they review (reviewableAccessesSql), unreviewed first.
 */
export async function listBreakGlass(ctx: Ctx, onlyUnreviewed: boolean) {
  await requireRole(ctx, ['manager'], 'break_glass.review_list');
  const actor = actorOf(ctx);
  const rows = await ctx.tx
    .select({ b: breakGlassAccess, userName: staffUser.name })
    .from(breakGlassAccess)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, breakGlassAccess.municipalityId), eq(staffUser.id, breakGlassAccess.userId)))
    .where(
      and(
        eq(breakGlassAccess.municipalityId, ctx.municipalityId),
        sql`${breakGlassAccess.id} in (select r.id from (${reviewableAccessesSql(ctx.municipalityId, actor.departmentId)}) r)`,
        onlyUnreviewed ? isNull(breakGlassAccess.reviewedAt) : sql`true`,
      ),
    )
    .orderBy(sql`${breakGlassAccess.reviewedAt} is not null`, desc(breakGlassAccess.at))
    .limit(500);
  const families = await namesOfFamilies(ctx.tx, ctx.municipalityId, rows.map(({ b }) => b.familyId));
  // Each row names its family (drawn from all its members' surnames).
  await audit(ctx, {
    action: 'break_glass.review_list_read',
    personIds: [...families.values()].flatMap((f) => f.memberIds),
    details: { rows: rows.length, onlyUnreviewed, familyIds: [...families.keys()] },
  });
  return rows.map(({ b, userName }) => ({
    id: b.id,
    familyId: b.familyId,
    familyNames: families.get(b.familyId)?.familyNames ?? [],
    userId: b.userId,
    userName,
    reason: b.reason,
    at: b.at.toISOString(),
    expiresAt: b.expiresAt.toISOString(),
    reviewedAt: b.reviewedAt?.toISOString() ?? null,
    reviewNote: b.reviewNote,
  }));
}

export async function reviewBreakGlass(ctx: Ctx, id: string, note: string | undefined): Promise<void> {
  await requireRole(ctx, ['manager'], 'break_glass.review');
  const visible = await listBreakGlassIds(ctx);
  if (!visible.has(id)) throw new AppError('not_found');
  await ctx.tx
    .update(breakGlassAccess)
    .set({ reviewedBy: actorOf(ctx).userId, reviewedAt: ctx.now, reviewNote: note ?? null })
    .where(and(eq(breakGlassAccess.municipalityId, ctx.municipalityId), eq(breakGlassAccess.id, id)));
  await audit(ctx, { action: 'break_glass.review', targetType: 'break_glass', targetId: id, details: { note: note ?? null } });
}

async function listBreakGlassIds(ctx: Ctx): Promise<Set<string>> {
  const res = await ctx.tx.execute<{ id: string }>(sql`select r.id from (${reviewableAccessesSql(ctx.municipalityId, actorOf(ctx).departmentId)}) r`);
  return new Set(res.rows.map((r) => r.id));
}
