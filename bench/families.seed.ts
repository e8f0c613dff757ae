/**
 * Seeds a municipality for the families benchmark with set-based SQL: one INSERT … SELECT over
 * generate_series per table (plus a few temporary helper tables), as the database owner, who bypasses
 * row-level security. Deterministic for a given seed (setseed), apart from the generated uuids.
 *
 * What it makes, in a municipality that `helhed setup` created (with its default departments) and in which
 * the logged-in coordinator was created with `helhed create-user`:
 * - `coordinators − 1` more coordinators in the children_family department (the logged-in one is the first),
 *   and `professionals` professionals spread over all departments (the families' team members);
 * - `families` active families, enrolled over the last 10 years, each with 3–5 members (1–2 parents, children,
 *   sometimes an "other" adult such as a grandparent); persons with a valid CPR (century rule, real date;
 *   the last digit's parity is the sex) or, for about 6 %, none; custody of every child held by its parents;
 *   a consent per parent covering the coordinator's and the team's departments; coordinator assignments (about
 *   a fifth with an earlier coordinator); status history referred → assessing → active (a tenth paused and
 *   resumed once); 1–2 team members;
 * - an intervention catalogue of 11 types over 6 departments and about 5 interventions per family, current,
 *   ended and planned, some overlapping (same person and category), hourly ones with hours per week.
 *
 * Family i (0-based, in creation order) is coordinated by coordinator i mod `coordinators`: the logged-in one
 * coordinates every `coordinators`-th family (150 of 3,000).
 */
import type pg from 'pg';

export interface SeedOptions {
  municipalityCode: string;
  /** The logged-in coordinator, already created (with the CLI) in the children_family department. */
  loginEmail: string;
  families: number;
  coordinators: number;
  professionals: number;
  /** For setseed(), in [-1, 1]. */
  seed: number;
}

export interface SeedCounts {
  municipalityId: string;
  loginUserId: string;
  staffUsers: number;
  coordinators: number;
  families: number;
  familiesOfLoginUser: number;
  persons: number;
  personsWithoutCpr: number;
  familyMembers: number;
  custody: number;
  consents: number;
  coordinatorAssignments: number;
  statusEvents: number;
  teamMembers: number;
  interventionTypes: number;
  interventions: number;
  interventionsRunningToday: number;
  seconds: number;
}

const GIVEN_F = ['Anna', 'Sofie', 'Maria', 'Mette', 'Camilla', 'Louise', 'Fatima', 'Amira', 'Line', 'Julie', 'Emma', 'Ida', 'Clara', 'Freja', 'Olga', 'Hanne', 'Nadia', 'Sara', 'Leila', 'Karen'];
const GIVEN_M = ['Mads', 'Peter', 'Jens', 'Lars', 'Ahmed', 'Omar', 'Mikkel', 'Rasmus', 'Jonas', 'Oliver', 'William', 'Noah', 'Lucas', 'Emil', 'Ali', 'Thomas', 'Henrik', 'Yusuf', 'Karl', 'Viktor'];
const FAMILY = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Hussein', 'Ali', 'Yilmaz', 'Kowalski', 'Mohamed', 'Poulsen', 'Johansen', 'Møller', 'Mortensen'];
const STREETS = ['Søborg Hovedgade', 'Gladsaxevej', 'Buddinge Hovedgade', 'Vandtårnsvej', 'Mørkhøj Bygade', 'Høje Gladsaxe', 'Bagsværd Hovedgade', 'Kildebakkegårds Allé'];

/** Text array literal for SQL. */
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export async function seedFamilies(client: pg.Client, o: SeedOptions): Promise<SeedCounts> {
  const t0 = Date.now();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  const one = async <T = number>(text: string, values: unknown[] = []): Promise<T> => Object.values((await q(text, values)).rows[0] as object)[0] as T;

  const m = await one<string>('select id from municipality where code = $1', [o.municipalityCode]);
  const C = o.coordinators;
  const F = o.families;
  const P = o.professionals;
  await q('begin');
  await q('select setseed($1)', [o.seed]);

  // ---- Staff: more coordinators in the coordinators' unit, professionals in every department.
  await q(
    `insert into staff_user (municipality_id, email, name, roles, profession, department_id, language)
     select $1::uuid, format('koordinator%s@kommune.example', lpad(g::text, 2, '0')), format('Koordinator %s', g), '{coordinator}',
            'Familiekoordinator', d.id, 'da'
     from generate_series(2, $2::int) g
     join department d on d.municipality_id = $1 and d.code = 'children_family'`,
    [m, C],
  );
  await q(
    `create temp table b_dept on commit drop as
       select id, code, (row_number() over (order by code) - 1)::int as k from department where municipality_id = $1`,
    [m],
  );
  await q(
    `insert into staff_user (municipality_id, email, name, roles, profession, department_id, language)
     select $1::uuid, format('fagperson%s@kommune.example', lpad(g::text, 2, '0')), format('Fagperson %s', g), '{professional}',
            case d.code when 'jobcenter' then 'Jobkonsulent' when 'children_family' then 'Socialrådgiver'
                        when 'health_visitors' then 'Sundhedsplejerske' when 'daycare_school' then 'Lærer'
                        when 'adult_disability' then 'Bostøttemedarbejder' else 'Ydelsesrådgiver' end,
            d.id, 'da'
     from generate_series(1, $2::int) g
     join b_dept d on d.k = g % (select count(*) from b_dept)`,
    [m, P],
  );
  // The coordinators, the logged-in one first (k = 0).
  await q(
    `create temp table b_coord on commit drop as
       select (row_number() over (order by email <> $2, email) - 1)::int as k, id
       from staff_user where municipality_id = $1 and 'coordinator' = any(roles)`,
    [m, o.loginEmail.toLowerCase()],
  );
  const coordCount = await one<string>('select count(*) from b_coord');
  if (Number(coordCount) !== C) throw new Error(`expected ${C} coordinators, found ${coordCount}`);
  await q(
    `create temp table b_prof on commit drop as
       select (row_number() over (order by email) - 1)::int as k, id, department_id
       from staff_user where municipality_id = $1 and roles = '{professional}'`,
    [m],
  );

  // ---- Families: sizes, dates, coordinator (one row per family, with its random draws).
  await q(
    `create temp table b_family on commit drop as
     select n, gen_random_uuid() as id, size, parents, others, size - parents - others as children, enrolled,
            enrolled - (10 + floor(r5 * 80))::int as referred,
            case when r6 < 0.2 and current_date - enrolled > 90
                 then enrolled + 15 + floor((current_date - enrolled - 30) * r7)::int end as handover,
            case when r8 < 0.1 and current_date - enrolled > 200
                 then enrolled + 30 + floor((current_date - enrolled - 150) * r9)::int end as paused_on,
            (select id from b_coord where k = n % $2::int) as coordinator,
            floor(r10 * ${FAMILY.length})::int as name_ix,
            r11 < 0.02 as protected,
            case when r12 < 0.85 then 'da' else (array['ar','so','tr','uk','pl','fa'])[1 + floor(r13 * 6)::int] end as lang,
            format('%s %s, 2860 Søborg', (${arr(STREETS)})[1 + floor(r14 * ${STREETS.length})::int], 1 + floor(r15 * 180)::int) as address,
            2 + floor(r16 * 7)::int as interventions
     from (
       select n, 3 + floor(random() * 3)::int as size, case when random() < 0.65 then 2 else 1 end as parents, random() as r3,
              current_date - floor(random() * 3652)::int as enrolled,
              random() r5, random() r6, random() r7, random() r8, random() r9, random() r10, random() r11, random() r12, random() r13,
              random() r14, random() r15, random() r16
       from generate_series(0, $1::int - 1) n
     ) x
     cross join lateral (select case when x.r3 < 0.15 and x.size - x.parents >= 2 then 1 else 0 end as others) o`,
    [F, C],
  );
  await q('alter table b_family add primary key (n)');
  await q(
    `insert into family (municipality_id, id, status, referred_at, enrolled_at, coordinator_user_id, version, created_at, updated_at)
     select $1::uuid, id, 'active', referred, enrolled, coordinator,
            3 + case when handover is not null then 1 else 0 end + case when paused_on is not null then 2 else 0 end,
            referred::timestamptz + interval '9 hours', now() - random() * interval '120 days'
     from b_family`,
    [m],
  );

  // ---- Persons: parents first, then children, then an "other" adult.
  await q(
    `create temp table b_person on commit drop as
     select f.n, f.id as family_id, i as idx, gen_random_uuid() as id, role, birth, sex, f.name_ix, f.lang, f.protected, f.address, f.enrolled,
            random() < 0.06 as no_cpr, random() as r1, random() as r2
     from b_family f
     cross join lateral generate_series(0, f.size - 1) i
     cross join lateral (select case when i < f.parents then 'parent' when i < f.parents + f.children then 'child' else 'other' end as role) r
     cross join lateral (
       select case r.role
                when 'parent' then f.enrolled - floor((20 + random() * 25) * 365.25)::int
                when 'child' then least(current_date - 30, f.enrolled - floor((random() * 18 - 2) * 365.25)::int)
                else f.enrolled - floor((40 + random() * 30) * 365.25)::int end as birth,
              case when r.role = 'parent' then (case when i = 0 then 'female' else 'male' end)
                   when random() < 0.5 then 'female' else 'male' end as sex
     ) b`,
  );
  await q(
    `insert into person (municipality_id, id, cpr, given_name, family_name, birth_date, sex, preferred_language, interpreter_needed,
                         phone, email, address, protected_address, created_at, updated_at)
     select $1::uuid, p.id,
            case when p.no_cpr then null
                 when extract(year from p.birth) < 2000
                   then to_char(p.birth, 'DDMMYY') || lpad((2 * p.k + (p.sex = 'male')::int)::text, 4, '0')
                 else to_char(p.birth, 'DDMMYY') || '4' || lpad((2 * p.k + (p.sex = 'male')::int)::text, 3, '0') end,
            case when p.sex = 'female' then (${arr(GIVEN_F)})[1 + floor(p.r1 * ${GIVEN_F.length})::int]
                 else (${arr(GIVEN_M)})[1 + floor(p.r1 * ${GIVEN_M.length})::int] end,
            (${arr(FAMILY)})[1 + (p.name_ix + case when p.idx = 1 and p.r2 < 0.3 then 7 else 0 end) % ${FAMILY.length}],
            p.birth, p.sex, p.lang, p.lang <> 'da' and p.role <> 'child' and p.r2 < 0.5,
            case when p.role <> 'child' then format('+45 %s', 20000000 + floor(p.r2 * 79999999)::int) end,
            case when p.role = 'parent' then format('forælder%s.%s@post.example', p.n, p.idx) end,
            p.address, p.protected,
            p.enrolled::timestamptz, p.enrolled::timestamptz
     from (select b.*, (row_number() over (partition by b.birth, b.sex order by b.id) - 1)::int as k from b_person b) p`,
    [m],
  );
  await q(
    `insert into family_member (municipality_id, family_id, person_id, role, "from", "to")
     select $1::uuid, p.family_id, p.id, p.role, f.referred, null
     from b_person p join b_family f on f.n = p.n`,
    [m],
  );
  await q(
    `insert into custody (municipality_id, family_id, child_person_id, holder_person_id)
     select $1::uuid, c.family_id, c.id, h.id
     from b_person c join b_person h on h.n = c.n and h.role = 'parent'
     where c.role = 'child'`,
    [m],
  );

  // ---- Team: 1–2 professionals per family (distinct), from their own departments.
  await q(
    `insert into team_member (municipality_id, family_id, user_id, department_id, role, "from", "to", created_at)
     select $1::uuid, f.id, p.id, p.department_id,
            case d.code when 'jobcenter' then 'Jobkonsulent' when 'children_family' then 'Rådgiver'
                        when 'health_visitors' then 'Sundhedsplejerske' when 'daycare_school' then 'Kontaktlærer'
                        when 'adult_disability' then 'Bostøtte' else 'Ydelsesrådgiver' end,
            least(current_date, f.enrolled + floor(random() * 60)::int),
            case when random() < 0.1 and current_date - f.enrolled > 400 then current_date - floor(random() * 200)::int end,
            f.enrolled::timestamptz
     from b_family f
     cross join lateral generate_series(0, case when f.n % 2 = 0 then 1 else 0 end) j
     join b_prof p on p.k = (f.n * 7 + j * 11) % $2::int
     join b_dept d on d.id = p.department_id`,
    [m, P],
  );

  // ---- Consent: one per custody holder (parent), covering the coordinator's and the team's departments.
  await q(
    `insert into consent (municipality_id, family_id, person_id, scope, given_at, expires_at, how_given, recorded_by, created_at)
     select $1::uuid, f.id, p.id,
            jsonb_build_object(
              'departmentIds', (select jsonb_agg(distinct x.d) from (
                                  select (select id from b_dept where code = 'children_family') as d
                                  union all
                                  select tm.department_id from team_member tm where tm.municipality_id = $1 and tm.family_id = f.id) x),
              'kinds', '["family_situation","child_welfare","employment","economy","school_daycare"]'::jsonb),
            f.enrolled - 3,
            case when random() < 0.4 then null else current_date + 30 + floor(random() * 870)::int end,
            (array['written','written','written','digital','digital','oral'])[1 + floor(random() * 6)::int],
            f.coordinator, (f.enrolled - 3)::timestamptz + interval '11 hours'
     from b_person p join b_family f on f.n = p.n
     where p.role = 'parent'`,
    [m],
  );

  // ---- Coordinator history: an earlier coordinator for about a fifth, then the current one.
  await q(
    `insert into coordinator_assignment (municipality_id, family_id, user_id, "from", "to", by_user_id, reason, at)
     select $1::uuid, f.id, prev.id, f.referred, f.handover - 1, prev.id, null, f.referred::timestamptz + interval '9 hours'
     from b_family f join b_coord prev on prev.k = (f.n + 7) % $2::int
     where f.handover is not null
     union all
     select $1::uuid, f.id, f.coordinator, coalesce(f.handover, f.referred), null, f.coordinator,
            case when f.handover is not null then 'Omfordeling af sagsstammer' end,
            coalesce(f.handover, f.referred)::timestamptz + interval '10 hours'
     from b_family f`,
    [m, C],
  );

  // ---- Status history.
  await q(
    `insert into family_status_event (municipality_id, family_id, from_status, to_status, "date", reason, by_user_id, at)
     select $1::uuid, f.id, e.from_status, e.to_status, e.d, e.reason, f.coordinator, e.d::timestamptz + interval '12 hours'
     from b_family f
     cross join lateral (values
       (null, 'referred', f.referred, 'Henvisning modtaget'),
       ('referred', 'assessing', f.referred + 5, 'Visiteret til afklaring'),
       ('assessing', 'active', f.enrolled, 'Samtykke fra alle med forældremyndighed'),
       ('active', 'paused', f.paused_on, 'Familien ønsker en pause'),
       ('paused', 'active', f.paused_on + 45, 'Forløbet genoptages')
     ) as e(from_status, to_status, d, reason)
     where e.d is not null and e.d <= current_date`,
    [m],
  );

  // ---- The intervention catalogue.
  await q(
    `insert into intervention_type (municipality_id, code, name, category, department_id, legal_basis, price_amount, price_per, valid_from)
     select $1::uuid, t.code, t.name, t.category, d.id, t.basis, t.amount, t.per, date '2010-01-01'
     from (values
       ('mentor', 'Mentorstøtte', 'employment_support', 'jobcenter', 'LAB § 31', 425, 'hour'),
       ('praktik', 'Virksomhedspraktik', 'employment_support', 'jobcenter', 'LAB § 42', 1450, 'week'),
       ('ressourceforloeb', 'Ressourceforløb', 'employment_support', 'jobcenter', 'LAB § 68 a', 96000, 'year'),
       ('familiebehandling', 'Familiebehandling', 'family_support', 'children_family', 'Barnets lov § 32, stk. 1, nr. 3', 27500, 'month'),
       ('aflastning', 'Aflastningsophold', 'family_support', 'children_family', 'Barnets lov § 32, stk. 1, nr. 5', 2150, 'day'),
       ('kontaktperson', 'Fast kontaktperson', 'mentoring', 'children_family', 'Barnets lov § 32, stk. 1, nr. 7', 395, 'hour'),
       ('psykolog', 'Psykologsamtaler', 'therapy', 'children_family', 'Barnets lov § 32, stk. 1, nr. 3', 1050, 'hour'),
       ('sundhedspleje', 'Ekstra sundhedsplejebesøg', 'health', 'health_visitors', 'Sundhedsloven § 120', 2400, 'once'),
       ('skolestoette', 'Støttetimer i skole og dagtilbud', 'daycare_school', 'daycare_school', 'Folkeskoleloven § 3 a', 8900, 'month'),
       ('bostoette', 'Socialpædagogisk bostøtte', 'housing', 'adult_disability', 'Serviceloven § 85', 510, 'hour'),
       ('gaeld', 'Gælds- og budgetrådgivning', 'economy', 'benefits', 'Serviceloven § 10', 6500, 'once')
     ) as t(code, name, category, dept, basis, amount, per)
     join b_dept d on d.code = t.dept`,
    [m],
  );

  // ---- Interventions: 2–8 per family (about 5); the first is family treatment for the whole family, the rest
  // for a member, of a type that suits the member (adults: employment, therapy, housing, debt; children:
  // relief, contact person, therapy, school support, health visits). Most start after enrolment, some before.
  await q(
    `insert into intervention (municipality_id, family_id, person_id, type_id, department_id, provider, "from", "to",
                               price_amount, price_per, hours_per_week, created_by, created_at, updated_at)
     select $1::uuid, x.family_id, x.person_id, t.id, t.department_id,
            case when x.r_prov < 0.5 then 'Kommunal drift'
                 else (array['Mentorhuset ApS','Familiecentret Nord','Psykologhuset Søborg','Bostøtten I/S','Budgetrådgivningen'])[1 + floor(x.r_prov * 10)::int % 5] end,
            x.start,
            case when t.price_per = 'once' then x.start
                 when x.r_end < 0.45 then null
                 when x.r_end < 0.85 then x.start + 30 + floor(x.r_len * 510)::int
                 else greatest(x.start, current_date) + 30 + floor(x.r_len * 335)::int end,
            case when x.r_price < 0.15 then round((t.price_amount * (0.85 + x.r_price * 2))::numeric, 0)::float8 else t.price_amount end,
            t.price_per,
            case when t.price_per = 'hour' then 2 + floor(x.r_hours * 20) / 2.0 end,
            x.coordinator, x.start::timestamptz, x.start::timestamptz
     from (
       select f.id as family_id, f.coordinator, j,
              case when j = 0 then null else p.id end as person_id,
              case when j = 0 then 'familiebehandling'
                   when p.role = 'child' then (array['aflastning','kontaktperson','psykolog','skolestoette','sundhedspleje'])[1 + floor(random() * 5)::int]
                   else (array['mentor','praktik','ressourceforloeb','psykolog','bostoette','gaeld'])[1 + floor(random() * 6)::int] end as type_code,
              least(current_date, case when random() < 0.15 then f.enrolled - floor(random() * 700)::int
                                       else f.enrolled + floor(random() * (current_date - f.enrolled))::int end) as start,
              random() as r_end, random() as r_len, random() as r_price, random() as r_hours, random() as r_prov
       from b_family f
       cross join lateral generate_series(0, f.interventions - 1) j
       left join lateral (select id, role from b_person bp where bp.n = f.n and j > 0 order by bp.idx offset (j * 7 + f.n) % f.size limit 1) p on true
     ) x
     join intervention_type t on t.municipality_id = $1 and t.code = x.type_code`,
    [m],
  );
  await q('commit');
  await q('analyze');

  const count = (table: string, where = '') => one<string>(`select count(*) from ${table} where municipality_id = $1 ${where}`, [m]).then(Number);
  const loginUserId = await one<string>('select id from staff_user where municipality_id = $1 and email = $2', [m, o.loginEmail.toLowerCase()]);
  return {
    municipalityId: m,
    loginUserId,
    staffUsers: await count('staff_user'),
    coordinators: await count('staff_user', `and 'coordinator' = any(roles)`),
    families: await count('family', `and status = 'active'`),
    familiesOfLoginUser: await count('family', `and coordinator_user_id = '${loginUserId}'`),
    persons: await count('person'),
    personsWithoutCpr: await count('person', 'and cpr is null'),
    familyMembers: await count('family_member'),
    custody: await count('custody'),
    consents: await count('consent'),
    coordinatorAssignments: await count('coordinator_assignment'),
    statusEvents: await count('family_status_event'),
    teamMembers: await count('team_member'),
    interventionTypes: await count('intervention_type'),
    interventions: await count('intervention'),
    interventionsRunningToday: await count('intervention', `and "from" <= current_date and ("to" is null or "to" >= current_date)`),
    seconds: (Date.now() - t0) / 1000,
  };
}

/**
 * History in the audit trail, as a municipality has it after months of use: `rows` events over the last
 * year, 70 % `family.read` of a random family naming its members, 20 % other actions on a family, 10 %
 * `caseload.read`. 1 % of the families (the last by id) get none, like families nobody has opened lately. Their hashes are placeholders: `helhed audit verify` would report the chain broken at the
 * first of them (the server only reads the last row's hash to chain the next one).
 */
export async function seedAuditHistory(client: pg.Client, municipalityCode: string, rows: number): Promise<number> {
  const t0 = Date.now();
  const m = (await client.query('select id from municipality where code = $1', [municipalityCode])).rows[0].id as string;
  await client.query('begin');
  await client.query(
    `create temp table b_fam on commit drop as
       select (row_number() over (order by f.id) - 1)::int as k, f.id::text as id, f.coordinator_user_id as coordinator,
              (select array_agg(fm.person_id) from family_member fm where fm.municipality_id = f.municipality_id and fm.family_id = f.id) as persons
       from family f where f.municipality_id = $1`,
    [m],
  );
  // Placeholder hashes, so the audit triggers (migration 0014) are off for this one bulk insert, in its transaction.
  await client.query('alter table audit_event disable trigger user');
  await client.query(
    `insert into audit_event (municipality_id, occurred_at, actor_user_id, actor_role, action, target_type, target_id, person_ids,
                              outcome, details, request_id, prev_hash, hash)
     select $1::uuid, x.at, f.coordinator, 'coordinator',
            case when x.r < 0.7 then 'family.read' when x.r < 0.9 then (array['family.update','intervention.create','consent.record','team.add'])[1 + floor(x.r2 * 4)::int]
                 else 'caseload.read' end,
            case when x.r < 0.9 then 'family' end, case when x.r < 0.9 then f.id end,
            case when x.r < 0.7 then f.persons else '{}' end,
            'success', case when x.r < 0.7 then '{"relation":"coordinator"}'::jsonb else '{}'::jsonb end,
            'bench-history', 'bench-history', 'bench-history'
     from (select g, now() - interval '365 days' + (g::float8 / $2) * interval '365 days' as at, random() as r, random() as r2,
                  floor(random() * floor(0.99 * (select count(*) from b_fam)))::int as k
           from generate_series(0, $2::int - 1) g) x
     join b_fam f on f.k = x.k
     order by x.g`,
    [m, rows],
  );
  await client.query('alter table audit_event enable trigger user');
  await client.query('commit');
  await client.query('analyze audit_event');
  return (Date.now() - t0) / 1000;
}
