/**
 * The daily work on the families of bench/families.seed.ts, for the families benchmark with BENCH_WORK=1:
 * set-based SQL, one INSERT … SELECT per table, as the database owner (bypasses row-level security), then ANALYZE.
 *
 * Per family:
 * - a plan whose version 1 is published (plan_version with a snapshot of the goals and actions; plan.current_version_id
 *   set; draft_version 2), 3–5 goals over the municipality's life domains (some for a member, a few achieved), each with
 *   2–4 goal ratings and 1–2 actions (responsible: the coordinator);
 * - `notesPerFamily` journal notes (default 200) over the last ~2 years, all created more than 24 h ago and finalised,
 *   10 % restricted, a quarter written by a professional of another department, 1–2 members named;
 * - `meetingsPerFamily` meetings (default 20): 17 held in the past (monthly), one cancelled, one or two planned in the
 *   future (the second for half of the families, else a second cancelled one); participants: the coordinator, one or two
 *   members and, for every other meeting, a professional;
 * - 3 open tasks and 2 done ones, assigned to the coordinator.
 */
import type pg from 'pg';

export interface WorkSeedOptions {
  municipalityId: string;
  notesPerFamily: number;
  meetingsPerFamily: number;
  /** For setseed(), in [-1, 1]. */
  seed: number;
}

export interface WorkSeedCounts {
  plans: number;
  planVersions: number;
  goals: number;
  goalRatings: number;
  actions: number;
  notes: number;
  restrictedNotes: number;
  meetings: number;
  futurePlannedMeetings: number;
  participants: number;
  tasks: number;
  openTasks: number;
  seconds: number;
}

export async function seedFamilyWork(client: pg.Client, o: WorkSeedOptions): Promise<WorkSeedCounts> {
  const t0 = Date.now();
  const m = o.municipalityId;
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  const timed = async (label: string, text: string, values: unknown[] = []) => {
    const t = Date.now();
    const r = await q(text, values);
    process.stderr.write(`[bench]   ${label}: ${r.rowCount ?? 0} rows in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  };
  await q('begin');
  await q('select setseed($1)', [o.seed]);

  // Helper tables: the families with their coordinator and members, the professionals, the life domains.
  await q(
    `create temp table w_fam on commit drop as
       select (row_number() over (order by f.id) - 1)::int as n, f.id, f.coordinator_user_id as coord, su.department_id as coord_dept,
              coalesce(f.enrolled_at, current_date - 400) as enrolled,
              gen_random_uuid() as plan_id, gen_random_uuid() as version_id,
              (select array_agg(fm.person_id order by fm.person_id) from family_member fm
                where fm.municipality_id = f.municipality_id and fm.family_id = f.id) as persons
       from family f join staff_user su on su.municipality_id = f.municipality_id and su.id = f.coordinator_user_id
       where f.municipality_id = $1`,
    [m],
  );
  await q(
    `create temp table w_prof on commit drop as
       select (row_number() over (order by email) - 1)::int as k, id, department_id
       from staff_user where municipality_id = $1 and roles = '{professional}'`,
    [m],
  );
  const P = Number((await q('select count(*) from w_prof')).rows[0].count);
  if (P === 0) throw new Error('no professionals to write notes');
  await q(
    `create temp table w_dom on commit drop as
       select (row_number() over (order by sort_order, code) - 1)::int as k, code from life_domain where municipality_id = $1 and active`,
    [m],
  );
  const D = Number((await q('select count(*) from w_dom')).rows[0].count);

  // ---- Plans, goals, ratings, actions, the published version.
  await timed(
    'plan',
    `insert into plan (municipality_id, id, family_id, start_date, draft_version, current_version_id, created_at, updated_at)
     select $1::uuid, f.plan_id, f.id, greatest(f.enrolled, current_date - 700), 2, f.version_id,
            greatest(f.enrolled, current_date - 700)::timestamptz + interval '10 hours', now() - interval '30 days'
     from w_fam f`,
    [m],
  );
  await q(
    `create temp table w_goal on commit drop as
       select f.n, f.id as family_id, f.plan_id, f.coord, g, gen_random_uuid() as id,
              case when g % 2 = 1 then f.persons[1 + (f.n + g) % cardinality(f.persons)] end as person_id,
              (select code from w_dom where k = (f.n + g * 3) % $1::int) as domain,
              greatest(f.enrolled, current_date - 700) as created
       from w_fam f cross join lateral generate_series(0, 2 + f.n % 3) g`,
    [D],
  );
  await timed(
    'plan_goal',
    `insert into plan_goal (municipality_id, id, plan_id, family_id, person_id, domain, horizon, title, success_criterion, target_date,
                            status, sort_order, created_at, created_in_draft, changed_in_draft, changed_by)
     select $1::uuid, g.id, g.plan_id, g.family_id, g.person_id, g.domain, case when g.g % 3 = 2 then 'long' else 'short' end,
            (array['Stabil hverdag og faste rutiner','Kommer i skole hver dag','Tættere på job eller uddannelse','Styr på økonomien',
                   'Bedre trivsel i familien'])[1 + (g.n + g.g) % 5],
            'Familien og koordinatoren vurderer sammen, at målet er nået', g.created + 180 + g.g * 60,
            case when g.g = 4 then 'achieved' else 'active' end, g.g * 10, g.created, 1, 1, g.coord
     from w_goal g`,
    [m],
  );
  await timed(
    'goal_rating',
    `insert into goal_rating (municipality_id, goal_id, family_id, "date", value, respondent, recorded_by, created_at)
     select $1::uuid, g.id, g.family_id, d, 1 + floor(random() * 10)::int,
            (array['family','coordinator','professional'])[1 + floor(random() * 3)::int], g.coord, d::timestamptz + interval '13 hours'
     from w_goal g
     cross join lateral generate_series(0, 1 + (g.n + g.g) % 3) r
     cross join lateral (select least(current_date - 1, g.created + 30 + r * 90) as d) x`,
    [m],
  );
  await timed(
    'plan_action',
    `insert into plan_action (municipality_id, goal_id, what, responsible, due, done_at, sort_order, created_in_draft, changed_in_draft, changed_by)
     select $1::uuid, g.id, (array['Ugentlig samtale med familien','Kontakt til skolen','Møde med jobcentret','Budget gennemgås'])[1 + (g.g + a) % 4],
            jsonb_build_object('kind', 'staff', 'userId', g.coord), g.created + 60 + a * 30,
            case when a = 0 and g.g % 2 = 0 then g.created + 50 end, a * 10, 1, 1, g.coord
     from w_goal g cross join lateral generate_series(0, g.n % 2) a`,
    [m],
  );
  await timed(
    'plan_version',
    `insert into plan_version (municipality_id, id, plan_id, number, snapshot, next_review_date, note, published_by, published_at)
     select $1::uuid, f.version_id, f.plan_id, 1,
            jsonb_build_object('baseline', '[]'::jsonb, 'goals', coalesce((
              select jsonb_agg(jsonb_build_object(
                       'id', pg.id, 'personId', pg.person_id, 'domain', pg.domain, 'horizon', pg.horizon, 'title', pg.title,
                       'successCriterion', pg.success_criterion, 'targetDate', pg.target_date, 'status', 'active', 'gas', null,
                       'legalRequirement', null,
                       'actions', coalesce((select jsonb_agg(jsonb_build_object('id', pa.id, 'what', pa.what, 'responsible', pa.responsible,
                                                                                'due', pa.due, 'doneAt', null) order by pa.sort_order)
                                            from plan_action pa where pa.municipality_id = pg.municipality_id and pa.goal_id = pg.id), '[]'::jsonb))
                     order by pg.sort_order)
              from plan_goal pg where pg.municipality_id = $1 and pg.plan_id = f.plan_id), '[]'::jsonb)),
            current_date + 30 + f.n % 150, 'Første handleplan', f.coord, now() - interval '30 days'
     from w_fam f`,
    [m],
  );

  // ---- Journal notes: all older than 24 h (finalised), spread over about two years, newest first by i.
  await timed(
    'journal_note',
    `insert into journal_note (municipality_id, family_id, author_id, author_department_id, type, occurred_at, text, person_ids, goal_ids,
                               restricted, created_at, updated_at, finalised_at)
     select $1::uuid, x.family_id, x.author, x.dept, x.type, x.at,
            format('Notat %s: %s Aftalt at følge op ved næste møde; familien oplever fremgang, men der er stadig udfordringer med %s.',
                   x.i, (array['Samtale med mor om hverdagen og børnenes skolegang.','Hjemmebesøg; god stemning, børnene var hjemme.',
                                'Telefonsamtale med far om praktikken og transporten dertil.','Møde med skolen om fravær og trivsel.',
                                'SMS-korrespondance om aflysning og ny tid.'])[1 + x.i % 5],
                   (array['økonomien','søvnen','fraværet','boligen'])[1 + (x.n + x.i) % 4]),
            x.persons[1:1 + x.i % 2], '{}'::uuid[], x.i % 10 = 3,
            x.at + interval '2 hours', x.at + interval '2 hours', x.at + interval '26 hours'
     from (
       select f.n, f.id as family_id, f.persons, i,
              case when i % 4 = 1 then p.id else f.coord end as author,
              case when i % 4 = 1 then p.department_id else f.coord_dept end as dept,
              (array['samtale','hjemmebesoeg','telefon','moede','sms','andet'])[1 + (i + f.n) % 6] as type,
              now() - interval '2 days' - (i * 3.5 + random() * 3) * interval '1 day' as at
       from w_fam f
       cross join lateral generate_series(0, $2::int - 1) i
       join w_prof p on p.k = (f.n * 3 + i) % $3::int
     ) x`,
    [m, o.notesPerFamily, P],
  );

  // ---- Meetings: monthly in the past (held), one cancelled, 1–2 planned in the future.
  const M = o.meetingsPerFamily;
  await timed(
    'meeting',
    `insert into meeting (municipality_id, family_id, title, starts_at, ends_at, place, online_url, agenda_goal_ids, agenda_text, minutes,
                          status, version, created_by, created_at, updated_at, cancelled_at, cancel_reason)
     select $1::uuid, f.id, x.title, x.starts, x.starts + interval '90 minutes',
            case when j % 3 = 0 then null else 'Familiehuset, Søborg Hovedgade 1' end,
            case when j % 3 = 0 then 'https://meet.example/helhed-' || f.n else null end,
            '{}'::uuid[], 'Status på handleplanen; næste skridt', case when x.status = 'held' then 'Referat: status gennemgået, aftaler noteret.' else '' end,
            x.status, 1, f.coord, x.starts - interval '14 days', x.starts - interval '14 days',
            case when x.status = 'cancelled' then x.starts - interval '2 days' end,
            case when x.status = 'cancelled' then 'Familien var syg' end
     from w_fam f
     cross join lateral generate_series(0, $2::int - 1) j
     cross join lateral (
       select case when j < $2::int - 2 then date_trunc('hour', now()) - ($2::int - 2 - j) * interval '30 days' + interval '1 hour' * (f.n % 5)
                   when j = $2::int - 2 then date_trunc('day', now()) + (3 + f.n % 20) * interval '1 day' + interval '9 hours'
                   when f.n % 2 = 0 then date_trunc('day', now()) + (40 + f.n % 20) * interval '1 day' + interval '13 hours'
                   else date_trunc('hour', now()) - interval '45 days' end as starts,
              case when j < $2::int - 2 then (case when j = 5 then 'cancelled' else 'held' end)
                   when j = $2::int - 2 then 'planned'
                   when f.n % 2 = 0 then 'planned'
                   else 'cancelled' end as status,
              case when j = 0 then 'Første netværksmøde' else 'Opfølgningsmøde' end as title
     ) x`,
    [m, M],
  );
  await timed(
    'meeting_participant',
    `insert into meeting_participant (municipality_id, meeting_id, kind, person_id, user_id, name, relation, email, attended)
     select $1::uuid, mt.id, p.kind, p.person_id, p.user_id, null, null, null,
            case when mt.status = 'held' then true end
     from meeting mt
     join w_fam f on f.id = mt.family_id
     cross join lateral (
       select 'staff' as kind, null::uuid as person_id, f.coord as user_id
       union all
       select 'member', pid, null from unnest(f.persons[1:2]) pid
       union all
       select 'staff', null, (select id from w_prof where k = (f.n + extract(epoch from mt.starts_at)::bigint / 86400) % $2::int)
       where extract(epoch from mt.starts_at)::bigint / 86400 % 2 = 0
     ) p
     where mt.municipality_id = $1`,
    [m, P],
  );

  // ---- Tasks: 3 open, 2 done.
  await timed(
    'task',
    `insert into task (municipality_id, assignee_user_id, title, description, due, family_id, origin, status, created_by, created_at, completed_at)
     select $1::uuid, f.coord, (array['Ring til skolen','Send referat','Forbered opfølgning på handleplanen','Bestil tolk','Følg op på samtykke'])[1 + t],
            '', current_date + (t - 2) * 7 + f.n % 7, f.id, (array['manual','meeting_decision','plan_review','manual','consent_expiry'])[1 + t],
            case when t < 3 then 'open' else 'done' end, f.coord, now() - interval '20 days',
            case when t >= 3 then now() - interval '5 days' end
     from w_fam f cross join lateral generate_series(0, 4) t`,
    [m],
  );
  await q('commit');
  const ta = Date.now();
  await q('analyze');
  process.stderr.write(`[bench]   analyze in ${((Date.now() - ta) / 1000).toFixed(1)} s\n`);

  const count = async (table: string, where = '') => Number((await q(`select count(*) from ${table} where municipality_id = $1 ${where}`, [m])).rows[0].count);
  return {
    plans: await count('plan', 'and current_version_id is not null'),
    planVersions: await count('plan_version'),
    goals: await count('plan_goal'),
    goalRatings: await count('goal_rating'),
    actions: await count('plan_action'),
    notes: await count('journal_note'),
    restrictedNotes: await count('journal_note', 'and restricted'),
    meetings: await count('meeting'),
    futurePlannedMeetings: await count('meeting', `and status = 'planned' and starts_at > now()`),
    participants: await count('meeting_participant'),
    tasks: await count('task'),
    openTasks: await count('task', `and status = 'open'`),
    seconds: (Date.now() - t0) / 1000,
  };
}
