import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Lang } from '../../../shared/i18n.js';
import { todayInDenmark } from '../../../shared/dates.js';
import {
  emptyCounts,
  type ExchangeCounts,
  type ExchangeDocument,
  type ExchangeFamily,
  type ExchangeIntervention,
  type ExchangeMember,
  type ExchangeProblem,
  type KindCount,
} from '../../../shared/exchange/exchange.js';
import { audit } from '../../audit/audit.js';
import type { Actor, Ctx } from '../../context.js';
import type { Db, Tx } from '../../db/client.js';
import { municipality } from '../../db/municipality.table.js';
import { asSystem } from '../../db/tenant.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { coordinatorAssignment, family, familyMember, familyStatusEvent, person } from '../families/families.table.js';
import { intervention, interventionType } from '../interventions/interventions.table.js';
import { assessment, childWelfarePeriod, concernReport, schoolAttendance, supportStatusPeriod } from '../measurements/measurements.table.js';
import { goalRating, plan, planGoal } from '../plans/plans.table.js';
import { findMunicipalityByCode } from '../setup/municipalities.repository.js';
import { insertMunicipalityWithDefaults } from '../setup/setup.service.js';
import { validateExchange } from './validate.js';

export interface ImportOptions {
  /** The municipality to import into; default the file's, or the only one in the database. */
  municipalityCode?: string;
  /** Called after each family (and once with 0 before the first). */
  onProgress?: (done: number, total: number) => void;
  /** Who imports (an administrator through the API, the CLI's system actor); recorded in the audit trail. */
  actor?: Actor | null;
  requestId?: string;
  lang?: Lang;
}

export type ImportResult =
  | { ok: true; municipality: { id: string; code: string; name: string; created: boolean }; counts: ExchangeCounts; personIds: string[] }
  | { ok: false; problems: ExchangeProblem[] };

/** Problems found while writing (against what the database already holds): the transaction rolls back. */
class ImportRejected extends Error {
  constructor(readonly problems: ExchangeProblem[]) {
    super('import rejected');
  }
}

/**
 * importExchange(db, doc, opts): reads one helhed-exchange v1 document into the database. Takes the `Db`, not a
 * `Ctx`, because it decides the tenant itself (and on an empty database creates the file's municipality — with
 * its default departments, early signs and life domains, no administrator); everything — municipality,
 * coordinators, families and their history, the audit event — is written in ONE transaction, so a file with
 * any problem writes nothing. Idempotent: families, persons, goals and interventions match on their refs
 * (`external_ref`); rows without refs (ratings, support status, child-welfare periods, concern reports, school
 * attendance, assessments) match on their natural key, and the file is authoritative for each section it
 * carries: for every member (ratings: goal; assessments: family) the stored set is made equal to the file's —
 * equal rows are kept untouched, missing ones inserted, others removed. A section the family object leaves out
 * is left alone. Members in the database that the file does not list stay members; absent CPR, names or
 * language never erase stored ones. Departments are matched by code, then by name; a missing one is created
 * (legacy systems name departments their own way, and a catalogue type needs one). Missing catalogue types are
 * created from the file's type, category, department, legal basis and price (from the earliest use); existing
 * types are never changed.
 */
export async function importExchange(db: Db, doc: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  const checked = validateExchange(doc);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const file = checked.doc;
  try {
    return await asSystem(db, async (tx) => {
      // The same lock as first-run setup: two imports into an empty database create one municipality.
      await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
      const { m, created } = await resolveMunicipality(tx, file, opts.municipalityCode);
      if (!created)
        await tx.execute(sql`select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', ${m.id}, true)`);
      const ctx: Ctx = {
        tx,
        municipalityId: m.id,
        actor: opts.actor ?? null,
        requestId: opts.requestId ?? `import-${randomUUID()}`,
        lang: opts.lang ?? 'da',
        now: new Date(),
      };
      if (created)
        await audit(ctx, { action: 'setup.completed', targetType: 'municipality', targetId: m.id, details: { code: m.code, name: m.name, via: 'exchange.import' } });
      const writer = new Writer(ctx, file);
      await writer.load();
      const total = file.families.length;
      opts.onProgress?.(0, total);
      for (let from = 0; from < total; from += CHUNK_FAMILIES) {
        const to = Math.min(total, from + CHUNK_FAMILIES);
        await writer.round(from, to);
        opts.onProgress?.(to, total);
      }
      if (writer.problems.length > 0) throw new ImportRejected(writer.problems);
      const personIds = [...writer.personIds];
      await audit(ctx, {
        action: 'exchange.import',
        targetType: 'municipality',
        targetId: m.id,
        personIds,
        details: { families: total, pseudonymised: file.pseudonymised ?? false, municipalityCreated: created, counts: writer.counts },
      });
      return { ok: true as const, municipality: { id: m.id, code: m.code, name: m.name, created }, counts: writer.counts, personIds };
    });
  } catch (e) {
    if (e instanceof ImportRejected) return { ok: false, problems: e.problems };
    throw e;
  }
}

async function resolveMunicipality(tx: Tx, file: ExchangeDocument, explicit: string | undefined) {
  const reject = (da: string, en: string): never => {
    throw new ImportRejected([{ pointer: '/municipality', da, en }]);
  };
  let code = explicit ?? file.municipality?.code;
  if (!code) {
    const all = await tx.select({ code: municipality.code }).from(municipality);
    if (all.length === 1) code = all[0]!.code;
    else if (all.length === 0) reject('Filen angiver ingen kommune, og databasen har ingen.', 'The file names no municipality and the database has none.');
    else reject('Vælg kommunen: filen angiver ingen, og databasen har flere.', 'Choose the municipality: the file names none and the database has several.');
  }
  const found = await findMunicipalityByCode(tx, code!);
  if (found) return { m: found, created: false };
  if (file.municipality && file.municipality.code === code) {
    return { m: await insertMunicipalityWithDefaults(tx, file.municipality), created: true };
  }
  return reject(`Kommunen ${code} findes ikke i databasen.`, `The municipality ${code} does not exist in the database.`);
}

const key = (...parts: unknown[]) => JSON.stringify(parts);
const nul = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'department'
  );
}

/** A new catalogue type's name from its code (the exchange format carries no name): »placement_foster« → »Placement foster«. */
export function humanise(code: string): string {
  const s = code.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The date a family's current status took effect, as far as the file says. */
function statusDate(f: ExchangeFamily, today: string): string {
  if (f.status === 'completed' && f.completedAt) return f.completedAt;
  if (f.status === 'withdrawn' && f.withdrawnAt) return f.withdrawnAt;
  if (['active', 'paused'].includes(f.status) && f.enrolledAt) return f.enrolledAt;
  return f.referredAt ?? f.enrolledAt ?? today;
}

/** Families read and written per round: their stored rows are loaded in a few queries, their new rows inserted in a few. */
const CHUNK_FAMILIES = 100;
/** Bind parameters per multi-row insert (PostgreSQL allows 65,535). */
const PARAMS_PER_INSERT = 30_000;
/** Ids per `= any(...)` list in one statement. */
const IDS_PER_STATEMENT = 5_000;

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
type NewRow<T extends { $inferInsert: unknown }> = T['$inferInsert'];

function slices<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** What one round writes: rows to insert (with ids made here, so nothing waits for a RETURNING), rows to remove, and per-row updates. */
class Pending {
  families: NewRow<typeof family>[] = [];
  statusEvents: NewRow<typeof familyStatusEvent>[] = [];
  /** Families whose open coordinator assignment ends today (the coordinator changed). */
  closeAssignments: string[] = [];
  assignments: NewRow<typeof coordinatorAssignment>[] = [];
  persons: NewRow<typeof person>[] = [];
  members: NewRow<typeof familyMember>[] = [];
  plans: NewRow<typeof plan>[] = [];
  goals: NewRow<typeof planGoal>[] = [];
  ratings: NewRow<typeof goalRating>[] = [];
  interventions: NewRow<typeof intervention>[] = [];
  supportStatus: NewRow<typeof supportStatusPeriod>[] = [];
  childWelfare: NewRow<typeof childWelfarePeriod>[] = [];
  concernReports: NewRow<typeof concernReport>[] = [];
  schoolAttendance: NewRow<typeof schoolAttendance>[] = [];
  assessments: NewRow<typeof assessment>[] = [];
  remove = {
    ratings: [] as string[],
    supportStatus: [] as string[],
    childWelfare: [] as string[],
    concernReports: [] as string[],
    schoolAttendance: [] as string[],
    assessments: [] as string[],
  };
  updates: (() => Promise<unknown>)[] = [];
}

/** The stored rows of one round's families and persons. */
interface Stored {
  families: Map<string, Row<typeof family>>;
  memberships: Map<string, Row<typeof familyMember>[]>;
  personsByRef: Map<string, Row<typeof person>>;
  personsByCpr: Map<string, Row<typeof person>>;
  plans: Map<string, Row<typeof plan>>;
  goals: Map<string, Row<typeof planGoal>[]>;
  ratings: Map<string, { id: string; goalId: string; date: string; value: number; respondent: string }[]>;
  interventions: Map<string, Row<typeof intervention>>;
  assessments: Map<string, Row<typeof assessment>[]>;
  supportStatus: Map<string, Row<typeof supportStatusPeriod>[]>;
  childWelfare: Map<string, Row<typeof childWelfarePeriod>[]>;
  concernReports: Map<string, Row<typeof concernReport>[]>;
  schoolAttendance: Map<string, Row<typeof schoolAttendance>[]>;
}

/** Matches stored rows to wanted rows by a key, as multisets: equal rows stay, the rest is removed or inserted. */
function syncByKey<W>(existing: { id: string; key: string }[], wanted: { key: string; row: W }[], count: KindCount, remove: string[], insert: { push(...rows: W[]): unknown }): void {
  const pool = new Map<string, string[]>();
  for (const e of existing) pool.set(e.key, [...(pool.get(e.key) ?? []), e.id]);
  for (const w of wanted) {
    const ids = pool.get(w.key);
    if (ids && ids.length > 0) {
      ids.pop();
      count.unchanged++;
    } else {
      insert.push(w.row);
      count.created++;
    }
  }
  const toRemove = [...pool.values()].flat();
  remove.push(...toRemove);
  count.removed += toRemove.length;
}

/**
 * One import's state: the catalogue it resolves against, what it counted and which persons it wrote. Families
 * are handled in rounds of CHUNK_FAMILIES: the round's stored rows are read in one query per table, compared
 * with the file in memory, and the differences written with multi-row statements — a few dozen statements
 * per round instead of several per row, which is what makes a large file (the large demo) import in minutes
 * on PGlite. The file's refs and CPR numbers are unique (validateExchange), so families of one round never
 * depend on each other's writes.
 */
class Writer {
  readonly counts = emptyCounts();
  readonly problems: ExchangeProblem[] = [];
  readonly personIds = new Set<string>();
  private readonly mid: string;
  private readonly today = todayInDenmark();
  private departments: { id: string; code: string; name: string }[] = [];
  private types = new Map<string, string>();
  private users = new Map<string, string>();
  /** Earliest use of each catalogue type in the file: a created type is valid from then. */
  private firstUse = new Map<string, ExchangeIntervention & { firstFrom: string }>();
  private countedDepartments = new Set<string>();
  private countedTypes = new Set<string>();
  private countedUsers = new Set<string>();
  /** Member ref → person id of the persons met so far in this file (a person may be a member of several families). */
  private readonly filePersons = new Map<string, string>();
  /** Per person section, the persons whose rows are already made equal to the file's: a person in two families once. */
  private readonly syncedSections = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly file: ExchangeDocument,
  ) {
    this.mid = ctx.municipalityId;
  }

  private get tx(): Tx {
    return this.ctx.tx;
  }

  async load(): Promise<void> {
    this.departments = await this.tx
      .select({ id: department.id, code: department.code, name: department.name })
      .from(department)
      .where(eq(department.municipalityId, this.mid));
    const types = await this.tx.select({ id: interventionType.id, code: interventionType.code }).from(interventionType).where(eq(interventionType.municipalityId, this.mid));
    for (const t of types) this.types.set(t.code, t.id);
    const users = await this.tx.select({ id: staffUser.id, email: staffUser.email }).from(staffUser).where(eq(staffUser.municipalityId, this.mid));
    for (const u of users) this.users.set(u.email.toLowerCase(), u.id);
    for (const f of this.file.families)
      for (const iv of f.interventions ?? []) {
        const seen = this.firstUse.get(iv.type);
        if (!seen || iv.from < seen.firstFrom) this.firstUse.set(iv.type, { ...iv, firstFrom: iv.from });
      }
  }

  /** Families [from, to) of the file: read what is stored, compare, write the differences. */
  async round(from: number, to: number): Promise<void> {
    const families = this.file.families.slice(from, to);
    const stored = await this.loadStored(families);
    const pending = new Pending();
    for (let i = 0; i < families.length; i++) await this.family(families[i]!, from + i, stored, pending);
    // A problem rolls the whole import back: nothing of this round needs writing.
    if (this.problems.length === 0) await this.flush(pending);
  }

  /** Many rows where a column is in a list, the list cut into statements of IDS_PER_STATEMENT. */
  private async selectIn<T>(ids: string[], query: (part: string[]) => Promise<T[]>): Promise<T[]> {
    const unique = [...new Set(ids)];
    const out: T[] = [];
    for (const part of slices(unique, IDS_PER_STATEMENT)) out.push(...(await query(part)));
    return out;
  }

  private async loadStored(families: ExchangeFamily[]): Promise<Stored> {
    const { tx, mid } = this;
    const familyRows = await this.selectIn(
      families.map((f) => f.ref),
      (part) => tx.select().from(family).where(and(eq(family.municipalityId, mid), inArray(family.externalRef, part))),
    );
    const familyIds = familyRows.map((f) => f.id);
    const memberRefs = families.flatMap((f) => f.members.map((m) => m.ref));
    const cprs = families.flatMap((f) => f.members.flatMap((m) => (m.cpr ? [m.cpr.replace('-', '')] : [])));
    const byRef = await this.selectIn(memberRefs, (part) => tx.select().from(person).where(and(eq(person.municipalityId, mid), inArray(person.externalRef, part))));
    const byCpr = await this.selectIn(cprs, (part) => tx.select().from(person).where(and(eq(person.municipalityId, mid), inArray(person.cpr, part))));
    const personIds = [...new Set([...byRef, ...byCpr].map((p) => p.id))];
    const inFamilies = <T>(query: (part: string[]) => Promise<T[]>) => this.selectIn(familyIds, query);
    const ofPersons = <T>(query: (part: string[]) => Promise<T[]>) => this.selectIn(personIds, query);
    const ivRefs = families.flatMap((f) => (f.interventions ?? []).map((iv) => iv.ref));
    const [memberships, plans, goals, ratings, interventions, assessments, support, welfare, concerns, school] = [
      await inFamilies((p) => tx.select().from(familyMember).where(and(eq(familyMember.municipalityId, mid), inArray(familyMember.familyId, p)))),
      await inFamilies((p) => tx.select().from(plan).where(and(eq(plan.municipalityId, mid), inArray(plan.familyId, p)))),
      await inFamilies((p) => tx.select().from(planGoal).where(and(eq(planGoal.municipalityId, mid), inArray(planGoal.familyId, p)))),
      await inFamilies((p) =>
        tx
          .select({ id: goalRating.id, goalId: goalRating.goalId, familyId: goalRating.familyId, date: goalRating.date, value: goalRating.value, respondent: goalRating.respondent })
          .from(goalRating)
          .where(and(eq(goalRating.municipalityId, mid), inArray(goalRating.familyId, p))),
      ),
      await this.selectIn(ivRefs, (p) => tx.select().from(intervention).where(and(eq(intervention.municipalityId, mid), inArray(intervention.externalRef, p)))),
      await inFamilies((p) => tx.select().from(assessment).where(and(eq(assessment.municipalityId, mid), inArray(assessment.familyId, p)))),
      await ofPersons((p) => tx.select().from(supportStatusPeriod).where(and(eq(supportStatusPeriod.municipalityId, mid), inArray(supportStatusPeriod.personId, p)))),
      await ofPersons((p) => tx.select().from(childWelfarePeriod).where(and(eq(childWelfarePeriod.municipalityId, mid), inArray(childWelfarePeriod.personId, p)))),
      await ofPersons((p) => tx.select().from(concernReport).where(and(eq(concernReport.municipalityId, mid), inArray(concernReport.personId, p)))),
      await ofPersons((p) => tx.select().from(schoolAttendance).where(and(eq(schoolAttendance.municipalityId, mid), inArray(schoolAttendance.personId, p)))),
    ];
    return {
      families: new Map(familyRows.map((f) => [f.externalRef!, f])),
      memberships: groupBy(memberships, (m) => m.familyId),
      personsByRef: new Map(byRef.map((p) => [p.externalRef!, p])),
      personsByCpr: new Map(byCpr.map((p) => [p.cpr!, p])),
      plans: new Map(plans.map((p) => [p.familyId, p])),
      goals: groupBy(goals, (g) => g.familyId),
      ratings: groupBy(ratings, (r) => r.goalId),
      interventions: new Map(interventions.map((iv) => [iv.externalRef!, iv])),
      assessments: groupBy(assessments, (a) => a.familyId),
      supportStatus: groupBy(support, (s) => s.personId),
      childWelfare: groupBy(welfare, (s) => s.personId),
      concernReports: groupBy(concerns, (s) => s.personId),
      schoolAttendance: groupBy(school, (s) => s.personId),
    };
  }

  /** Removals first, then inserts in the order the foreign keys need, then updates. */
  private async flush(p: Pending): Promise<void> {
    const { tx, mid } = this;
    const remove = async (table: typeof goalRating | typeof supportStatusPeriod | typeof childWelfarePeriod | typeof concernReport | typeof schoolAttendance | typeof assessment, ids: string[]) => {
      for (const part of slices(ids, IDS_PER_STATEMENT)) await tx.delete(table).where(and(eq(table.municipalityId, mid), inArray(table.id, part)));
    };
    await remove(goalRating, p.remove.ratings);
    await remove(supportStatusPeriod, p.remove.supportStatus);
    await remove(childWelfarePeriod, p.remove.childWelfare);
    await remove(concernReport, p.remove.concernReports);
    await remove(schoolAttendance, p.remove.schoolAttendance);
    await remove(assessment, p.remove.assessments);
    // Before the new assignments go in, or they would be closed too.
    for (const part of slices(p.closeAssignments, IDS_PER_STATEMENT))
      await tx
        .update(coordinatorAssignment)
        .set({ to: this.today })
        .where(and(eq(coordinatorAssignment.municipalityId, mid), inArray(coordinatorAssignment.familyId, part), sql`${coordinatorAssignment.to} is null`));
    const insert = async <T extends PgTable>(table: T, rows: T['$inferInsert'][]) => {
      if (rows.length === 0) return;
      const columns = Math.max(1, ...rows.slice(0, 50).map((r) => Object.keys(r as object).length));
      for (const part of slices(rows, Math.max(1, Math.floor(PARAMS_PER_INSERT / columns)))) await tx.insert(table).values(part as never);
    };
    await insert(family, p.families);
    await insert(familyStatusEvent, p.statusEvents);
    await insert(coordinatorAssignment, p.assignments);
    await insert(person, p.persons);
    await insert(familyMember, p.members);
    await insert(plan, p.plans);
    await insert(planGoal, p.goals);
    await insert(goalRating, p.ratings);
    await insert(intervention, p.interventions);
    await insert(supportStatusPeriod, p.supportStatus);
    await insert(childWelfarePeriod, p.childWelfare);
    await insert(concernReport, p.concernReports);
    await insert(schoolAttendance, p.schoolAttendance);
    await insert(assessment, p.assessments);
    // Updates last: a changed goal or intervention may name a person inserted just now.
    for (const update of p.updates) await update();
  }

  private async departmentId(name: string): Promise<string> {
    const lower = name.toLowerCase();
    const found = this.departments.find((d) => d.code === name) ?? this.departments.find((d) => d.name.toLowerCase() === lower);
    if (found) {
      if (!this.countedDepartments.has(found.id)) {
        this.countedDepartments.add(found.id);
        this.counts.departments.unchanged++;
      }
      return found.id;
    }
    let code = slug(name);
    for (let n = 2; this.departments.some((d) => d.code === code); n++) code = `${slug(name)}_${n}`;
    const [d] = await this.tx.insert(department).values({ municipalityId: this.mid, code, name }).returning({ id: department.id });
    this.departments.push({ id: d!.id, code, name });
    this.countedDepartments.add(d!.id);
    this.counts.departments.created++;
    return d!.id;
  }

  private async typeId(iv: ExchangeIntervention, departmentId: string): Promise<string> {
    const found = this.types.get(iv.type);
    if (found) {
      if (!this.countedTypes.has(found)) {
        this.countedTypes.add(found);
        this.counts.interventionTypes.unchanged++;
      }
      return found;
    }
    const first = this.firstUse.get(iv.type) ?? { ...iv, firstFrom: iv.from };
    const [t] = await this.tx
      .insert(interventionType)
      .values({
        municipalityId: this.mid,
        code: iv.type,
        name: humanise(iv.type),
        category: first.category ?? iv.category ?? 'other',
        departmentId,
        legalBasis: first.legalBasis ?? iv.legalBasis ?? null,
        priceAmount: first.price.amount,
        pricePer: first.price.per,
        validFrom: first.firstFrom,
      })
      .returning({ id: interventionType.id });
    this.types.set(iv.type, t!.id);
    this.countedTypes.add(t!.id);
    this.counts.interventionTypes.created++;
    return t!.id;
  }

  private async coordinatorId(c: { email: string; name?: string }): Promise<string> {
    const email = c.email.toLowerCase();
    const found = this.users.get(email);
    if (found) {
      if (!this.countedUsers.has(found)) {
        this.countedUsers.add(found);
        this.counts.coordinators.unchanged++;
      }
      return found;
    }
    const [u] = await this.tx
      .insert(staffUser)
      .values({ municipalityId: this.mid, email, name: c.name?.trim() || email.split('@')[0]!, roles: ['coordinator'], passwordHash: null })
      .returning({ id: staffUser.id });
    await audit(this.ctx, { action: 'user.create', targetType: 'user', targetId: u!.id, details: { roles: ['coordinator'], via: 'exchange.import', withoutPassword: true } });
    this.users.set(email, u!.id);
    this.countedUsers.add(u!.id);
    this.counts.coordinators.created++;
    return u!.id;
  }

  private async family(f: ExchangeFamily, fi: number, stored: Stored, out: Pending): Promise<void> {
    const { tx, mid } = this;
    const fp = `/families/${fi}`;
    const coordinatorUserId = f.coordinator ? await this.coordinatorId(f.coordinator) : null;
    const wantedFamily = {
      status: f.status,
      referredAt: nul(f.referredAt),
      enrolledAt: nul(f.enrolledAt),
      completedAt: nul(f.completedAt),
      withdrawnAt: nul(f.withdrawnAt),
      completionReason: nul(f.completionReason),
      coordinatorUserId,
    };
    const byUserId = this.ctx.actor?.userId ?? null;
    const existing = stored.families.get(f.ref);
    let familyId: string;
    if (!existing) {
      familyId = randomUUID();
      out.families.push({ id: familyId, municipalityId: mid, externalRef: f.ref, ...wantedFamily });
      this.counts.families.created++;
      out.statusEvents.push({ municipalityId: mid, familyId, fromStatus: null, toStatus: f.status, date: statusDate(f, this.today), cause: 'imported', byUserId });
      if (coordinatorUserId)
        out.assignments.push({ municipalityId: mid, familyId, userId: coordinatorUserId, from: f.enrolledAt ?? f.referredAt ?? this.today, byUserId, cause: 'imported' });
    } else {
      familyId = existing.id;
      const changed = (Object.keys(wantedFamily) as (keyof typeof wantedFamily)[]).some((k) => existing[k] !== wantedFamily[k]);
      if (changed) {
        const id = familyId;
        out.updates.push(() =>
          tx
            .update(family)
            .set({ ...wantedFamily, version: sql`${family.version} + 1`, updatedAt: this.ctx.now })
            .where(and(eq(family.municipalityId, mid), eq(family.id, id))),
        );
        this.counts.families.updated++;
        if (existing.status !== f.status)
          out.statusEvents.push({ municipalityId: mid, familyId, fromStatus: existing.status, toStatus: f.status, date: statusDate(f, this.today), cause: 'imported', byUserId });
        if (existing.coordinatorUserId !== coordinatorUserId) {
          out.closeAssignments.push(familyId);
          if (coordinatorUserId) out.assignments.push({ municipalityId: mid, familyId, userId: coordinatorUserId, from: this.today, byUserId, cause: 'imported' });
        }
      } else this.counts.families.unchanged++;
    }

    // Members: persons by ref, else by CPR; the membership with its role.
    const refToPerson = new Map<string, string>();
    const memberFrom = f.referredAt ?? f.enrolledAt ?? this.today;
    const memberships = stored.memberships.get(familyId) ?? [];
    for (let mi = 0; mi < f.members.length; mi++) {
      const mem = f.members[mi]!;
      const personId = this.person(mem, `${fp}/members/${mi}`, stored, out);
      if (personId === null) continue;
      refToPerson.set(mem.ref, personId);
      this.personIds.add(personId);
      const ms = memberships.find((x) => x.personId === personId);
      if (!ms) {
        out.members.push({ municipalityId: mid, familyId, personId, role: mem.role, from: memberFrom });
        this.counts.memberships.created++;
      } else if (ms.role !== mem.role || ms.to !== null) {
        out.updates.push(() =>
          tx
            .update(familyMember)
            .set({ role: mem.role, to: null })
            .where(and(eq(familyMember.municipalityId, mid), eq(familyMember.familyId, familyId), eq(familyMember.personId, personId))),
        );
        this.counts.memberships.updated++;
      } else this.counts.memberships.unchanged++;
    }
    if (this.problems.length > 0) return; // the transaction will roll back; keep collecting member problems only
    const pid = (ref: string | undefined) => (ref === undefined ? null : refToPerson.get(ref)!);
    const memberIds = [...refToPerson.values()];

    if (f.goals) this.goals(f, familyId, pid, stored, out);
    if (f.interventions) await this.interventions(f, familyId, pid, fp, stored, out);
    this.personSections(f, pid, memberIds, stored, out);
    if (f.assessments) {
      const k = (a: { instrument: string; instrumentVersion: number; personId: string | null; date: string; respondent: string; answers: Record<string, number> }) =>
        key(a.instrument, a.instrumentVersion, a.personId, a.date, a.respondent, Object.entries(a.answers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
      syncByKey(
        (stored.assessments.get(familyId) ?? []).map((s) => ({ id: s.id, key: k(s) })),
        f.assessments.map((a) => {
          const row = {
            municipalityId: mid,
            familyId,
            personId: pid(a.person),
            instrument: a.instrument,
            instrumentVersion: a.instrumentVersion ?? 1,
            date: a.date,
            respondent: a.by,
            answers: a.answers,
            recordedBy: byUserId,
          };
          return { key: k(row), row };
        }),
        this.counts.assessments,
        out.remove.assessments,
        out.assessments,
      );
    }
  }

  /** The person a member denotes: by ref, else by CPR; created or brought up to date. Null (with a problem) on a conflict. */
  private person(mem: ExchangeMember, pointer: string, stored: Stored, out: Pending): string | null {
    const { tx, mid } = this;
    const known = this.filePersons.get(mem.ref);
    // Met earlier in the file as a member of another family: validated identical (validate.ts), already handled.
    if (known) return known;
    let personId: string;
    const cpr = mem.cpr?.replace('-', '') ?? null;
    let p = stored.personsByRef.get(mem.ref);
    if (!p && cpr) {
      p = stored.personsByCpr.get(cpr);
      if (p && p.externalRef !== null && p.externalRef !== mem.ref) {
        this.problems.push({
          pointer: `${pointer}/cpr`,
          da: `CPR-nummeret tilhører allerede en anden person i databasen (ref «${p.externalRef}»).`,
          en: `The CPR number already belongs to another person in the database (ref "${p.externalRef}").`,
        });
        return null;
      }
    }
    if (p && cpr && p.cpr !== null && p.cpr !== cpr) {
      this.problems.push({
        pointer: `${pointer}/cpr`,
        da: 'Personen med denne ref har et andet CPR-nummer i databasen.',
        en: 'The person with this ref has a different CPR number in the database.',
      });
      return null;
    }
    if (p && cpr && p.cpr === null) {
      const other = stored.personsByCpr.get(cpr);
      if (other && other.id !== p.id) {
        this.problems.push({
          pointer: `${pointer}/cpr`,
          da: 'CPR-nummeret tilhører allerede en anden person i databasen.',
          en: 'The CPR number already belongs to another person in the database.',
        });
        return null;
      }
    }
    const wanted = {
      cpr: cpr ?? p?.cpr ?? null,
      givenName: mem.givenName ?? p?.givenName ?? '',
      familyName: mem.familyName ?? p?.familyName ?? '',
      birthDate: mem.birthDate,
      sex: mem.sex,
      preferredLanguage: mem.preferredLanguage ?? p?.preferredLanguage ?? null,
      externalRef: mem.ref,
    };
    if (!p) {
      personId = randomUUID();
      out.persons.push({ id: personId, municipalityId: mid, ...wanted });
      this.counts.persons.created++;
    } else {
      personId = p.id;
      const existingPerson = p;
      const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => existingPerson[k] !== wanted[k]);
      if (changed) {
        out.updates.push(() =>
          tx
            .update(person)
            .set({ ...wanted, updatedAt: this.ctx.now })
            .where(and(eq(person.municipalityId, mid), eq(person.id, personId))),
        );
        this.counts.persons.updated++;
      } else this.counts.persons.unchanged++;
    }
    this.filePersons.set(mem.ref, personId);
    return personId;
  }

  private goals(f: ExchangeFamily, familyId: string, pid: (ref: string | undefined) => string | null, stored: Stored, out: Pending): void {
    const { tx, mid } = this;
    const goals = f.goals!;
    const storedPlan = stored.plans.get(familyId);
    if (!storedPlan && goals.length === 0) return;
    let planId: string;
    if (storedPlan) planId = storedPlan.id;
    else {
      const earliest = goals.map((g) => g.createdAt).sort()[0]!;
      planId = randomUUID();
      out.plans.push({ id: planId, municipalityId: mid, familyId, startDate: f.enrolledAt && f.enrolledAt < earliest ? f.enrolledAt : earliest });
    }
    const storedGoals = stored.goals.get(familyId) ?? [];
    const byRef = new Map(storedGoals.filter((g) => g.externalRef !== null).map((g) => [g.externalRef!, g]));
    const storedRatings: { id: string; key: string }[] = [];
    const wantedRatings: { key: string; row: NewRow<typeof goalRating> }[] = [];
    for (let gi = 0; gi < goals.length; gi++) {
      const g = goals[gi]!;
      const wanted = {
        personId: pid(g.person),
        domain: g.domain,
        horizon: g.horizon,
        title: g.title,
        targetDate: nul(g.targetDate),
        status: g.status ?? 'active',
        createdAt: g.createdAt,
        removedAt: null,
      };
      const have = byRef.get(g.ref);
      let goalId: string;
      if (!have) {
        goalId = randomUUID();
        out.goals.push({ id: goalId, municipalityId: mid, planId, familyId, externalRef: g.ref, sortOrder: gi, ...wanted });
        this.counts.goals.created++;
      } else {
        goalId = have.id;
        const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => have[k] !== wanted[k]);
        if (changed) {
          const id = goalId;
          out.updates.push(() =>
            tx
              .update(planGoal)
              .set(wanted)
              .where(and(eq(planGoal.municipalityId, mid), eq(planGoal.id, id))),
          );
          this.counts.goals.updated++;
        } else this.counts.goals.unchanged++;
        for (const r of stored.ratings.get(goalId) ?? []) storedRatings.push({ id: r.id, key: key(r.goalId, r.date, r.value, r.respondent) });
      }
      for (const r of g.ratings ?? []) {
        const row = { municipalityId: mid, goalId, familyId, date: r.date, value: r.value, respondent: r.by, recordedBy: this.ctx.actor?.userId ?? null };
        wantedRatings.push({ key: key(goalId, r.date, r.value, r.by), row });
      }
    }
    if (goals.length === 0) return;
    syncByKey(storedRatings, wantedRatings, this.counts.ratings, out.remove.ratings, out.ratings);
  }

  private async interventions(
    f: ExchangeFamily,
    familyId: string,
    pid: (ref: string | undefined) => string | null,
    fp: string,
    stored: Stored,
    out: Pending,
  ): Promise<void> {
    const { tx, mid } = this;
    const list = f.interventions!;
    for (let ii = 0; ii < list.length; ii++) {
      const iv = list[ii]!;
      const departmentId = await this.departmentId(iv.department);
      const typeId = await this.typeId(iv, departmentId);
      const wanted = {
        familyId,
        personId: pid(iv.person),
        typeId,
        departmentId,
        from: iv.from,
        to: nul(iv.to),
        priceAmount: iv.price.amount,
        pricePer: iv.price.per,
        hoursPerWeek: nul(iv.hoursPerWeek),
      };
      const have = stored.interventions.get(iv.ref);
      if (!have) {
        out.interventions.push({ id: randomUUID(), municipalityId: mid, externalRef: iv.ref, createdBy: this.ctx.actor?.userId ?? null, ...wanted });
        this.counts.interventions.created++;
      } else if (have.familyId !== familyId) {
        this.problems.push({
          pointer: `${fp}/interventions/${ii}/ref`,
          da: `Indsatsen «${iv.ref}» findes allerede i en anden familie i databasen.`,
          en: `The intervention "${iv.ref}" already exists in another family in the database.`,
        });
      } else {
        const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => have[k] !== wanted[k]);
        if (changed) {
          out.updates.push(() =>
            tx
              .update(intervention)
              .set({ ...wanted, version: sql`${intervention.version} + 1`, updatedAt: this.ctx.now })
              .where(and(eq(intervention.municipalityId, mid), eq(intervention.id, have.id))),
          );
          this.counts.interventions.updated++;
        } else this.counts.interventions.unchanged++;
      }
    }
  }

  /** The members whose section is not yet synced in this import, marked synced now (a person in two families once). */
  private unsynced(section: string, memberIds: string[]): Set<string> {
    const done = this.syncedSections.get(section) ?? new Set<string>();
    this.syncedSections.set(section, done);
    const ids = new Set(memberIds.filter((id) => !done.has(id)));
    for (const id of ids) done.add(id);
    return ids;
  }

  /** Support status, child welfare, concern reports and school attendance: per member, the file's set. */
  private personSections(f: ExchangeFamily, pid: (ref: string | undefined) => string | null, memberIds: string[], stored: Stored, out: Pending): void {
    const { mid } = this;
    if (memberIds.length === 0) return;
    const recordedBy = this.ctx.actor?.userId ?? null;
    const storedOf = <T>(map: Map<string, T[]>, ids: Set<string>) => [...ids].flatMap((id) => map.get(id) ?? []);
    const ids = {
      supportStatus: f.supportStatus ? this.unsynced('supportStatus', memberIds) : new Set<string>(),
      childWelfare: f.childWelfare ? this.unsynced('childWelfare', memberIds) : new Set<string>(),
      concernReports: f.concernReports ? this.unsynced('concernReports', memberIds) : new Set<string>(),
      schoolAttendance: f.schoolAttendance ? this.unsynced('schoolAttendance', memberIds) : new Set<string>(),
    };
    if (f.supportStatus)
      syncByKey(
        storedOf(stored.supportStatus, ids.supportStatus).map((s) => ({ id: s.id, key: key(s.personId, s.status, s.from, s.to) })),
        f.supportStatus.filter((s) => ids.supportStatus.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, status: s.status, from: s.from, to: nul(s.to), recordedBy };
          return { key: key(row.personId, row.status, row.from, row.to), row };
        }),
        this.counts.supportStatus,
        out.remove.supportStatus,
        out.supportStatus,
      );
    if (f.childWelfare)
      syncByKey(
        storedOf(stored.childWelfare, ids.childWelfare).map((s) => ({ id: s.id, key: key(s.personId, s.kind, s.from, s.to, s.legalBasis) })),
        f.childWelfare.filter((s) => ids.childWelfare.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, kind: s.kind, from: s.from, to: nul(s.to), legalBasis: nul(s.legalBasis), recordedBy };
          return { key: key(row.personId, row.kind, row.from, row.to, row.legalBasis), row };
        }),
        this.counts.childWelfare,
        out.remove.childWelfare,
        out.childWelfare,
      );
    if (f.concernReports)
      syncByKey(
        storedOf(stored.concernReports, ids.concernReports).map((s) => ({ id: s.id, key: key(s.personId, s.date, s.source) })),
        f.concernReports.filter((s) => ids.concernReports.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, date: s.date, source: nul(s.source), recordedBy };
          return { key: key(row.personId, row.date, row.source), row };
        }),
        this.counts.concernReports,
        out.remove.concernReports,
        out.concernReports,
      );
    if (f.schoolAttendance)
      syncByKey(
        storedOf(stored.schoolAttendance, ids.schoolAttendance).map((s) => ({ id: s.id, key: key(s.personId, s.from, s.to, Number(s.absencePercent)) })),
        f.schoolAttendance.filter((s) => ids.schoolAttendance.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, from: s.from, to: s.to, absencePercent: s.absencePercent, recordedBy };
          return { key: key(row.personId, row.from, row.to, row.absencePercent), row };
        }),
        this.counts.schoolAttendance,
        out.remove.schoolAttendance,
        out.schoolAttendance,
      );
  }
}
