import { and, eq, inArray, isNull } from 'drizzle-orm';
import type {
  ExchangeAssessment,
  ExchangeDocument,
  ExchangeFamily,
  ExchangeGoal,
  ExchangeIntervention,
  ExchangeMember,
} from '../../../shared/exchange/exchange.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { municipality } from '../../db/municipality.table.js';
import { withoutCpr } from '../../../shared/cpr.js';
import { pseudonym } from '../../db/pseudonym.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { family, familyMember, person } from '../families/families.table.js';
import { intervention, interventionType } from '../interventions/interventions.table.js';
import { assessment, childWelfarePeriod, concernReport, schoolAttendance, supportStatusPeriod } from '../measurements/measurements.table.js';
import { goalRating, planGoal } from '../plans/plans.table.js';

export interface ExportOptions {
  /** Only these families (ids); default every family of the municipality. */
  familyIds?: string[];
  /** Drop CPR and names, replace refs (and coordinators' e-mails) with keyed hashes; sets `pseudonymised: true`. */
  pseudonymise?: boolean;
}

const ROLE_ORDER = { parent: 0, child: 1, other: 2 } as const;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const by = <T>(...keys: ((x: T) => string | number)[]) => (a: T, b: T) => {
  for (const k of keys) {
    const x = k(a);
    const y = k(b);
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : cmp(String(x), String(y));
  }
  return 0;
};

/**
 * exportExchange(ctx, opts): the municipality's families (all, or `familyIds`) as a helhed-exchange v1
 * document, in a stable order (by ref), with refs from `external_ref` (the row's id where a row was not
 * imported). Pseudonymised, the refs are HMAC-SHA256 with the municipality's pseudonym key — the same in
 * every export. Audited as `exchange.export` naming every person exported.
 */
export async function exportExchange(ctx: Ctx, opts: ExportOptions = {}): Promise<ExchangeDocument> {
  const { tx, municipalityId: mid } = ctx;
  const pseudo = opts.pseudonymise === true;
  const [m] = await tx.select({ code: municipality.code, name: municipality.name }).from(municipality).where(eq(municipality.id, mid));
  const families = await tx
    .select({ f: family, email: staffUser.email, coordinatorName: staffUser.name })
    .from(family)
    .leftJoin(staffUser, and(eq(staffUser.municipalityId, family.municipalityId), eq(staffUser.id, family.coordinatorUserId)))
    .where(opts.familyIds ? and(eq(family.municipalityId, mid), inArray(family.id, opts.familyIds.length ? opts.familyIds : ['00000000-0000-0000-0000-000000000000'])) : eq(family.municipalityId, mid));
  const familyIds = families.map((x) => x.f.id);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const fids = familyIds.length ? familyIds : none;

  const members = await tx
    .select({ familyId: familyMember.familyId, role: familyMember.role, p: person })
    .from(familyMember)
    .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
    .where(and(eq(familyMember.municipalityId, mid), inArray(familyMember.familyId, fids)));
  const personIds = [...new Set(members.map((x) => x.p.id))];
  const pids = personIds.length ? personIds : none;

  const refCache = new Map<string, string>();
  const ref = async (kind: string, value: string): Promise<string> => {
    if (!pseudo) return value;
    const k = `${kind}:${value}`;
    let h = refCache.get(k);
    if (!h) {
      h = await pseudonym(ctx, `exchange.${kind}`, value);
      refCache.set(k, h);
    }
    return h;
  };
  const personRef = new Map<string, string>();
  for (const x of members) personRef.set(x.p.id, await ref('person', x.p.externalRef ?? x.p.id));
  const pref = (id: string | null) => (id === null ? undefined : personRef.get(id));

  const goals = await tx
    .select()
    .from(planGoal)
    .where(and(eq(planGoal.municipalityId, mid), inArray(planGoal.familyId, fids), isNull(planGoal.removedAt)));
  const ratings = await tx
    .select()
    .from(goalRating)
    .where(and(eq(goalRating.municipalityId, mid), inArray(goalRating.familyId, fids)));
  const support = await tx
    .select()
    .from(supportStatusPeriod)
    .where(and(eq(supportStatusPeriod.municipalityId, mid), inArray(supportStatusPeriod.personId, pids)));
  const welfare = await tx
    .select()
    .from(childWelfarePeriod)
    .where(and(eq(childWelfarePeriod.municipalityId, mid), inArray(childWelfarePeriod.personId, pids)));
  const concerns = await tx
    .select()
    .from(concernReport)
    .where(and(eq(concernReport.municipalityId, mid), inArray(concernReport.personId, pids)));
  const school = await tx
    .select()
    .from(schoolAttendance)
    .where(and(eq(schoolAttendance.municipalityId, mid), inArray(schoolAttendance.personId, pids)));
  const interventions = await tx
    .select({ i: intervention, typeCode: interventionType.code, category: interventionType.category, legalBasis: interventionType.legalBasis, departmentCode: department.code })
    .from(intervention)
    .innerJoin(interventionType, and(eq(interventionType.municipalityId, intervention.municipalityId), eq(interventionType.id, intervention.typeId)))
    .innerJoin(department, and(eq(department.municipalityId, intervention.municipalityId), eq(department.id, intervention.departmentId)))
    .where(and(eq(intervention.municipalityId, mid), inArray(intervention.familyId, fids)));
  const assessments = await tx
    .select()
    .from(assessment)
    .where(and(eq(assessment.municipalityId, mid), inArray(assessment.familyId, fids)));

  const out: ExchangeFamily[] = [];
  for (const { f, email, coordinatorName } of families) {
    const fam: ExchangeFamily = { ref: await ref('family', f.externalRef ?? f.id), status: f.status, members: [] };
    if (f.referredAt) fam.referredAt = f.referredAt;
    if (f.enrolledAt) fam.enrolledAt = f.enrolledAt;
    if (f.completedAt) fam.completedAt = f.completedAt;
    if (f.withdrawnAt) fam.withdrawnAt = f.withdrawnAt;
    if (f.completionReason) fam.completionReason = f.completionReason;
    if (email) fam.coordinator = pseudo ? { email: `${(await ref('coordinator', email)).slice(0, 24)}@pseudonym.invalid` } : { email, name: coordinatorName ?? undefined };

    const mine = members.filter((x) => x.familyId === f.id);
    const inFamily = new Set(mine.map((x) => x.p.id));
    fam.members = mine
      .map(({ role, p }): ExchangeMember => {
        const mem: ExchangeMember = { ref: personRef.get(p.id)!, role, birthDate: p.birthDate, sex: p.sex };
        if (!pseudo) {
          if (p.cpr) mem.cpr = p.cpr;
          if (p.givenName) mem.givenName = p.givenName;
          if (p.familyName) mem.familyName = p.familyName;
        }
        if (p.preferredLanguage) mem.preferredLanguage = p.preferredLanguage;
        return mem;
      })
      .sort(by((x) => ROLE_ORDER[x.role], (x) => x.birthDate, (x) => x.ref));

    const fg = goals.filter((g) => g.familyId === f.id);
    // A goal's title is in the family's own words and often names a member (»Yusuf kommer i skole«): pseudonymised,
    // the members' names and anything shaped like a CPR number are blanked out of it.
    const names = pseudo ? mine.flatMap(({ p }) => [p.givenName, p.familyName]) : [];
    const goalOut: ExchangeGoal[] = [];
    for (const g of fg) {
      const title = pseudo ? withoutNames(withoutCpr(g.title), names) : g.title;
      const go: ExchangeGoal = { ref: await ref('goal', g.externalRef ?? g.id), domain: g.domain, horizon: g.horizon, title, createdAt: g.createdAt, status: g.status };
      const p = pref(g.personId);
      if (p) go.person = p;
      if (g.targetDate) go.targetDate = g.targetDate;
      go.ratings = ratings
        .filter((r) => r.goalId === g.id)
        .map((r) => ({ date: r.date, value: r.value, by: r.respondent }))
        .sort(by((r) => r.date, (r) => r.by, (r) => r.value));
      goalOut.push(go);
    }
    fam.goals = goalOut.sort(by((g) => g.ref));
    fam.supportStatus = support
      .filter((s) => inFamily.has(s.personId))
      .map((s) => ({ person: pref(s.personId)!, status: s.status, from: s.from, to: s.to }))
      .sort(by((s) => s.person, (s) => s.from, (s) => s.status));
    fam.childWelfare = welfare
      .filter((s) => inFamily.has(s.personId))
      .map((s) => ({ person: pref(s.personId)!, kind: s.kind, from: s.from, to: s.to, ...(s.legalBasis !== null ? { legalBasis: s.legalBasis } : {}) }))
      .sort(by((s) => s.person, (s) => s.from, (s) => s.kind, (s) => s.to ?? '', (s) => s.legalBasis ?? ''));
    fam.concernReports = concerns
      .filter((s) => inFamily.has(s.personId))
      .map((s) => ({ person: pref(s.personId)!, date: s.date, ...(s.source !== null ? { source: s.source } : {}) }))
      .sort(by((s) => s.person, (s) => s.date, (s) => s.source ?? ''));
    fam.schoolAttendance = school
      .filter((s) => inFamily.has(s.personId))
      .map((s) => ({ person: pref(s.personId)!, from: s.from, to: s.to, absencePercent: Number(s.absencePercent) }))
      .sort(by((s) => s.person, (s) => s.from, (s) => s.to, (s) => s.absencePercent));
    const ivOut: ExchangeIntervention[] = [];
    for (const x of interventions.filter((y) => y.i.familyId === f.id)) {
      const iv: ExchangeIntervention = {
        ref: await ref('intervention', x.i.externalRef ?? x.i.id),
        type: x.typeCode,
        category: x.category,
        department: x.departmentCode,
        from: x.i.from,
        to: x.i.to,
        price: { amount: x.i.priceAmount, per: x.i.pricePer },
      };
      const p = pref(x.i.personId);
      if (p) iv.person = p;
      if (x.legalBasis) iv.legalBasis = x.legalBasis;
      if (x.i.hoursPerWeek !== null) iv.hoursPerWeek = x.i.hoursPerWeek;
      ivOut.push(iv);
    }
    fam.interventions = ivOut.sort(by((i) => i.ref));
    fam.assessments = assessments
      .filter((a) => a.familyId === f.id)
      .map((a): ExchangeAssessment => {
        const o: ExchangeAssessment = { instrument: a.instrument, instrumentVersion: a.instrumentVersion, date: a.date, by: a.respondent, answers: a.answers };
        const p = pref(a.personId);
        if (p) o.person = p;
        return o;
      })
      .sort(by((a) => a.date, (a) => a.instrument, (a) => a.person ?? '', (a) => a.by, (a) => JSON.stringify(a.answers)));
    out.push(fam);
  }
  out.sort(by((f) => f.ref));

  await audit(ctx, {
    action: 'exchange.export',
    targetType: 'municipality',
    targetId: mid,
    personIds,
    details: { families: out.length, pseudonymised: pseudo, selection: opts.familyIds ? 'list' : 'all' },
  });
  const doc: ExchangeDocument = { format: 'helhed-exchange', version: 1, municipality: { code: m!.code, name: m!.name }, exportedAt: ctx.now.toISOString(), families: out };
  if (pseudo) doc.pseudonymised = true;
  return doc;
}

/** What stands in a pseudonymised text where a member's name stood. */
export const NAME_PLACEHOLDER = '[navn]';

/**
 * `text` with every word that is one of `names` (each name split into its parts: »Anne-Mette Holm« gives Anne, Mette
 * and Holm) replaced by {@link NAME_PLACEHOLDER}, whole words only (with a genitive s), whatever the case; parts of one
 * letter are kept.
 */
export function withoutNames(text: string, names: readonly (string | null | undefined)[]): string {
  const parts = [...new Set(names.flatMap((n) => (n ?? '').split(/[\s\-']+/u)).filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
  if (parts.length === 0) return text;
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // The Danish genitive (»Yusufs«, »Ali's«) goes with the name.
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?:s|['’]s)?(?![\\p{L}\\p{N}])`, 'giu'), NAME_PLACEHOLDER);
}
