import { and, asc, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../shared/dates.js';
import type { Tx } from '../../db/client.js';
import { department } from '../admin/departments.table.js';
import { intervention, interventionType } from './interventions.table.js';
import { cachedQuery } from '../../db/prepared.js';

export type InterventionRow = typeof intervention.$inferSelect;

/** An intervention with the names the family overview shows next to it. */
export interface InterventionView extends InterventionRow {
  typeName: string;
  category: string;
  legalBasis: string | null;
  departmentName: string;
}

const viewColumns = {
  row: intervention,
  typeName: interventionType.name,
  category: interventionType.category,
  legalBasis: interventionType.legalBasis,
  departmentName: department.name,
};

function viewQuery(tx: Tx) {
  return tx
    .select(viewColumns)
    .from(intervention)
    .innerJoin(interventionType, and(eq(interventionType.municipalityId, intervention.municipalityId), eq(interventionType.id, intervention.typeId)))
    .innerJoin(department, and(eq(department.municipalityId, intervention.municipalityId), eq(department.id, intervention.departmentId)));
}

function toView(r: { row: InterventionRow; typeName: string; category: string; legalBasis: string | null; departmentName: string }): InterventionView {
  return { ...r.row, typeName: r.typeName, category: r.category, legalBasis: r.legalBasis, departmentName: r.departmentName };
}

// The family overview runs this at every read: built once, a named statement (db/prepared.ts).
const familyInterventionsQuery = cachedQuery<{ m: string; familyId: string }, ReturnType<typeof familyInterventionsBuilder>>(familyInterventionsBuilder);
function familyInterventionsBuilder(tx: Tx) {
  return viewQuery(tx)
    .where(and(eq(intervention.municipalityId, sql.placeholder('m')), eq(intervention.familyId, sql.placeholder('familyId'))))
    .orderBy(asc(intervention.from), asc(intervention.id));
}

/** Every intervention of one family, with names, oldest start first: one indexed query. */
export async function listFamilyInterventions(tx: Tx, municipalityId: string, familyId: string): Promise<InterventionView[]> {
  const rows = await familyInterventionsQuery(tx, { m: municipalityId, familyId });
  return rows.map(toView);
}

export async function findInterventionView(tx: Tx, municipalityId: string, familyId: string, id: string): Promise<InterventionView | undefined> {
  const [row] = await viewQuery(tx)
    .where(and(eq(intervention.municipalityId, municipalityId), eq(intervention.familyId, familyId), eq(intervention.id, id)))
    .limit(1);
  return row && toView(row);
}

export async function insertIntervention(tx: Tx, values: typeof intervention.$inferInsert): Promise<InterventionRow> {
  const [row] = await tx.insert(intervention).values(values).returning();
  return row!;
}

/** Writes the change only if nobody changed the intervention since `version`; undefined when someone did. */
export async function updateInterventionAtVersion(
  tx: Tx,
  municipalityId: string,
  id: string,
  version: number,
  values: Partial<typeof intervention.$inferInsert>,
): Promise<InterventionRow | undefined> {
  const [row] = await tx
    .update(intervention)
    .set({ ...values, version: sql`${intervention.version} + 1` })
    .where(and(eq(intervention.municipalityId, municipalityId), eq(intervention.id, id), eq(intervention.version, version)))
    .returning();
  return row;
}

/** The members (person ids) of several families at once. */
/** One side of an overlapping pair as the SQL list returns it. */
export interface OverlapSideRow {
  id: string;
  typeId: string;
  typeName: string;
  category: string;
  departmentId: string;
  departmentName: string;
  from: IsoDate;
  to: IsoDate | null;
}

export interface OverlapRow {
  familyId: string;
  personId: string | null;
  a: OverlapSideRow;
  b: OverlapSideRow;
  /** The viewer may see who the family is (listOpenOverlaps); otherwise only the unit that coordinates it. */
  named?: boolean;
  coordinatingUnit?: string | null;
}

interface RawOverlapRow {
  named: boolean;
  coordinating_unit: string | null;
  family_id: string;
  person_id: string | null;
  a_id: string;
  a_type_id: string;
  a_type_name: string;
  a_category: string;
  a_department_id: string;
  a_department_name: string;
  a_from: string;
  a_to: string | null;
  b_id: string;
  b_type_id: string;
  b_type_name: string;
  b_category: string;
  b_department_id: string;
  b_department_name: string;
  b_from: string;
  b_to: string | null;
  [key: string]: unknown;
}

export interface OverlapViewer {
  userId: string;
  departmentId: string | null;
}

/**
 * Overlapping pairs of interventions (same family, same person — one for the whole family counts for each member —,
 * same category, at
 * least one shared day) whose shared period reaches `today` or later, in every family of the municipality: the
 * managers' municipality-wide list. `named` says whether the viewer may know which family it is — families
 * coordinated from the viewer's department, and families the viewer coordinates or is a current team member of
 * (while the family's consent covers that department, as the family policy says); for the others the service
 * keeps only the interventions and the coordinating unit. Named rows first. A self-join on intervention within
 * each family (hash-joined on family, person and category, in CTEs; the tenant is a constant everywhere, so the
 * planner never joins the small tables to each other on it as if it were a key); `a` starts first (then id), as
 * findOverlaps orders a pair. At most `limit` rows.
 */
export async function listOpenOverlaps(tx: Tx, municipalityId: string, viewer: OverlapViewer, today: IsoDate, limit: number): Promise<OverlapRow[]> {
  const res = await tx.execute<RawOverlapRow>(sql`
    with visible as materialized (
      select f.id, cd.name as coordinating_unit, (
          f.coordinator_user_id = ${viewer.userId}
          or (${viewer.departmentId}::uuid is not null and cu.department_id = ${viewer.departmentId}::uuid)
          or exists (
            select 1 from team_member tm
            where tm.municipality_id = f.municipality_id and tm.family_id = f.id and tm.user_id = ${viewer.userId}
              and tm."from" <= ${today}::date and (tm."to" is null or tm."to" >= ${today}::date)
              and (
                not exists (select 1 from consent k where k.municipality_id = f.municipality_id and k.family_id = f.id)
                or exists (
                  select 1 from consent k
                  where k.municipality_id = f.municipality_id and k.family_id = f.id
                    and k.given_at <= ${today}::date
                    and (k.expires_at is null or k.expires_at >= ${today}::date)
                    and (k.withdrawn_at is null or k.withdrawn_at > ${today}::date)
                    and k.scope -> 'departmentIds' @> jsonb_build_array(tm.department_id::text)
                )
              )
          )
        ) as named
      from family f
      left join staff_user cu on cu.municipality_id = f.municipality_id and cu.id = f.coordinator_user_id
      left join department cd on cd.municipality_id = cu.municipality_id and cd.id = cu.department_id
      where f.municipality_id = ${municipalityId}
    ),
    -- The interventions of those families still running today or later, keyed by whom they are for.
    live as materialized (
      select v.named, v.coordinating_unit, i.family_id, i.person_id, coalesce(i.person_id, i.family_id) as who, i.id, i.type_id, t.category, t.name as type_name,
             i.department_id, i."from", i."to"
      from visible v
      join intervention i on i.municipality_id = ${municipalityId} and i.family_id = v.id
      join intervention_type t on t.municipality_id = ${municipalityId} and t.id = i.type_id
      where i."to" is null or i."to" >= ${today}::date
    ),
    pairs as materialized (
      select a.named, a.coordinating_unit, a.family_id, coalesce(a.person_id, b.person_id) as person_id,
             a.id as a_id, a.type_id as a_type_id, a.type_name as a_type_name, a.category as a_category, a.department_id as a_department_id,
             a."from" as a_from, a."to" as a_to,
             b.id as b_id, b.type_id as b_type_id, b.type_name as b_type_name, b.category as b_category, b.department_id as b_department_id,
             b."from" as b_from, b."to" as b_to
      from live a
      join live b on b.family_id = a.family_id and b.category = a.category and (a."from", a.id) < (b."from", b.id)
        -- the same person; one for the whole family is for each member too (findOverlaps)
        and (b.who = a.who or a.person_id is null or b.person_id is null)
      where (a."to" is null or b."from" <= a."to") and (b."to" is null or a."from" <= b."to")
      order by a.named desc, a.family_id, a."from", a.id, b."from", b.id
      limit ${limit}
    )
    select p.named, p.coordinating_unit, p.family_id, p.person_id,
           p.a_id, p.a_type_id, p.a_type_name, p.a_category, p.a_department_id, da.name as a_department_name, p.a_from::text, p.a_to::text,
           p.b_id, p.b_type_id, p.b_type_name, p.b_category, p.b_department_id, db.name as b_department_name, p.b_from::text, p.b_to::text
    from pairs p
    join department da on da.municipality_id = ${municipalityId} and da.id = p.a_department_id
    join department db on db.municipality_id = ${municipalityId} and db.id = p.b_department_id
    order by p.named desc, p.family_id, p.a_from, p.a_id, p.b_from, p.b_id`);
  return res.rows.map((r) => ({
    familyId: r.family_id,
    personId: r.person_id,
    a: side(r, 'a'),
    b: side(r, 'b'),
    named: r.named,
    coordinatingUnit: r.coordinating_unit,
  }));
}

function side(r: RawOverlapRow, s: 'a' | 'b'): OverlapSideRow {
  return {
    id: r[`${s}_id`],
    typeId: r[`${s}_type_id`],
    typeName: r[`${s}_type_name`],
    category: r[`${s}_category`],
    departmentId: r[`${s}_department_id`],
    departmentName: r[`${s}_department_name`],
    from: r[`${s}_from`],
    to: r[`${s}_to`],
  };
}
