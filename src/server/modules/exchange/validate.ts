import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';
import schema from '../../../shared/exchange/helhed-exchange.schema.json' with { type: 'json' };
import { parseCpr } from '../../../shared/cpr.js';
import type {
  ExchangeChildWelfare,
  ExchangeConcernReport,
  ExchangeDocument,
  ExchangeFamily,
  ExchangeMember,
  ExchangeProblem,
  ExchangeSchoolAttendance,
  ExchangeSupportStatus,
} from '../../../shared/exchange/exchange.js';

// ajv-formats is CommonJS; under tsx/vitest its default export may arrive wrapped.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport;

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

/** JSON pointer escaping of one segment (RFC 6901). */
function seg(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

function schemaProblem(e: ErrorObject): ExchangeProblem {
  const at = e.instancePath || '';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      return { pointer: `${at}/${seg(name)}`, da: `Feltet «${name}» mangler.`, en: `The field "${name}" is missing.` };
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      return { pointer: `${at}/${seg(name)}`, da: `Feltet «${name}» er ikke en del af formatet.`, en: `The field "${name}" is not part of the format.` };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String).join(', ');
      return { pointer: at, da: `Ugyldig værdi. Tilladt: ${allowed}.`, en: `Invalid value. Allowed: ${allowed}.` };
    }
    case 'const':
      return { pointer: at, da: `Værdien skal være ${JSON.stringify(p.allowedValue)}.`, en: `The value must be ${JSON.stringify(p.allowedValue)}.` };
    case 'type':
      return { pointer: at, da: `Værdien skal være af typen ${String(p.type)}.`, en: `The value must be of type ${String(p.type)}.` };
    case 'format':
    case 'pattern': {
      const what = e.keyword === 'format' ? String(p.format) : String(p.pattern);
      const da = what === 'date' || what.startsWith('^[0-9]{4}') ? 'Datoen skal være en gyldig dato (ÅÅÅÅ-MM-DD).' : `Værdien har ikke den rette form (${what}).`;
      const en = what === 'date' || what.startsWith('^[0-9]{4}') ? 'The date must be a real date (YYYY-MM-DD).' : `The value does not have the right form (${what}).`;
      return { pointer: at, da, en };
    }
    case 'minimum':
    case 'maximum':
      return {
        pointer: at,
        da: `Værdien skal være ${e.keyword === 'minimum' ? 'mindst' : 'højst'} ${String(p.limit)}.`,
        en: `The value must be at ${e.keyword === 'minimum' ? 'least' : 'most'} ${String(p.limit)}.`,
      };
    case 'minLength':
    case 'maxLength':
      return {
        pointer: at,
        da: `Teksten skal være ${e.keyword === 'minLength' ? 'mindst' : 'højst'} ${String(p.limit)} tegn.`,
        en: `The text must be at ${e.keyword === 'minLength' ? 'least' : 'most'} ${String(p.limit)} characters.`,
      };
    case 'minItems':
      return { pointer: at, da: `Listen skal have mindst ${String(p.limit)} element(er).`, en: `The list must have at least ${String(p.limit)} item(s).` };
    case 'anyOf':
      return { pointer: at, da: 'Værdien skal være en dato (ÅÅÅÅ-MM-DD) eller null.', en: 'The value must be a date (YYYY-MM-DD) or null.' };
    default:
      return { pointer: at, da: `Ugyldig værdi (${e.keyword}).`, en: e.message ? `Invalid value: ${e.message}.` : 'Invalid value.' };
  }
}

/** Problems against the JSON Schema, one per place (anyOf's inner errors are folded into the anyOf). */
function schemaProblems(doc: unknown): ExchangeProblem[] {
  if (validateSchema(doc)) return [];
  const errors = validateSchema.errors ?? [];
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: ExchangeProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath) && e.schemaPath.includes('/anyOf/')) continue;
    const p = schemaProblem(e);
    const key = `${p.pointer}\u0000${p.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

const before = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a > b;

/**
 * The domain rules of the format beyond the schema (the schema must already hold): refs unique within their
 * kind in the file, person refs exist in their family, dates in order, no overlapping support periods for one
 * person, CPR valid and consistent with birth date and sex, hours per week for hourly prices.
 *
 * A member ref names one person: the same person may be a member of several families (a parent with children
 * in two households), and then appears in each with the same ref and the same person fields (CPR, names, birth
 * date, sex, language; the role belongs to the membership). A ref reused with other person data, or twice in one
 * family, is refused. The person's own history (support status, child welfare, concern reports, school
 * attendance) must then be the same in every family that carries that section, since each is authoritative for
 * it (decision 0014) — otherwise the last family would silently win and a re-import would change data.
 */
export function domainProblems(doc: ExchangeDocument): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  const add = (pointer: string, da: string, en: string) => problems.push({ pointer, da, en });
  const seenRefs: Record<'family' | 'goal' | 'intervention', Map<string, string>> = {
    family: new Map(),
    goal: new Map(),
    intervention: new Map(),
  };
  /** Each member ref's first occurrence: where, in which family, and its person fields. */
  const persons = new Map<string, { pointer: string; fi: number; fields: string }>();
  const personFields = (m: ExchangeMember) =>
    JSON.stringify([m.cpr?.replace('-', '') ?? null, m.givenName ?? null, m.familyName ?? null, m.birthDate, m.sex, m.preferredLanguage ?? null]);
  /** Families in which each member ref appears, for the shared-person history check. */
  const familiesOf = new Map<string, number[]>();
  const unique = (kind: keyof typeof seenRefs, ref: string, pointer: string) => {
    const first = seenRefs[kind].get(ref);
    if (first) add(pointer, `Referencen «${ref}» er brugt før i filen (${first}).`, `The ref "${ref}" is used earlier in the file (${first}).`);
    else seenRefs[kind].set(ref, pointer);
  };
  const ordered = (pointer: string, a: string | null | undefined, b: string | null | undefined, aName: string, bName: string) => {
    if (before(a, b)) add(pointer, `${bName} (${b}) ligger før ${aName} (${a}).`, `${bName} (${b}) is before ${aName} (${a}).`);
  };

  const cprs = new Map<string, string>();
  doc.families.forEach((f: ExchangeFamily, fi) => {
    const fp = `/families/${fi}`;
    unique('family', f.ref, `${fp}/ref`);
    ordered(`${fp}/enrolledAt`, f.referredAt, f.enrolledAt, 'referredAt', 'enrolledAt');
    ordered(`${fp}/completedAt`, f.enrolledAt ?? f.referredAt, f.completedAt, f.enrolledAt ? 'enrolledAt' : 'referredAt', 'completedAt');
    ordered(`${fp}/withdrawnAt`, f.enrolledAt ?? f.referredAt, f.withdrawnAt, f.enrolledAt ? 'enrolledAt' : 'referredAt', 'withdrawnAt');
    if (f.status === 'completed' && !f.completedAt) add(`${fp}/completedAt`, 'En afsluttet familie skal have completedAt.', 'A completed family needs completedAt.');
    if (f.status === 'withdrawn' && !f.withdrawnAt) add(`${fp}/withdrawnAt`, 'En udtrådt familie skal have withdrawnAt.', 'A withdrawn family needs withdrawnAt.');
    if (['active', 'paused', 'completed'].includes(f.status) && !f.enrolledAt)
      add(`${fp}/enrolledAt`, `En familie med status ${f.status} skal have enrolledAt.`, `A family with status ${f.status} needs enrolledAt.`);
    if (f.completedAt && f.status !== 'completed')
      add(`${fp}/completedAt`, 'Kun en afsluttet familie (status completed) kan have completedAt.', 'Only a completed family (status completed) can have completedAt.');

    const members = new Set<string>();
    f.members.forEach((m, mi) => {
      const mp = `${fp}/members/${mi}`;
      const first = persons.get(m.ref);
      // The same person in another family with the same person data: one person, two memberships.
      const samePerson = first !== undefined && first.fi !== fi && first.fields === personFields(m);
      if (!first) persons.set(m.ref, { pointer: `${mp}/ref`, fi, fields: personFields(m) });
      else if (first.fi === fi)
        add(`${mp}/ref`, `Referencen «${m.ref}» er brugt før i samme familie (${first.pointer}).`, `The ref "${m.ref}" is used earlier in the same family (${first.pointer}).`);
      else if (!samePerson)
        add(
          `${mp}/ref`,
          `Referencen «${m.ref}» er brugt før i filen (${first.pointer}) med andre persondata. Samme ref i to familier skal have samme CPR, navne, fødselsdato, køn og sprog.`,
          `The ref "${m.ref}" is used earlier in the file (${first.pointer}) with other person data. The same ref in two families needs the same CPR, names, birth date, sex and language.`,
        );
      if (!members.has(m.ref)) familiesOf.set(m.ref, [...(familiesOf.get(m.ref) ?? []), fi]);
      members.add(m.ref);
      if (m.cpr !== undefined) {
        const r = parseCpr(m.cpr);
        const digits = m.cpr.replace('-', '');
        const firstCpr = cprs.get(digits);
        if (firstCpr && !samePerson) add(`${mp}/cpr`, `CPR-nummeret er brugt før i filen (${firstCpr}).`, `The CPR number is used earlier in the file (${firstCpr}).`);
        else if (!firstCpr) cprs.set(digits, `${mp}/cpr`);
        if (!r.ok) add(`${mp}/cpr`, 'CPR-nummeret er ikke gyldigt (de første seks cifre er ikke en rigtig dato).', 'The CPR number is not valid (the first six digits are not a real date).');
        else {
          if (r.birthDate !== m.birthDate)
            add(`${mp}/birthDate`, `Fødselsdatoen passer ikke med CPR-nummeret (${r.birthDate}).`, `The birth date does not match the CPR number (${r.birthDate}).`);
          if (m.sex !== 'unknown' && r.sex !== m.sex)
            add(`${mp}/sex`, `Køn passer ikke med CPR-nummeret (${r.sex === 'female' ? 'kvinde' : 'mand'}).`, `The sex does not match the CPR number (${r.sex}).`);
        }
      }
    });
    const person = (ref: string | undefined, pointer: string) => {
      if (ref !== undefined && !members.has(ref))
        add(pointer, `Personen «${ref}» er ikke medlem af familien.`, `The person "${ref}" is not a member of the family.`);
    };

    (f.goals ?? []).forEach((g, gi) => {
      const gp = `${fp}/goals/${gi}`;
      unique('goal', g.ref, `${gp}/ref`);
      person(g.person, `${gp}/person`);
      ordered(`${gp}/targetDate`, g.createdAt, g.targetDate, 'createdAt', 'targetDate');
      (g.ratings ?? []).forEach((r, ri) => ordered(`${gp}/ratings/${ri}/date`, g.createdAt, r.date, 'createdAt', 'date'));
    });

    const periods = new Map<string, { from: string; to: string | null; i: number }[]>();
    (f.supportStatus ?? []).forEach((s, si) => {
      const sp = `${fp}/supportStatus/${si}`;
      person(s.person, `${sp}/person`);
      ordered(`${sp}/to`, s.from, s.to, 'from', 'to');
      const list = periods.get(s.person) ?? [];
      list.push({ from: s.from, to: s.to ?? null, i: si });
      periods.set(s.person, list);
    });
    for (const list of periods.values()) {
      const sorted = [...list].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.i - b.i));
      for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1]!;
        const cur = sorted[k]!;
        if (prev.to === null || prev.to >= cur.from)
          add(
            `${fp}/supportStatus/${cur.i}/from`,
            `Perioden overlapper perioden i supportStatus/${prev.i} for samme person.`,
            `The period overlaps the period in supportStatus/${prev.i} for the same person.`,
          );
      }
    }
    (f.childWelfare ?? []).forEach((c, ci) => {
      person(c.person, `${fp}/childWelfare/${ci}/person`);
      ordered(`${fp}/childWelfare/${ci}/to`, c.from, c.to, 'from', 'to');
    });
    (f.concernReports ?? []).forEach((c, ci) => person(c.person, `${fp}/concernReports/${ci}/person`));
    (f.schoolAttendance ?? []).forEach((s, si) => {
      person(s.person, `${fp}/schoolAttendance/${si}/person`);
      ordered(`${fp}/schoolAttendance/${si}/to`, s.from, s.to, 'from', 'to');
    });
    (f.interventions ?? []).forEach((iv, ii) => {
      const ip = `${fp}/interventions/${ii}`;
      unique('intervention', iv.ref, `${ip}/ref`);
      person(iv.person, `${ip}/person`);
      ordered(`${ip}/to`, iv.from, iv.to, 'from', 'to');
      if (iv.price.per === 'hour' && iv.hoursPerWeek === undefined)
        add(`${ip}/hoursPerWeek`, 'Timer pr. uge skal angives, når prisen er pr. time.', 'Hours per week are required when the price is per hour.');
    });
    (f.assessments ?? []).forEach((a, ai) => person(a.person, `${fp}/assessments/${ai}/person`));
  });
  sharedHistoryProblems(doc, familiesOf, add);
  return problems;
}

const PERSON_SECTIONS = [
  { key: 'supportStatus', da: 'forsørgelsesperioder', en: 'support status periods', row: (x: ExchangeSupportStatus) => [x.status, x.from, x.to ?? null] },
  { key: 'childWelfare', da: 'børnesager', en: 'child-welfare periods', row: (x: ExchangeChildWelfare) => [x.kind, x.from, x.to ?? null, x.legalBasis ?? null] },
  { key: 'concernReports', da: 'underretninger', en: 'concern reports', row: (x: ExchangeConcernReport) => [x.date, x.source ?? null] },
  { key: 'schoolAttendance', da: 'skolefravær', en: 'school attendance', row: (x: ExchangeSchoolAttendance) => [x.from, x.to, x.absencePercent] },
] as const;

/** A person in several families: each family that carries a person section must carry the same rows for them. */
function sharedHistoryProblems(doc: ExchangeDocument, familiesOf: Map<string, number[]>, add: (pointer: string, da: string, en: string) => void): void {
  for (const [ref, fis] of familiesOf) {
    if (fis.length < 2) continue;
    for (const section of PERSON_SECTIONS) {
      let first: { fi: number; rows: string } | undefined;
      for (const fi of fis) {
        const list = doc.families[fi]![section.key] as { person: string }[] | undefined;
        if (list === undefined) continue;
        const rows = JSON.stringify(
          list
            .filter((x) => x.person === ref)
            .map((x) => JSON.stringify((section.row as (y: unknown) => unknown[])(x)))
            .sort(),
        );
        if (!first) first = { fi, rows };
        else if (first.rows !== rows)
          add(
            `/families/${fi}/${section.key}`,
            `Personen «${ref}» er også medlem af /families/${first.fi}, men har andre ${section.da} her. En persons ${section.da} skal være de samme i hver familie.`,
            `The person "${ref}" is also a member of /families/${first.fi} but has other ${section.en} here. A person's ${section.en} must be the same in every family.`,
          );
      }
    }
  }
}

/** Every problem in a document: the schema first; the domain rules only when the schema holds. */
export function validateExchange(doc: unknown): { ok: true; doc: ExchangeDocument } | { ok: false; problems: ExchangeProblem[] } {
  const s = schemaProblems(doc);
  if (s.length > 0) return { ok: false, problems: s };
  const d = domainProblems(doc as ExchangeDocument);
  if (d.length > 0) return { ok: false, problems: d };
  return { ok: true, doc: doc as ExchangeDocument };
}
