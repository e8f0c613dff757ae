import type { z } from 'zod';
import type { FamilyMeetingsDto, MeetingBody, MeetingDto, ParticipantInput, UpdateMeetingBody, CancelMeetingBody } from '../../../shared/meetings.js';
import { audit } from '../../audit/audit.js';
import { actorOf } from '../../auth/policy.js';
import type { Ctx } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireFamily } from '../families/families.access.js';
import { coversDomain } from '../../../shared/consent-kinds.js';
import type { ConsentKind, FamilyRelation } from '../../../shared/families.js';
import { may } from '../families/families.policy.js';
import { touchFamily } from '../families/families.service.js';
import { hiddenActionIds, hiddenGoalIds } from '../plans/goal-visibility.js';
import { membersOf } from '../families/persons.repository.js';
import { requireMeeting } from './meetings.access.js';
import { meetingCan } from './meetings.policy.js';
import { presentMeeting, presentSummary } from './meetings.presenter.js';
import {
  activeUserIds,
  decisionsOf,
  deleteParticipants,
  familyGoals,
  goalTitles,
  insertMeeting,
  insertParticipants,
  listFamilyMeetings,
  participantsOf,
  previousMeetingId,
  updateMeeting,
  updateNetworkEmail,
  type MeetingRow,
  type ParticipantView,
} from './meetings.repository.js';

/** The persons a meeting concerns: a network meeting is about the whole family, so every member. */
export async function familyPersonIds(ctx: Ctx, familyId: string): Promise<string[]> {
  return (await membersOf(ctx.tx, ctx.municipalityId, familyId)).map((m) => m.person.id);
}

/**
 * The meeting as the API shows it, with what the actor may do with it. Agenda goals, and decisions that became
 * actions under goals, whose life domain the viewer's consent does not cover are left out and counted, and
 * their titles not even read (decision 0017).
 */
export async function loadMeetingDto(ctx: Ctx, row: MeetingRow, relation: FamilyRelation, kinds: readonly ConsentKind[]): Promise<MeetingDto> {
  const hiddenGoals = await hiddenGoalIds(ctx, kinds, row.agendaGoalIds);
  const [participants, decisions, titles, previous] = [
    await participantsOf(ctx.tx, ctx.municipalityId, row.id),
    await decisionsOf(ctx.tx, ctx.municipalityId, row.id),
    await goalTitles(ctx.tx, ctx.municipalityId, row.agendaGoalIds.filter((id) => !hiddenGoals.has(id))),
    await previousMeetingId(ctx.tx, ctx.municipalityId, row.id),
  ];
  const hiddenActions = await hiddenActionIds(ctx, kinds, decisions.map((d) => d.actionId));
  const hidden = { goalIds: hiddenGoals, decisionIds: new Set(decisions.filter((d) => d.actionId !== null && hiddenActions.has(d.actionId)).map((d) => d.id)) };
  return presentMeeting({ row, participants, decisions, goalTitles: titles, previousMeetingId: previous, can: meetingCan(relation, row, ctx.now), hidden });
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation_failed', problems);
}

/** Identifies a participant across edits: the same member, staff user or network person (by name and relation). */
function participantKey(p: ParticipantInput | ParticipantView): string {
  if (p.kind === 'member') return `member:${p.personId}`;
  if (p.kind === 'staff') return `staff:${p.userId}`;
  return `network:${(p.name ?? '').trim().toLowerCase()}|${(p.relation ?? '').trim().toLowerCase()}`;
}

/** Members must belong to the family, staff users must exist and be active, nobody twice. */
async function checkParticipants(ctx: Ctx, familyId: string, participants: ParticipantInput[], problems: FieldProblem[]): Promise<void> {
  const memberIds = new Set(participants.some((p) => p.kind === 'member') ? await familyPersonIds(ctx, familyId) : []);
  const staffIds = participants.flatMap((p) => (p.kind === 'staff' ? [p.userId] : []));
  const active = await activeUserIds(ctx.tx, ctx.municipalityId, [...new Set(staffIds)]);
  const seen = new Set<string>();
  for (const [i, p] of participants.entries()) {
    const key = participantKey(p);
    if (p.kind === 'member' && !memberIds.has(p.personId)) problems.push({ path: `participants.${i}.personId`, message: 'unknown_person' });
    else if (p.kind === 'staff' && !active.has(p.userId)) problems.push({ path: `participants.${i}.userId`, message: 'unknown_user' });
    else if (seen.has(key)) {
      const field = p.kind === 'member' ? 'personId' : p.kind === 'staff' ? 'userId' : 'name';
      problems.push({ path: `participants.${i}.${field}`, message: 'duplicate_participant' });
    }
    seen.add(key);
  }
}

/**
 * Agenda goals must be goals of the family's plan (not removed) that the actor may see: a goal of a life domain
 * their consent does not cover answers as one not in the plan (decision 0017). Returns them without repeats, in order.
 */
async function checkAgendaGoals(ctx: Ctx, familyId: string, ids: string[], kinds: readonly ConsentKind[], problems: FieldProblem[]): Promise<string[]> {
  const found = new Set((await familyGoals(ctx.tx, ctx.municipalityId, familyId, ids)).filter((g) => coversDomain(kinds, g.domain)).map((g) => g.id));
  ids.forEach((id, i) => {
    if (!found.has(id)) problems.push({ path: `agendaGoalIds.${i}`, message: 'unknown_goal' });
  });
  return [...new Set(ids)];
}

function participantRows(ctx: Ctx, meetingId: string, participants: ParticipantInput[]) {
  return participants.map((p) => ({
    municipalityId: ctx.municipalityId,
    meetingId,
    kind: p.kind,
    personId: p.kind === 'member' ? p.personId : null,
    userId: p.kind === 'staff' ? p.userId : null,
    name: p.kind === 'network' ? p.name : null,
    relation: p.kind === 'network' ? p.relation : null,
    email: p.kind === 'network' ? (p.email ?? null) : null,
  }));
}

/** What a meeting's schedule is, for the audit trail (names of network persons only as a count). */
function auditView(m: MeetingRow, participants: Array<ParticipantInput | ParticipantView>) {
  return {
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    place: m.place,
    onlineUrl: m.onlineUrl,
    agendaGoalIds: m.agendaGoalIds,
    members: participants.flatMap((p) => (p.kind === 'member' && p.personId ? [p.personId] : [])),
    staff: participants.flatMap((p) => (p.kind === 'staff' && p.userId ? [p.userId] : [])),
    network: participants.filter((p) => p.kind === 'network').length,
  };
}

/**
 * Validates and writes a new meeting with its participants (the family is locked and the actor may contribute).
 * Every problem is listed at once, and nothing is written unless all is well.
 */
async function createMeetingRows(ctx: Ctx, familyId: string, body: MeetingBody, kinds: readonly ConsentKind[], problems: FieldProblem[] = []): Promise<MeetingRow> {
  await checkParticipants(ctx, familyId, body.participants, problems);
  const agendaGoalIds = await checkAgendaGoals(ctx, familyId, body.agendaGoalIds, kinds, problems);
  refuse(problems);
  const row = await insertMeeting(ctx.tx, {
    municipalityId: ctx.municipalityId,
    familyId,
    title: body.title,
    startsAt: new Date(body.startsAt),
    endsAt: new Date(body.endsAt),
    place: body.place || null,
    onlineUrl: body.onlineUrl ?? null,
    agendaGoalIds,
    agendaText: body.agendaText,
    createdBy: actorOf(ctx).userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await insertParticipants(ctx.tx, participantRows(ctx, row.id, body.participants));
  return row;
}

/** Schedules a network meeting for the family. */
export async function scheduleMeeting(ctx: Ctx, familyId: string, body: MeetingBody): Promise<MeetingDto> {
  const { relation, kinds } = await requireFamily(ctx, familyId, 'register_intervention', { lock: true });
  const row = await createMeetingRows(ctx, familyId, body, kinds);
  await touchFamily(ctx, familyId);
  await audit(ctx, {
    action: 'meeting.create',
    targetType: 'meeting',
    targetId: row.id,
    personIds: await familyPersonIds(ctx, familyId),
    details: { familyId, after: auditView(row, body.participants) },
  });
  return loadMeetingDto(ctx, row, relation, kinds);
}

/** The family's meetings, latest first. */
export async function getFamilyMeetings(ctx: Ctx, familyId: string): Promise<z.infer<typeof FamilyMeetingsDto>> {
  const { relation } = await requireFamily(ctx, familyId, 'read');
  const rows = await listFamilyMeetings(ctx.tx, ctx.municipalityId, familyId);
  await audit(ctx, {
    action: 'meeting.read',
    targetType: 'family',
    targetId: familyId,
    personIds: await familyPersonIds(ctx, familyId),
    details: { relation, meetings: rows.length },
  });
  return { meetings: rows.map((r) => presentSummary(r.row, r.participantCount)), can: { schedule: may(relation, 'register_intervention') } };
}

export async function getMeeting(ctx: Ctx, meetingId: string): Promise<MeetingDto> {
  const { meeting, relation, kinds } = await requireMeeting(ctx, meetingId, 'read');
  const dto = await loadMeetingDto(ctx, meeting, relation, kinds);
  await audit(ctx, {
    action: 'meeting.read',
    targetType: 'meeting',
    targetId: meeting.id,
    personIds: await familyPersonIds(ctx, meeting.familyId),
    details: { familyId: meeting.familyId, relation, agendaGoalsShown: dto.agendaGoals.map((g) => g.id), hiddenByConsent: dto.hiddenByConsent },
  });
  return dto;
}

/**
 * Reschedules, moves or re-plans a planned meeting seen at `version`. The participant list given replaces the
 * list: those still on it keep their ids (and recorded e-mail), the others are removed.
 */
export async function changeMeeting(ctx: Ctx, meetingId: string, body: UpdateMeetingBody): Promise<MeetingDto> {
  const { meeting: existing, relation, kinds } = await requireMeeting(ctx, meetingId, 'register_intervention', { lock: true });
  if (existing.status !== 'planned') throw new AppError('meeting_closed');
  if (existing.version !== body.version) throw new AppError('meeting_conflict', [], { currentVersion: existing.version });

  const problems: FieldProblem[] = [];
  const startsAt = body.startsAt ? new Date(body.startsAt) : existing.startsAt;
  const endsAt = body.endsAt ? new Date(body.endsAt) : existing.endsAt;
  // Both given is checked by the schema; one given is checked against the stored other.
  if (!(body.startsAt && body.endsAt) && endsAt <= startsAt) problems.push({ path: 'endsAt', message: 'meeting_end_before_start' });
  if (body.participants) await checkParticipants(ctx, existing.familyId, body.participants, problems);
  // Goals on the agenda the actor cannot see stay on it: they were never shown, so leaving them out is no choice (0017).
  const keptHidden = body.agendaGoalIds ? [...(await hiddenGoalIds(ctx, kinds, existing.agendaGoalIds))] : [];
  const agendaGoalIds = body.agendaGoalIds
    ? [...new Set([...(await checkAgendaGoals(ctx, existing.familyId, body.agendaGoalIds, kinds, problems)), ...existing.agendaGoalIds.filter((id) => keptHidden.includes(id))])]
    : undefined;
  refuse(problems);

  const before = await participantsOf(ctx.tx, ctx.municipalityId, existing.id);
  if (body.participants) {
    const byKey = new Map(before.map((p) => [participantKey(p), p]));
    const kept = new Set<string>();
    const added: ParticipantInput[] = [];
    for (const p of body.participants) {
      const match = byKey.get(participantKey(p));
      if (!match) {
        added.push(p);
        continue;
      }
      kept.add(match.id);
      if (p.kind === 'network' && (p.email ?? null) !== match.email) await updateNetworkEmail(ctx.tx, ctx.municipalityId, match.id, p.email ?? null);
    }
    await deleteParticipants(ctx.tx, ctx.municipalityId, existing.id, before.filter((p) => !kept.has(p.id)).map((p) => p.id));
    await insertParticipants(ctx.tx, participantRows(ctx, existing.id, added));
  }
  const row = await updateMeeting(ctx.tx, ctx.municipalityId, existing.id, body.version, {
    title: body.title,
    startsAt,
    endsAt,
    place: body.place === undefined ? undefined : body.place || null,
    onlineUrl: body.onlineUrl,
    agendaGoalIds,
    agendaText: body.agendaText,
    updatedAt: ctx.now,
  });
  if (!row) throw new AppError('meeting_conflict', [], { currentVersion: existing.version });
  await touchFamily(ctx, existing.familyId);
  await audit(ctx, {
    action: 'meeting.update',
    targetType: 'meeting',
    targetId: existing.id,
    personIds: await familyPersonIds(ctx, existing.familyId),
    details: {
      familyId: existing.familyId,
      before: auditView(existing, before),
      after: auditView(row, body.participants ?? before),
      version: row.version,
    },
  });
  return loadMeetingDto(ctx, row, relation, kinds);
}

/** Calls off a planned meeting; its invitation then cancels the calendar entry. */
export async function cancelMeeting(ctx: Ctx, meetingId: string, body: z.infer<typeof CancelMeetingBody>): Promise<MeetingDto> {
  const { meeting: existing, relation, kinds } = await requireMeeting(ctx, meetingId, 'register_intervention', { lock: true });
  if (existing.status !== 'planned') throw new AppError('meeting_closed');
  const row = (await updateMeeting(ctx.tx, ctx.municipalityId, existing.id, null, {
    status: 'cancelled',
    cancelledAt: ctx.now,
    cancelReason: body.reason,
    updatedAt: ctx.now,
  }))!;
  await touchFamily(ctx, existing.familyId);
  await audit(ctx, {
    action: 'meeting.cancel',
    targetType: 'meeting',
    targetId: existing.id,
    personIds: await familyPersonIds(ctx, existing.familyId),
    details: { familyId: existing.familyId, startsAt: existing.startsAt.toISOString(), version: row.version },
  });
  return loadMeetingDto(ctx, row, relation, kinds);
}

/** Schedules the next meeting and links this one to it. */
export async function planNextMeeting(ctx: Ctx, meetingId: string, body: MeetingBody): Promise<MeetingDto> {
  const { meeting: existing, relation, kinds } = await requireMeeting(ctx, meetingId, 'register_intervention', { lock: true });
  if (existing.nextMeetingId) throw new AppError('next_meeting_exists', [], { nextMeetingId: existing.nextMeetingId });
  const problems: FieldProblem[] = [];
  if (new Date(body.startsAt) <= existing.startsAt) problems.push({ path: 'startsAt', message: 'next_meeting_before' });
  const next = await createMeetingRows(ctx, existing.familyId, body, kinds, problems);
  await updateMeeting(ctx.tx, ctx.municipalityId, existing.id, null, { nextMeetingId: next.id, updatedAt: ctx.now });
  await touchFamily(ctx, existing.familyId);
  await audit(ctx, {
    action: 'meeting.create',
    targetType: 'meeting',
    targetId: next.id,
    personIds: await familyPersonIds(ctx, existing.familyId),
    details: { familyId: existing.familyId, previousMeetingId: existing.id, after: auditView(next, body.participants) },
  });
  return loadMeetingDto(ctx, next, relation, kinds);
}
