import type { z } from 'zod';
import { addDays } from '../../../shared/dates.js';
import { familySurnames } from '../../../shared/families.js';
import type { MyMeetingsDto, MyMeetingsQuery } from '../../../shared/meetings.js';
import { audit } from '../../audit/audit.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { todayInDenmark } from '../../../shared/dates.js';
import { findUser } from '../admin/users.repository.js';
import { familyFactsOf } from '../families/families.access.js';
import { familyRelation } from '../families/families.policy.js';
import { hiddenGoalIds } from '../plans/goal-visibility.js';
import { requireMeeting } from './meetings.access.js';
import { buildInvitation } from './meetings.ics.js';
import { danishMidnight, goalTitles, listMyMeetings, participantsOf } from './meetings.repository.js';
import { familyPersonIds } from './meetings.service.js';

/** The most meetings "Mine møder" answers with at once. */
export const MY_MEETINGS_LIMIT = 200;

/**
 * The meeting's iCalendar invitation: organised by the family's coordinator, sent to every participant with a
 * known e-mail. It carries the title, time, place or link, and the agenda (its text and the goals' titles) — no
 * CPR and no other case content.
 */
export async function meetingInvitation(ctx: Ctx, meetingId: string): Promise<{ filename: string; ics: string; method: 'REQUEST' | 'CANCEL' }> {
  const { meeting, family, kinds } = await requireMeeting(ctx, meetingId, 'read');
  const participants = await participantsOf(ctx.tx, ctx.municipalityId, meeting.id);
  // The file is for whoever fetches it to send: goals their consent does not cover are not in it (decision 0017).
  const hidden = await hiddenGoalIds(ctx, kinds, meeting.agendaGoalIds);
  const titles = await goalTitles(ctx.tx, ctx.municipalityId, meeting.agendaGoalIds.filter((id) => !hidden.has(id)));
  const organizerUser = await findUser(ctx.tx, ctx.municipalityId, family.coordinatorUserId ?? meeting.createdBy);
  const attendees = participants.flatMap((p) => (p.displayEmail ? [{ name: p.displayName, email: p.displayEmail }] : []));
  const ics = buildInvitation({
    meetingId: meeting.id,
    sequence: meeting.version,
    status: meeting.status,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    place: meeting.place,
    onlineUrl: meeting.onlineUrl,
    agendaText: meeting.agendaText,
    agendaGoalTitles: meeting.agendaGoalIds.flatMap((id) => (titles.has(id) ? [titles.get(id)!] : [])),
    organizer: organizerUser ? { name: organizerUser.name, email: organizerUser.email } : null,
    attendees,
    stamp: ctx.now,
    lang: ctx.lang,
  });
  await audit(ctx, {
    action: 'meeting.ics',
    targetType: 'meeting',
    targetId: meeting.id,
    personIds: await familyPersonIds(ctx, meeting.familyId),
    details: { familyId: meeting.familyId, sequence: meeting.version, status: meeting.status, attendees: attendees.length, agendaGoalsHiddenByConsent: hidden.size },
  });
  const date = meeting.startsAt.toISOString().slice(0, 10);
  return { filename: `netvaerksmoede-${date}.ics`, ics, method: meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST' };
}

/**
 * "Mine møder": meetings not cancelled that have not ended (or from a date), where the user takes part as staff
 * or coordinates the family, soonest first. Audited naming the members of every family shown.
 */
export async function getMyMeetings(ctx: Ctx, q: z.infer<typeof MyMeetingsQuery>): Promise<z.infer<typeof MyMeetingsDto>> {
  await requireRole(ctx, ['coordinator', 'professional', 'manager'], 'meeting.mine');
  const actor = actorOf(ctx);
  const from = q.from ? await danishMidnight(ctx.tx, q.from) : ctx.now;
  const to = q.to ? await danishMidnight(ctx.tx, addDays(q.to, 1)) : null;
  const found = await listMyMeetings(ctx.tx, ctx.municipalityId, actor.userId, { from, to }, MY_MEETINGS_LIMIT + 1, { today: todayInDenmark(ctx.now), now: ctx.now });
  // Only meetings of families the user may open now (the family access rule itself): an invitation outlives a team
  // membership that has ended or a consent that no longer covers the department. Those are counted, not named.
  const rows = found.filter((r) => familyRelation(actor, familyFactsOf(r)) !== null);
  const truncated = found.length > MY_MEETINGS_LIMIT;
  const shown = rows.slice(0, MY_MEETINGS_LIMIT);
  const notAccessible = found.slice(0, MY_MEETINGS_LIMIT).length - shown.length;
  await audit(ctx, {
    action: 'meeting.read',
    targetType: 'meeting',
    personIds: [...new Set(shown.flatMap((r) => r.member_ids ?? []))],
    details: { list: 'mine', criteria: { from: q.from, to: q.to }, meetings: shown.length, familyIds: [...new Set(shown.map((r) => r.family_id))], notAccessible },
  });
  return {
    meetings: shown.map((r) => ({
      id: r.id,
      familyId: r.family_id,
      familyNames: familySurnames(r.family_names ?? []),
      title: r.title,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      place: r.place,
      onlineUrl: r.online_url,
      status: r.status,
      version: Number(r.version),
      participantCount: Number(r.participant_count),
      nextMeetingId: r.next_meeting_id,
      as: r.as_participant ? 'participant' : 'coordinator',
    })),
    truncated,
    notAccessible,
  };
}
