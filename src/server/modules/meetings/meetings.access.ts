import type { ConsentKind, FamilyRelation } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { requireFamily, type FamilyHead } from '../families/families.access.js';
import type { FamilyAction } from '../families/families.policy.js';
import { findMeeting, type MeetingRow } from './meetings.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The meeting, if the actor may do `action` on its family. A meeting of a family the actor may not see answers
 * exactly like one that does not exist (404 meeting_not_found); the refusal is audited. With `lock`, the family
 * row is locked (every meeting write locks it) and the meeting is read after the lock. `kinds` are the kinds of
 * information the actor sees of the family (decision 0017).
 */
export async function requireMeeting(
  ctx: Ctx,
  meetingId: string,
  action: FamilyAction,
  opts: { lock?: boolean } = {},
): Promise<{ meeting: MeetingRow; family: FamilyHead; relation: FamilyRelation; kinds: ConsentKind[] }> {
  const found = UUID.test(meetingId) ? await findMeeting(ctx.tx, ctx.municipalityId, meetingId) : undefined;
  if (!found) {
    await audit(ctx, {
      action: 'access.denied',
      targetType: 'meeting',
      targetId: UUID.test(meetingId) ? meetingId : undefined,
      outcome: 'denied',
      details: { attempted: `meeting.${action}`, exists: false },
    });
    throw new AppError('meeting_not_found').keepingWrites();
  }
  try {
    const { family, relation, kinds } = await requireFamily(ctx, found.familyId, action, opts);
    const meeting = opts.lock ? (await findMeeting(ctx.tx, ctx.municipalityId, meetingId))! : found;
    return { meeting, family, relation, kinds };
  } catch (e) {
    // requireFamily has audited the refusal; answer as for a meeting that does not exist.
    if (e instanceof AppError && e.code === 'family_not_found') throw new AppError('meeting_not_found').keepingWrites();
    throw e;
  }
}
