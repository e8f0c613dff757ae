import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, todayInDenmark } from '../../../shared/dates.js';
import { goalRatingIntervalOf } from '../../../shared/municipality.js';
import type { RaisedTitleKind, TaskOrigin } from '../../../shared/tasks.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import type { Db, Tx } from '../../db/client.js';
import { inTenant } from '../../db/tenant.js';
import { listMunicipalities, type Municipality } from '../setup/municipalities.repository.js';
import {
  closeMetDeadlines,
  consentExpiryCandidates,
  decisionCandidates,
  goalRatingCandidates,
  minutesCandidates,
  planReviewCandidates,
} from './deadlines.repository.js';
import {
  CONSENT_LEAD_DAYS,
  DECISION_LEAD_DAYS,
  MINUTES_GRACE_DAYS,
  PLAN_REVIEW_LEAD_DAYS,
  consentExpiringSoon,
  dedupeKey,
  minutesDue,
  nextRatingDue,
  ratingDue,
  reviewDueSoon,
} from './deadlines.rules.js';
import { insertRaisedTasks, type NewTask } from './tasks.repository.js';

/** What one run raised in one municipality: counts only, no personal data (they go to the audit trail). */
export interface RaisedCounts {
  planReview: number;
  goalRating: number;
  consentExpiry: number;
  meetingFollowUp: number;
  /** Deadlines found with nobody to give them to (no active coordinator or meeting creator); raised on a later run. */
  withoutAssignee: number;
  /** Raised tasks closed because their deadline was met (a new plan version, a rating, a renewed consent, minutes …). */
  closedAsMet: number;
}

export interface MunicipalityRun extends RaisedCounts {
  municipalityId: string;
  /** Another run held this municipality's lock, so this one left it alone. */
  skipped: boolean;
}

/** Keeps a title within the task's limit. */
function clip(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * The Danish title stored with a raised task. The API also sends what it says (`raised`: kind and subject), and the
 * web app writes that in the reader's language (tasks.raised.* in src/web/i18n).
 */
export const RAISED_TITLE_DA: Record<RaisedTitleKind, (subject: string) => string> = {
  plan_review: (version) => `Revidér helhedsplanen (version ${version})`,
  goal_rating: (goal) => `Vurdér målet: ${goal}`,
  consent_expiry: (name) => `Samtykke fra ${name} udløber: forny det eller aftal afslutning`,
  meeting_minutes: (meeting) => `Skriv referat af mødet: ${meeting}`,
  meeting_decision: (decision) => `Følg op på beslutning fra mødet: ${decision}`,
};

/** What a raised task's title says, its subject kept within the title's limit. */
function raised(kind: RaisedTitleKind, subject: string | number): { kind: RaisedTitleKind; subject: string } {
  return { kind, subject: clip(String(subject), 250) };
}

/** A deadline found in the case data, before it becomes a task. */
interface Deadline {
  origin: TaskOrigin;
  key: string;
  assigneeUserId: string | null;
  raised: { kind: RaisedTitleKind; subject: string };
  due: string;
  familyId: string;
  goalId?: string;
  meetingId?: string;
}

/** Every deadline due in one municipality today, from the plans, goals, consents and meetings. */
async function findDeadlines(tx: Tx, m: Municipality, now: Date): Promise<Deadline[]> {
  const today = todayInDenmark(now);
  const out: Deadline[] = [];
  for (const r of await planReviewCandidates(tx, m.id, addDays(today, PLAN_REVIEW_LEAD_DAYS))) {
    if (!reviewDueSoon(r.next_review_date, today)) continue;
    out.push({
      origin: 'plan_review',
      key: dedupeKey.planReview(r.version_id),
      assigneeUserId: r.assignee_user_id,
      raised: raised('plan_review', r.number),
      due: r.next_review_date,
      familyId: r.family_id,
    });
  }
  const months = goalRatingIntervalOf(m.settings);
  for (const r of await goalRatingCandidates(tx, m.id, months, today)) {
    if (!ratingDue(r.last_rating, r.created_at, months, today)) continue;
    const due = nextRatingDue(r.last_rating, r.created_at, months);
    out.push({
      origin: 'goal_rating',
      key: dedupeKey.goalRating(r.goal_id, r.last_rating ?? r.created_at),
      assigneeUserId: r.assignee_user_id,
      raised: raised('goal_rating', r.title),
      due,
      familyId: r.family_id,
      goalId: r.goal_id,
    });
  }
  for (const r of await consentExpiryCandidates(tx, m.id, today, addDays(today, CONSENT_LEAD_DAYS))) {
    if (!consentExpiringSoon(r.expires_at, today)) continue;
    out.push({
      origin: 'consent_expiry',
      key: dedupeKey.consentExpiry(r.consent_id),
      assigneeUserId: r.assignee_user_id,
      raised: raised('consent_expiry', r.given_name),
      due: r.expires_at,
      familyId: r.family_id,
    });
  }
  const endedBefore = new Date(now.getTime() - MINUTES_GRACE_DAYS * 86_400_000);
  for (const r of await minutesCandidates(tx, m.id, endedBefore)) {
    out.push({
      origin: 'meeting_follow_up',
      key: dedupeKey.meetingFollowUp(r.meeting_id),
      assigneeUserId: r.assignee_user_id,
      raised: raised('meeting_minutes', r.title),
      due: minutesDue(new Date(r.ends_at)),
      familyId: r.family_id,
      meetingId: r.meeting_id,
    });
  }
  for (const r of await decisionCandidates(tx, m.id, addDays(today, DECISION_LEAD_DAYS))) {
    out.push({
      origin: 'meeting_follow_up',
      key: dedupeKey.meetingDecision(r.decision_id),
      assigneeUserId: r.assignee_user_id,
      raised: raised('meeting_decision', r.text),
      due: r.due,
      familyId: r.family_id,
      meetingId: r.meeting_id,
    });
  }
  return out;
}

/** Raises one municipality's deadlines in its own tenant transaction; one audit event with the counts. */
async function raiseInMunicipality(db: Db, m: Municipality, now: Date): Promise<MunicipalityRun> {
  return inTenant(db, m.id, async (tx) => {
    const counts: RaisedCounts = { planReview: 0, goalRating: 0, consentExpiry: 0, meetingFollowUp: 0, withoutAssignee: 0, closedAsMet: 0 };
    // Two runs at once (two servers, a restart during the daily run) must not both work a municipality.
    const lock = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${m.id}::text, 7002)) as ok`);
    if (!lock.rows[0]?.ok) return { municipalityId: m.id, skipped: true, ...counts };

    counts.closedAsMet = (await closeMetDeadlines(tx, m.id, now)).length;
    const deadlines = await findDeadlines(tx, m, now);
    const rows: NewTask[] = [];
    for (const d of deadlines) {
      if (!d.assigneeUserId) {
        counts.withoutAssignee++;
        continue;
      }
      rows.push({
        municipalityId: m.id,
        assigneeUserId: d.assigneeUserId,
        title: clip(RAISED_TITLE_DA[d.raised.kind](d.raised.subject)),
        titleKind: d.raised.kind,
        titleSubject: d.raised.subject,
        due: d.due,
        familyId: d.familyId,
        goalId: d.goalId ?? null,
        meetingId: d.meetingId ?? null,
        origin: d.origin,
        dedupeKey: d.key,
        createdBy: null,
        createdAt: now,
      });
    }
    for (const origin of await insertRaisedTasks(tx, rows)) {
      if (origin === 'plan_review') counts.planReview++;
      else if (origin === 'goal_rating') counts.goalRating++;
      else if (origin === 'consent_expiry') counts.consentExpiry++;
      else counts.meetingFollowUp++;
    }
    const ctx: Ctx = { tx, municipalityId: m.id, actor: null, requestId: `deadlines-${randomUUID()}`, lang: 'da', now };
    await audit(ctx, { action: 'tasks.raised', targetType: 'municipality', targetId: m.id, details: { ...counts, today: todayInDenmark(now) } });
    return { municipalityId: m.id, skipped: false, ...counts };
  });
}

/**
 * The daily deadline job: in every municipality, raises a task for each plan review within 14 days, goal rating
 * due (every N months, per municipality), consent expiring within 30 days and meeting follow-up (minutes missing
 * two days after the meeting, a decision with a due date and no owner), and first closes the raised tasks whose
 * deadline has been met since. Idempotent through the tasks' dedupe
 * keys: running it again raises nothing new. All case work runs in each municipality's tenant transaction.
 */
export async function raiseDeadlines(db: Db, now: Date = new Date()): Promise<MunicipalityRun[]> {
  const runs: MunicipalityRun[] = [];
  for (const m of await listMunicipalities(db)) runs.push(await raiseInMunicipality(db, m, now));
  return runs;
}
