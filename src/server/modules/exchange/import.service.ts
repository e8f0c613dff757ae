import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
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

const IMPORT_REASON = 'Importeret fra helhed-exchange';
/** An id no row has, for an `in` list that would otherwise be empty. */
const NO_ID = ['00000000-0000-0000-0000-000000000000'];

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
      for (let i = 0; i < total; i++) {
        await writer.family(file.families[i]!, i);
        opts.onProgress?.(i + 1, total);
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

/** Matches stored rows to wanted rows by a key, as multisets: equal rows stay, the rest is removed or inserted. */
async function syncByKey<W>(
  existing: { id: string; key: string }[],
  wanted: { key: string; row: W }[],
  count: KindCount,
  remove: (ids: string[]) => Promise<unknown>,
  insert: (rows: W[]) => Promise<unknown>,
): Promise<void> {
  const pool = new Map<string, string[]>();
  for (const e of existing) pool.set(e.key, [...(pool.get(e.key) ?? []), e.id]);
  const toInsert: W[] = [];
  for (const w of wanted) {
    const ids = pool.get(w.key);
    if (ids && ids.length > 0) {
      ids.pop();
      count.unchanged++;
    } else toInsert.push(w.row);
  }
  const toRemove = [...pool.values()].flat();
  if (toRemove.length > 0) {
    await remove(toRemove);
    count.removed += toRemove.length;
  }
  if (toInsert.length > 0) {
    await insert(toInsert);
    count.created += toInsert.length;
  }
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

function humanise(code: string): string {
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

/** One import's state: the catalogue it resolves against, what it counted and which persons it wrote. */
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

  async family(f: ExchangeFamily, fi: number): Promise<void> {
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
    const [existing] = await tx.select().from(family).where(and(eq(family.municipalityId, mid), eq(family.externalRef, f.ref)));
    let familyId: string;
    if (!existing) {
      const [row] = await tx
        .insert(family)
        .values({ municipalityId: mid, externalRef: f.ref, ...wantedFamily })
        .returning({ id: family.id });
      familyId = row!.id;
      this.counts.families.created++;
      await tx.insert(familyStatusEvent).values({
        municipalityId: mid,
        familyId,
        fromStatus: null,
        toStatus: f.status,
        date: statusDate(f, this.today),
        reason: IMPORT_REASON,
        byUserId,
      });
      if (coordinatorUserId)
        await tx.insert(coordinatorAssignment).values({
          municipalityId: mid,
          familyId,
          userId: coordinatorUserId,
          from: f.enrolledAt ?? f.referredAt ?? this.today,
          byUserId,
          reason: IMPORT_REASON,
        });
    } else {
      familyId = existing.id;
      const changed = (Object.keys(wantedFamily) as (keyof typeof wantedFamily)[]).some((k) => existing[k] !== wantedFamily[k]);
      if (changed) {
        await tx
          .update(family)
          .set({ ...wantedFamily, version: sql`${family.version} + 1`, updatedAt: this.ctx.now })
          .where(and(eq(family.municipalityId, mid), eq(family.id, familyId)));
        this.counts.families.updated++;
        if (existing.status !== f.status)
          await tx.insert(familyStatusEvent).values({
            municipalityId: mid,
            familyId,
            fromStatus: existing.status,
            toStatus: f.status,
            date: statusDate(f, this.today),
            reason: IMPORT_REASON,
            byUserId,
          });
        if (existing.coordinatorUserId !== coordinatorUserId) {
          await tx
            .update(coordinatorAssignment)
            .set({ to: this.today })
            .where(and(eq(coordinatorAssignment.municipalityId, mid), eq(coordinatorAssignment.familyId, familyId), sql`${coordinatorAssignment.to} is null`));
          if (coordinatorUserId)
            await tx.insert(coordinatorAssignment).values({ municipalityId: mid, familyId, userId: coordinatorUserId, from: this.today, byUserId, reason: IMPORT_REASON });
        }
      } else this.counts.families.unchanged++;
    }

    // Members: persons by ref, else by CPR; the membership with its role.
    const refToPerson = new Map<string, string>();
    const memberFrom = f.referredAt ?? f.enrolledAt ?? this.today;
    const memberships = await tx
      .select()
      .from(familyMember)
      .where(and(eq(familyMember.municipalityId, mid), eq(familyMember.familyId, familyId)));
    for (let mi = 0; mi < f.members.length; mi++) {
      const mem = f.members[mi]!;
      const personId = await this.person(mem, `${fp}/members/${mi}`);
      if (personId === null) continue;
      refToPerson.set(mem.ref, personId);
      this.personIds.add(personId);
      const ms = memberships.find((x) => x.personId === personId);
      if (!ms) {
        await tx.insert(familyMember).values({ municipalityId: mid, familyId, personId, role: mem.role, from: memberFrom });
        this.counts.memberships.created++;
      } else if (ms.role !== mem.role || ms.to !== null) {
        await tx
          .update(familyMember)
          .set({ role: mem.role, to: null })
          .where(and(eq(familyMember.municipalityId, mid), eq(familyMember.familyId, familyId), eq(familyMember.personId, personId)));
        this.counts.memberships.updated++;
      } else this.counts.memberships.unchanged++;
    }
    if (this.problems.length > 0) return; // the transaction will roll back; keep collecting member problems only
    const pid = (ref: string | undefined) => (ref === undefined ? null : refToPerson.get(ref)!);
    const memberIds = [...refToPerson.values()];

    if (f.goals) await this.goals(f, familyId, pid);
    if (f.interventions) await this.interventions(f, familyId, pid, fp);
    await this.personSections(f, pid, memberIds);
    if (f.assessments) {
      const stored = await tx
        .select()
        .from(assessment)
        .where(and(eq(assessment.municipalityId, mid), eq(assessment.familyId, familyId)));
      const k = (a: { instrument: string; instrumentVersion: number; personId: string | null; date: string; respondent: string; answers: Record<string, number> }) =>
        key(a.instrument, a.instrumentVersion, a.personId, a.date, a.respondent, Object.entries(a.answers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
      await syncByKey(
        stored.map((s) => ({ id: s.id, key: k(s) })),
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
        (ids) => tx.delete(assessment).where(and(eq(assessment.municipalityId, mid), inArray(assessment.id, ids))),
        (rows) => tx.insert(assessment).values(rows),
      );
    }
  }

  /** The person a member denotes: by ref, else by CPR; created or brought up to date. Null (with a problem) on a conflict. */
  private async person(mem: ExchangeMember, pointer: string): Promise<string | null> {
    const { tx, mid } = this;
    const known = this.filePersons.get(mem.ref);
    // Met earlier in the file as a member of another family: validated identical (validate.ts), already handled.
    if (known) return known;
    let personId: string;
    const cpr = mem.cpr?.replace('-', '') ?? null;
    let [p] = await tx.select().from(person).where(and(eq(person.municipalityId, mid), eq(person.externalRef, mem.ref)));
    if (!p && cpr) {
      [p] = await tx.select().from(person).where(and(eq(person.municipalityId, mid), eq(person.cpr, cpr)));
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
      const [other] = await tx.select({ id: person.id }).from(person).where(and(eq(person.municipalityId, mid), eq(person.cpr, cpr)));
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
      const [row] = await tx.insert(person).values({ municipalityId: mid, ...wanted }).returning({ id: person.id });
      personId = row!.id;
      this.counts.persons.created++;
    } else {
      personId = p.id;
      const existingPerson = p;
      const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => existingPerson[k] !== wanted[k]);
      if (changed) {
        await tx
          .update(person)
          .set({ ...wanted, updatedAt: this.ctx.now })
          .where(and(eq(person.municipalityId, mid), eq(person.id, personId)));
        this.counts.persons.updated++;
      } else this.counts.persons.unchanged++;
    }
    this.filePersons.set(mem.ref, personId);
    return personId;
  }

  private async goals(f: ExchangeFamily, familyId: string, pid: (ref: string | undefined) => string | null): Promise<void> {
    const { tx, mid } = this;
    const goals = f.goals!;
    let [pl] = await tx.select().from(plan).where(and(eq(plan.municipalityId, mid), eq(plan.familyId, familyId)));
    if (!pl && goals.length === 0) return;
    if (!pl) {
      const earliest = goals.map((g) => g.createdAt).sort()[0]!;
      [pl] = await tx
        .insert(plan)
        .values({ municipalityId: mid, familyId, startDate: f.enrolledAt && f.enrolledAt < earliest ? f.enrolledAt : earliest })
        .returning();
    }
    const stored = await tx
      .select()
      .from(planGoal)
      .where(and(eq(planGoal.municipalityId, mid), eq(planGoal.familyId, familyId)));
    const byRef = new Map(stored.filter((g) => g.externalRef !== null).map((g) => [g.externalRef!, g]));
    const goalIds: string[] = [];
    const wantedRatings: { key: string; row: typeof goalRating.$inferInsert }[] = [];
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
        const [row] = await tx
          .insert(planGoal)
          .values({ municipalityId: mid, planId: pl!.id, familyId, externalRef: g.ref, sortOrder: gi, ...wanted })
          .returning({ id: planGoal.id });
        goalId = row!.id;
        this.counts.goals.created++;
      } else {
        goalId = have.id;
        const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => have[k] !== wanted[k]);
        if (changed) {
          await tx
            .update(planGoal)
            .set(wanted)
            .where(and(eq(planGoal.municipalityId, mid), eq(planGoal.id, goalId)));
          this.counts.goals.updated++;
        } else this.counts.goals.unchanged++;
      }
      goalIds.push(goalId);
      for (const r of g.ratings ?? []) {
        const row = { municipalityId: mid, goalId, familyId, date: r.date, value: r.value, respondent: r.by, recordedBy: this.ctx.actor?.userId ?? null };
        wantedRatings.push({ key: key(goalId, r.date, r.value, r.by), row });
      }
    }
    if (goalIds.length === 0) return;
    const storedRatings = await tx
      .select({ id: goalRating.id, goalId: goalRating.goalId, date: goalRating.date, value: goalRating.value, respondent: goalRating.respondent })
      .from(goalRating)
      .where(and(eq(goalRating.municipalityId, mid), inArray(goalRating.goalId, goalIds)));
    await syncByKey(
      storedRatings.map((r) => ({ id: r.id, key: key(r.goalId, r.date, r.value, r.respondent) })),
      wantedRatings,
      this.counts.ratings,
      (ids) => tx.delete(goalRating).where(and(eq(goalRating.municipalityId, mid), inArray(goalRating.id, ids))),
      (rows) => tx.insert(goalRating).values(rows),
    );
  }

  private async interventions(f: ExchangeFamily, familyId: string, pid: (ref: string | undefined) => string | null, fp: string): Promise<void> {
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
      const [have] = await tx.select().from(intervention).where(and(eq(intervention.municipalityId, mid), eq(intervention.externalRef, iv.ref)));
      if (!have) {
        await tx.insert(intervention).values({ municipalityId: mid, externalRef: iv.ref, createdBy: this.ctx.actor?.userId ?? null, ...wanted });
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
          await tx
            .update(intervention)
            .set({ ...wanted, version: sql`${intervention.version} + 1`, updatedAt: this.ctx.now })
            .where(and(eq(intervention.municipalityId, mid), eq(intervention.id, have.id)));
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
  private async personSections(f: ExchangeFamily, pid: (ref: string | undefined) => string | null, memberIds: string[]): Promise<void> {
    const { tx, mid } = this;
    if (memberIds.length === 0) return;
    const recordedBy = this.ctx.actor?.userId ?? null;
    if (f.supportStatus) {
      const ids = this.unsynced('supportStatus', memberIds);
      const stored = await tx
        .select()
        .from(supportStatusPeriod)
        .where(and(eq(supportStatusPeriod.municipalityId, mid), inArray(supportStatusPeriod.personId, ids.size ? [...ids] : NO_ID)));
      await syncByKey(
        stored.map((s) => ({ id: s.id, key: key(s.personId, s.status, s.from, s.to) })),
        f.supportStatus.filter((s) => ids.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, status: s.status, from: s.from, to: nul(s.to), recordedBy };
          return { key: key(row.personId, row.status, row.from, row.to), row };
        }),
        this.counts.supportStatus,
        (ids) => tx.delete(supportStatusPeriod).where(and(eq(supportStatusPeriod.municipalityId, mid), inArray(supportStatusPeriod.id, ids))),
        (rows) => tx.insert(supportStatusPeriod).values(rows),
      );
    }
    if (f.childWelfare) {
      const ids = this.unsynced('childWelfare', memberIds);
      const stored = await tx
        .select()
        .from(childWelfarePeriod)
        .where(and(eq(childWelfarePeriod.municipalityId, mid), inArray(childWelfarePeriod.personId, ids.size ? [...ids] : NO_ID)));
      await syncByKey(
        stored.map((s) => ({ id: s.id, key: key(s.personId, s.kind, s.from, s.to, s.legalBasis) })),
        f.childWelfare.filter((s) => ids.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, kind: s.kind, from: s.from, to: nul(s.to), legalBasis: nul(s.legalBasis), recordedBy };
          return { key: key(row.personId, row.kind, row.from, row.to, row.legalBasis), row };
        }),
        this.counts.childWelfare,
        (ids) => tx.delete(childWelfarePeriod).where(and(eq(childWelfarePeriod.municipalityId, mid), inArray(childWelfarePeriod.id, ids))),
        (rows) => tx.insert(childWelfarePeriod).values(rows),
      );
    }
    if (f.concernReports) {
      const ids = this.unsynced('concernReports', memberIds);
      const stored = await tx
        .select()
        .from(concernReport)
        .where(and(eq(concernReport.municipalityId, mid), inArray(concernReport.personId, ids.size ? [...ids] : NO_ID)));
      await syncByKey(
        stored.map((s) => ({ id: s.id, key: key(s.personId, s.date, s.source) })),
        f.concernReports.filter((s) => ids.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, date: s.date, source: nul(s.source), recordedBy };
          return { key: key(row.personId, row.date, row.source), row };
        }),
        this.counts.concernReports,
        (ids) => tx.delete(concernReport).where(and(eq(concernReport.municipalityId, mid), inArray(concernReport.id, ids))),
        (rows) => tx.insert(concernReport).values(rows),
      );
    }
    if (f.schoolAttendance) {
      const ids = this.unsynced('schoolAttendance', memberIds);
      const stored = await tx
        .select()
        .from(schoolAttendance)
        .where(and(eq(schoolAttendance.municipalityId, mid), inArray(schoolAttendance.personId, ids.size ? [...ids] : NO_ID)));
      await syncByKey(
        stored.map((s) => ({ id: s.id, key: key(s.personId, s.from, s.to, Number(s.absencePercent)) })),
        f.schoolAttendance.filter((s) => ids.has(pid(s.person)!)).map((s) => {
          const row = { municipalityId: mid, personId: pid(s.person)!, from: s.from, to: s.to, absencePercent: s.absencePercent, recordedBy };
          return { key: key(row.personId, row.from, row.to, row.absencePercent), row };
        }),
        this.counts.schoolAttendance,
        (ids) => tx.delete(schoolAttendance).where(and(eq(schoolAttendance.municipalityId, mid), inArray(schoolAttendance.id, ids))),
        (rows) => tx.insert(schoolAttendance).values(rows),
      );
    }
  }
}
