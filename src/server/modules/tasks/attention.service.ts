import { todayInDenmark } from '../../../shared/dates.js';
import { hasAnyRole } from '../../../shared/roles.js';
import type { AttentionDto } from '../../../shared/tasks.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { canVisitate } from '../referrals/referrals.policy.js';
import { endOfWeek } from './deadlines.rules.js';
import { countOpenReferrals, countOpenTasks, countUnreviewedBreakGlass } from './tasks.repository.js';

/**
 * GET /attention: what needs the user's attention, for the header. Counts only (no personal data), so not
 * audited; each is one indexed count.
 */
export async function getAttention(ctx: Ctx): Promise<AttentionDto> {
  const actor = actorOf(ctx);
  const today = todayInDenmark(ctx.now);
  const tasks = await countOpenTasks(ctx.tx, ctx.municipalityId, actor.userId, today, endOfWeek(today));
  return {
    overdueTasks: tasks.overdue,
    openTasksDueThisWeek: tasks.thisWeek,
    unreviewedBreakGlass: hasAnyRole(actor.roles, ['manager']) ? await countUnreviewedBreakGlass(ctx.tx, ctx.municipalityId, actor.departmentId) : null,
    openReferrals: canVisitate(actor) ? await countOpenReferrals(ctx.tx, ctx.municipalityId) : null,
  };
}
