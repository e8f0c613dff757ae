/**
 * The demo municipality as a helhed-exchange v1 document (issue 5, item 6: `helhed demo`). Pure and
 * deterministic: the same size, seed and `today` give the same document, deep-equal — a seeded PRNG
 * (mulberry32), no Math.random, no clock. Everything is invented: names from common name lists, CPR numbers
 * that pass modulus 11 and agree with birth date and sex, and histories shaped like the Gladsaxe effort's
 * (many parents on kontanthjælp at enrolment, a moderate share self-supporting two years later, child-welfare
 * measures that end, fewer concern reports after enrolment, goal ratings that tend to rise).
 *
 * Sizes: `small` ≈ 60 families; `large` 3,000 families active at `today` (a few of them paused) plus
 * completed, withdrawn, declined and newly referred ones over ten years of history (≈ 5,800 families).
 */
import { addDays, addMonths, daysBetween, fromDayNumber, toDayNumber, type IsoDate } from '../../../shared/dates.js';
import type {
  ExchangeAssessment,
  ExchangeChildWelfare,
  ExchangeConcernReport,
  ExchangeDocument,
  ExchangeFamily,
  ExchangeFamilyStatus,
  ExchangeGoal,
  ExchangeIntervention,
  ExchangeMember,
  ExchangeRating,
  ExchangeSchoolAttendance,
  ExchangeSupportStatus,
} from '../../../shared/exchange/exchange.js';
import { DEFAULT_PUBLIC_SUPPORT, EXPERIENCE_ITEMS_V1, WHO5_ITEMS_V1, type SupportStatus } from '../../../shared/measurements.js';

export type DemoSize = 'small' | 'large';
export const DEMO_SIZES: readonly DemoSize[] = ['small', 'large'];

/** The demo municipality: a code no Danish municipality has (they run 101–860). */
export const DEMO_MUNICIPALITY = { code: '900', name: 'Demo Kommune' } as const;
/** Coordinators are koordinator1@… koordinatorN@ this domain. */
export const DEMO_EMAIL_DOMAIN = 'demo.helhed.dk';
export const DEFAULT_DEMO_SEED = 20_161_001;

export interface DemoOptions {
  size: DemoSize;
  seed?: number;
  /** The demo's "today": the CLI passes today's date in Denmark, tests a fixed date. */
  today: IsoDate;
}

interface SizePlan {
  active: number;
  paused: number;
  completed: number;
  withdrawn: number;
  referred: number;
  assessing: number;
  declined: number;
  coordinators: number;
}

const PLANS: Record<DemoSize, SizePlan> = {
  small: { active: 34, paused: 2, completed: 14, withdrawn: 4, referred: 2, assessing: 2, declined: 2, coordinators: 4 },
  large: { active: 2910, paused: 90, completed: 2150, withdrawn: 380, referred: 60, assessing: 80, declined: 130, coordinators: 150 },
};

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let u = this.next() * total;
    for (const [v, w] of pairs) {
      u -= w;
      if (u < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Poisson by inversion (small means). */
  poisson(mean: number): number {
    const l = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Names. Most families have Danish names; about one in five has names from the larger immigrant groups.

interface NameGroup {
  weight: number;
  language: string;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

const NAME_GROUPS: readonly NameGroup[] = [
  {
    weight: 78,
    language: 'da',
    female: ['Mette', 'Anne', 'Camilla', 'Louise', 'Sofie', 'Maria', 'Julie', 'Line', 'Maja', 'Emma', 'Ida', 'Freja', 'Clara', 'Laura', 'Signe', 'Karen', 'Pernille', 'Stine', 'Nanna', 'Cecilie', 'Malene', 'Tina', 'Heidi', 'Sara', 'Alma', 'Ella', 'Josefine', 'Mathilde', 'Astrid', 'Lærke'],
    male: ['Mads', 'Peter', 'Jonas', 'Mikkel', 'Rasmus', 'Anders', 'Jesper', 'Thomas', 'Martin', 'Kasper', 'Søren', 'Lars', 'Henrik', 'Morten', 'Nikolaj', 'Frederik', 'Oliver', 'William', 'Noah', 'Lucas', 'Emil', 'Magnus', 'Victor', 'Oskar', 'Carl', 'Alfred', 'Malthe', 'Valdemar', 'Aksel', 'Bjørn'],
    surnames: ['Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Frederiksen', 'Lund', 'Holm', 'Schmidt', 'Eriksen', 'Kjær', 'Bech'],
  },
  {
    weight: 7,
    language: 'ar',
    female: ['Fatima', 'Aisha', 'Mariam', 'Nour', 'Layla', 'Yasmin', 'Sara', 'Amira', 'Hiba', 'Rania'],
    male: ['Mohammad', 'Ahmad', 'Ali', 'Omar', 'Yusuf', 'Khalid', 'Hassan', 'Ibrahim', 'Karim', 'Samir'],
    surnames: ['Hassan', 'Ali', 'Ahmad', 'Abdallah', 'Khalil', 'Mahmoud', 'Saleh', 'Haddad', 'Nasser', 'Omar'],
  },
  {
    weight: 4,
    language: 'so',
    female: ['Hodan', 'Amina', 'Faadumo', 'Sahra', 'Ifrah', 'Hibo', 'Nasra', 'Sagal'],
    male: ['Abdi', 'Mahad', 'Liban', 'Abdirahman', 'Hamza', 'Said', 'Farah', 'Yasin'],
    surnames: ['Mohamed', 'Farah', 'Warsame', 'Yusuf', 'Abdi', 'Osman', 'Hussein', 'Jama'],
  },
  {
    weight: 5,
    language: 'tr',
    female: ['Ayse', 'Elif', 'Zeynep', 'Emine', 'Merve', 'Esra', 'Hatice', 'Derya'],
    male: ['Mehmet', 'Mustafa', 'Emre', 'Murat', 'Burak', 'Hakan', 'Kemal', 'Serkan'],
    surnames: ['Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Yildiz', 'Aydin', 'Öztürk'],
  },
  {
    weight: 3,
    language: 'uk',
    female: ['Olena', 'Iryna', 'Oksana', 'Natalia', 'Yulia', 'Kateryna'],
    male: ['Taras', 'Andriy', 'Oleksandr', 'Dmytro', 'Serhiy', 'Mykola'],
    surnames: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko'],
  },
  {
    weight: 3,
    language: 'pl',
    female: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Monika', 'Ewa'],
    male: ['Piotr', 'Tomasz', 'Krzysztof', 'Marcin', 'Pawel', 'Jakub'],
    surnames: ['Nowak', 'Kowalski', 'Wisniewski', 'Wójcik', 'Kaminski', 'Lewandowski'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// CPR numbers: DDMMYY + a serial whose first digit gives the century, modulus 11 valid, last digit's parity
// the sex (DESIGN.md, CPR numbers; src/shared/cpr.ts).

const CPR_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

function makeCpr(rng: Rng, birthDate: IsoDate, sex: 'female' | 'male', used: Set<string>): string {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const head = `${d}${m}${y!.slice(2)}`;
  for (;;) {
    // 1900–1999: 7th digit 0–3; 2000–2036: 4–9 (all of them read as 2000s for YY ≤ 36).
    const seventh = year < 2000 ? rng.int(0, 3) : rng.int(4, 9);
    const nine = `${head}${seventh}${rng.int(0, 9)}${rng.int(0, 9)}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * CPR_WEIGHTS[i]!;
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    if ((check % 2 === 1) !== (sex === 'male')) continue;
    const cpr = `${nine}${check}`;
    if (used.has(cpr)) continue;
    used.add(cpr);
    return cpr;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The catalogue: intervention types priced like test/fixtures/exchange/example.json (the shared contract's example), in the default departments.

interface CatalogueType {
  type: string;
  /** Its Danish name in the catalogue (set by the demo command; the file carries only the code). */
  name: string;
  category: string;
  department: string;
  legalBasis?: string;
  price: { amount: number; per: 'hour' | 'day' | 'week' | 'month' | 'year' | 'once' };
  hours?: readonly [number, number];
}

const JOBCENTER = 'Jobcenter';
const CHILDREN = 'Børne- og Familieafdelingen';
const HEALTH_VISITORS = 'Sundhedspleje';
const SCHOOL = 'Dagtilbud og Skole';
const ADULTS = 'Voksen/Handicap';
const BENEFITS = 'Ydelse';

const CATALOGUE = {
  mentor: { type: 'mentor', name: 'Mentor', category: 'employment_support', department: JOBCENTER, price: { amount: 450, per: 'hour' }, hours: [1, 6] },
  jobConsultant: { type: 'job_consultant', name: 'Jobkonsulent', category: 'employment_support', department: JOBCENTER, price: { amount: 2100, per: 'month' } },
  debtCounselling: { type: 'debt_counselling', name: 'Gældsrådgivning', category: 'economy', department: BENEFITS, price: { amount: 60, per: 'day' } },
  familyTreatment: { type: 'family_treatment', name: 'Familiebehandling', category: 'family_support', department: CHILDREN, legalBasis: 'Barnets lov § 32', price: { amount: 3200, per: 'week' } },
  contactPerson: { type: 'contact_person', name: 'Kontaktperson', category: 'family_support', department: CHILDREN, legalBasis: 'Barnets lov § 32', price: { amount: 520, per: 'hour' }, hours: [2, 6] },
  fosterCare: { type: 'placement_foster', name: 'Anbringelse i plejefamilie', category: 'placement', department: CHILDREN, legalBasis: 'Barnets lov § 46', price: { amount: 420_000, per: 'year' } },
  psychologist: { type: 'psychologist', name: 'Psykologforløb', category: 'therapy', department: ADULTS, price: { amount: 9000, per: 'once' } },
  substanceTreatment: { type: 'substance_treatment', name: 'Misbrugsbehandling', category: 'substance_abuse', department: ADULTS, legalBasis: 'Serviceloven § 101', price: { amount: 2500, per: 'week' } },
  healthVisits: { type: 'extra_health_visits', name: 'Ekstra sundhedsplejebesøg', category: 'health', department: HEALTH_VISITORS, price: { amount: 650, per: 'hour' }, hours: [1, 2] },
  schoolSupport: { type: 'school_support', name: 'Støtte i skolen', category: 'daycare_school', department: SCHOOL, price: { amount: 480, per: 'hour' }, hours: [3, 8] },
} satisfies Record<string, CatalogueType>;

/**
 * The catalogue's Danish names by type code. The exchange format carries no name for a type, so the import names a
 * new type after its code ("Placement foster"); the demo command gives its types these names instead.
 */
export const DEMO_TYPE_NAMES: ReadonlyMap<string, string> = new Map(Object.values(CATALOGUE).map((t) => [t.type, t.name]));

// ---------------------------------------------------------------------------------------------------------
// Goals in the family's own words, per life domain.

const ADULT_DOMAINS = ['economy', 'work_education', 'housing', 'health', 'substance_use', 'everyday_life', 'parenting', 'network', 'safety'] as const;
const CHILD_DOMAINS = ['child_health', 'child_development', 'daycare_school', 'leisure_friends'] as const;

const GOAL_TITLES: Record<string, readonly string[]> = {
  economy: ['Få styr på regningerne', 'Betale gælden af', 'Lave et budget, vi kan holde', 'Have penge til hele måneden'],
  work_education: ['Komme i job', 'Komme i praktik', 'Starte på en uddannelse', 'Få et job med faste timer', 'Blive bedre til dansk'],
  housing: ['Finde en større lejlighed', 'Beholde lejligheden', 'Få ro i opgangen'],
  health: ['Få det bedre med min ryg', 'Sove bedre om natten', 'Få hjælp til min angst', 'Gå en tur hver dag'],
  substance_use: ['Drikke mindre', 'Stoppe med at ryge hash'],
  everyday_life: ['Få morgenerne til at fungere', 'Faste rutiner ved sengetid', 'Lave aftensmad sammen', 'Have overskud til weekenden'],
  parenting: ['Mindre skæld ud derhjemme', 'Sætte grænser uden at råbe', 'Være der for børnene', 'Blive enige om opdragelsen'],
  network: ['Have nogen at ringe til', 'Se familien oftere', 'Lære andre forældre at kende'],
  safety: ['Føle os trygge derhjemme', 'Ingen vold i hjemmet'],
  child_health: ['Gå til tandlæge', 'Spise sundere', 'Sove hele natten', 'Komme til sundhedsplejersken'],
  child_development: ['Tale flere ord', 'Kunne styre sin vrede', 'Lege med andre børn'],
  daycare_school: ['Komme i skole hver dag', 'Trives i børnehaven', 'Følge med i dansk og matematik', 'Komme til tiden om morgenen'],
  leisure_friends: ['Gå til fodbold', 'Have en ven med hjem', 'Starte i en klub', 'Gå til svømning'],
};

const COMPLETION_REASONS = ['Målene er nået', 'Familien klarer sig selv', 'Familien er flyttet fra kommunen', 'Aftalt afslutning'];

// ---------------------------------------------------------------------------------------------------------
// Support status.

const PUBLIC = new Set<SupportStatus>(DEFAULT_PUBLIC_SUPPORT);
/** Statuses that rarely change (early retirement, flex job). */
const STICKY = new Set<SupportStatus>(['foertidspension', 'fleksjob', 'efterloen']);

const BASELINE_MOTHER: readonly (readonly [SupportStatus, number])[] = [
  ['kontanthjaelp', 36], ['uddannelseshjaelp', 8], ['integrationsydelse', 5], ['sygedagpenge', 8], ['a_dagpenge', 4], ['jobafklaring', 4],
  ['ressourceforloeb', 5], ['fleksjob', 3], ['foertidspension', 4], ['employed', 13], ['education_su', 4], ['barselsdagpenge', 4], ['self_employed', 1], ['other_self_supported', 1],
];
const BASELINE_FATHER: readonly (readonly [SupportStatus, number])[] = [
  ['kontanthjaelp', 30], ['uddannelseshjaelp', 5], ['integrationsydelse', 5], ['sygedagpenge', 8], ['a_dagpenge', 6], ['jobafklaring', 4],
  ['ressourceforloeb', 5], ['fleksjob', 4], ['foertidspension', 4], ['employed', 22], ['self_employed', 3], ['education_su', 2], ['other_self_supported', 2],
];
const PRIOR: readonly (readonly [SupportStatus, number])[] = [
  ['employed', 25], ['a_dagpenge', 20], ['kontanthjaelp', 25], ['sygedagpenge', 10], ['uddannelseshjaelp', 10], ['unknown', 10],
];
const TO_SELF: readonly (readonly [SupportStatus, number])[] = [['employed', 60], ['education_su', 30], ['self_employed', 5], ['other_self_supported', 5]];
const PUBLIC_SWITCH: Partial<Record<SupportStatus, readonly (readonly [SupportStatus, number])[]>> = {
  kontanthjaelp: [['ressourceforloeb', 3], ['jobafklaring', 1], ['sygedagpenge', 2], ['uddannelseshjaelp', 1]],
  uddannelseshjaelp: [['kontanthjaelp', 2], ['sygedagpenge', 1]],
  integrationsydelse: [['kontanthjaelp', 3]],
  sygedagpenge: [['jobafklaring', 3], ['kontanthjaelp', 2], ['ressourceforloeb', 1]],
  a_dagpenge: [['kontanthjaelp', 2], ['sygedagpenge', 1]],
  jobafklaring: [['ressourceforloeb', 2], ['kontanthjaelp', 1], ['fleksjob', 1]],
  ressourceforloeb: [['fleksjob', 2], ['foertidspension', 1], ['kontanthjaelp', 1]],
  revalidering: [['kontanthjaelp', 1]],
  ledighedsydelse: [['fleksjob', 3]],
};
const TO_PUBLIC: readonly (readonly [SupportStatus, number])[] = [['a_dagpenge', 3], ['sygedagpenge', 3], ['kontanthjaelp', 2], ['barselsdagpenge', 1]];

// ---------------------------------------------------------------------------------------------------------

type Phase = 'active' | 'paused' | 'completed' | 'withdrawn' | 'referred' | 'assessing' | 'declined';

interface Skeleton {
  phase: Phase;
  referredAt: IsoDate;
  enrolledAt?: IsoDate;
  /** completedAt or withdrawnAt. */
  endAt?: IsoDate;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/** The demo document. Passes validateExchange (schema and domain rules). */
export function generateDemo(opts: DemoOptions): ExchangeDocument {
  const g = new Generator(opts);
  return g.document();
}

class Generator {
  private readonly rng: Rng;
  private readonly today: IsoDate;
  private readonly plan: SizePlan;
  private readonly cprs = new Set<string>();
  private readonly coordinators: { email: string; name: string }[] = [];

  constructor(opts: DemoOptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new RangeError(`today must be YYYY-MM-DD: ${opts.today}`);
    this.rng = new Rng(opts.seed ?? DEFAULT_DEMO_SEED);
    this.today = opts.today;
    this.plan = PLANS[opts.size];
  }

  document(): ExchangeDocument {
    const nameRng = new Rng(7);
    for (let i = 1; i <= this.plan.coordinators; i++) {
      const female = nameRng.chance(0.75);
      const given = nameRng.pick(female ? NAME_GROUPS[0]!.female : NAME_GROUPS[0]!.male);
      this.coordinators.push({ email: `koordinator${i}@${DEMO_EMAIL_DOMAIN}`, name: `${given} ${nameRng.pick(NAME_GROUPS[0]!.surnames)}` });
    }
    const skeletons = this.skeletons();
    const families = skeletons.map((s, i) => this.family(s, i));
    return { format: 'helhed-exchange', version: 1, municipality: { ...DEMO_MUNICIPALITY }, families };
  }

  /** When each family was referred, enrolled and ended, ordered by referral date. */
  private skeletons(): Skeleton[] {
    const { rng, today } = this;
    const p = this.plan;
    const out: Skeleton[] = [];
    const historyStart = toDayNumber(addMonths(today, -120));
    const t = toDayNumber(today);
    /** A day in [from, to], denser towards the end (the effort grew over the years). */
    const growing = (from: number, to: number) => {
      for (;;) {
        const u = rng.float();
        if (rng.float() < (0.35 + u) / 1.35) return fromDayNumber(from + Math.floor(u * (to - from + 1)));
      }
    };
    const referral = (enrolledAt: IsoDate) => addDays(enrolledAt, -rng.int(10, 70));
    for (let i = 0; i < p.active + p.paused; i++) {
      // Months since enrolment: up to five years, most of them recent.
      const daysIn = Math.floor(1826 * rng.float() ** 1.6);
      const enrolledAt = fromDayNumber(t - daysIn);
      out.push({ phase: i < p.paused ? 'paused' : 'active', referredAt: referral(enrolledAt), enrolledAt });
    }
    for (let i = 0; i < p.completed + p.withdrawn; i++) {
      const completed = i < p.completed;
      const months = completed ? 6 + Math.floor(16 * (rng.float() + rng.float())) : 1 + Math.floor(14 * rng.float());
      const days = Math.round(months * 30.4375) + rng.int(-10, 10);
      // The first ended family enrolled at the start of the ten years, so the history spans all of them.
      const enrolledAt = i === 0 ? fromDayNumber(historyStart) : growing(historyStart, t - days - 1);
      out.push({ phase: completed ? 'completed' : 'withdrawn', referredAt: referral(enrolledAt), enrolledAt, endAt: addDays(enrolledAt, days) });
    }
    for (let i = 0; i < p.referred + p.assessing; i++)
      out.push({ phase: i < p.referred ? 'referred' : 'assessing', referredAt: fromDayNumber(t - rng.int(0, 60)) });
    for (let i = 0; i < p.declined; i++) out.push({ phase: 'declined', referredAt: growing(historyStart, t - 14) });
    out.sort((a, b) => (a.referredAt < b.referredAt ? -1 : a.referredAt > b.referredAt ? 1 : 0));
    return out;
  }

  private family(s: Skeleton, index: number): ExchangeFamily {
    const { rng, today } = this;
    const ref = `DEMO-${String(index + 1).padStart(5, '0')}`;
    const status: ExchangeFamilyStatus = s.phase;
    const f: ExchangeFamily = { ref, status, referredAt: s.referredAt, members: [] };
    if (s.enrolledAt) f.enrolledAt = s.enrolledAt;
    if (s.phase === 'completed') {
      f.completedAt = s.endAt!;
      f.completionReason = rng.pick(COMPLETION_REASONS);
    }
    if (s.phase === 'withdrawn') f.withdrawnAt = s.endAt!;
    if (s.phase !== 'referred') f.coordinator = { ...rng.pick(this.coordinators) };

    const anchor = s.enrolledAt ?? s.referredAt;
    const members = this.members(ref, anchor);
    f.members = members;
    const enrolled = s.enrolledAt !== undefined;
    // The family's own records (plan, ratings, questionnaires) run while it is in the effort; the registers
    // (support status, child welfare, concern reports, school) run until today.
    const effortEnd = s.endAt ? minDate(s.endAt, today) : today;
    const parents = members.filter((m) => m.role === 'parent');
    const children = members.filter((m) => m.role === 'child');

    f.supportStatus = parents.flatMap((m) => this.supportStatus(m, anchor, enrolled));
    const welfare = enrolled ? children.map((c) => this.childWelfare(c, anchor)) : [];
    f.childWelfare = welfare.flatMap((w) => w.periods);
    f.concernReports = children.flatMap((c, i) => this.concernReports(c, anchor, enrolled, welfare[i]?.involved ?? false));
    f.schoolAttendance = enrolled ? children.flatMap((c) => this.school(c, anchor)) : [];
    if (enrolled) {
      f.goals = this.goals(ref, members, s.enrolledAt!, effortEnd, s.phase);
      f.interventions = this.interventions(ref, members, s.enrolledAt!, f.childWelfare, f.supportStatus);
      f.assessments = this.assessments(parents, s.enrolledAt!, effortEnd);
    }
    return f;
  }

  private members(ref: string, anchor: IsoDate): ExchangeMember[] {
    const { rng, today } = this;
    const group = rng.weighted(NAME_GROUPS.map((gr) => [gr, gr.weight] as const));
    const surname = rng.pick(group.surnames);
    const language = group.language === 'da' || rng.chance(0.5) ? 'da' : group.language;
    const composition = rng.weighted([
      ['mother', 55],
      ['father', 7],
      ['both', 35],
      ['mother_grandparent', 3],
    ] as const);
    const out: ExchangeMember[] = [];
    const a = toDayNumber(anchor);
    const person = (r: string, role: ExchangeMember['role'], sex: 'female' | 'male', birthDay: number, familyName = surname): ExchangeMember => {
      const birthDate = fromDayNumber(birthDay);
      const m: ExchangeMember = {
        ref: r,
        role,
        sex,
        birthDate,
        givenName: rng.pick(sex === 'female' ? group.female : group.male),
        familyName,
        preferredLanguage: language,
      };
      // A few persons without a CPR number (newly arrived, not yet registered).
      if (!rng.chance(0.01)) m.cpr = makeCpr(rng, birthDate, sex, this.cprs);
      return m;
    };
    const motherAge = 20 + Math.floor(22 * rng.float() ** 1.3);
    const firstParentSex = composition === 'father' ? 'male' : 'female';
    const parentAge = firstParentSex === 'male' ? motherAge + rng.int(0, 5) : motherAge;
    const parentBirth = a - Math.round(parentAge * 365.25) - rng.int(0, 364);
    out.push(person(`${ref}-P1`, 'parent', firstParentSex, parentBirth));
    if (composition === 'both') {
      const fatherBirth = parentBirth - Math.round(rng.int(-3, 8) * 365.25) - rng.int(0, 364);
      out.push(person(`${ref}-P2`, 'parent', 'male', fatherBirth, rng.chance(0.7) ? surname : rng.pick(group.surnames)));
    }
    if (composition === 'mother_grandparent') {
      const grandBirth = parentBirth - Math.round(rng.int(20, 30) * 365.25) - rng.int(0, 364);
      out.push(person(`${ref}-O1`, 'other', rng.chance(0.8) ? 'female' : 'male', grandBirth));
    }
    const n = rng.weighted([
      [1, 35],
      [2, 35],
      [3, 20],
      [4, 10],
    ] as const);
    const earliestChild = parentBirth + Math.round(18 * 365.25);
    for (let c = 1; c <= n; c++) {
      let birth: number;
      if (c === n && rng.chance(0.05) && a + 30 <= toDayNumber(today)) {
        // Born after the referral: "pregnant while on benefits" is one of the early signs.
        birth = a + rng.int(30, Math.min(270, toDayNumber(today) - a));
      } else {
        const youngest = Math.max(earliestChild, a - Math.round(17.5 * 365.25));
        birth = youngest >= a ? a : rng.int(youngest, a);
      }
      out.push(person(`${ref}-C${c}`, 'child', rng.chance(0.5) ? 'female' : 'male', birth));
    }
    return out;
  }

  /** Contiguous, non-overlapping periods from some years before the anchor until today (the last is open). */
  private supportStatus(m: ExchangeMember, anchor: IsoDate, enrolled: boolean): ExchangeSupportStatus[] {
    const { rng, today } = this;
    const baseline = rng.weighted(m.sex === 'male' ? BASELINE_FATHER : BASELINE_MOTHER);
    // Adults only: the timeline starts at the 18th birthday at the earliest.
    const adult = addMonths(m.birthDate, 18 * 12);
    const start = maxDate(adult, addMonths(anchor, -rng.int(18, 36)));
    const baselineFrom = maxDate(start, addDays(anchor, -rng.int(30, 420)));
    if (baselineFrom > anchor || anchor > today) return [];
    const periods: ExchangeSupportStatus[] = [];
    if (baselineFrom > start) {
      const prior = rng.weighted(PRIOR);
      if (prior !== baseline) periods.push({ person: m.ref, status: prior, from: start, to: addDays(baselineFrom, -1) });
    }
    const firstFrom = periods.length > 0 ? baselineFrom : start;
    let current: SupportStatus = baseline;
    let from = firstFrom;
    // Monthly steps after the anchor: a public-support recipient finds work or education now and then
    // (more often once the family is in the effort), someone self-supporting sometimes falls back.
    const boost = enrolled ? 1 : 0.6;
    for (let month = toDayNumber(anchor) + 30; month <= toDayNumber(today); month += 30) {
      let next: SupportStatus | null = null;
      if (rng.chance(0.0015)) next = 'unknown';
      else if (current === 'unknown') next = null;
      else if (PUBLIC.has(current)) {
        if (STICKY.has(current)) next = rng.chance(0.002) ? 'employed' : null;
        else if (rng.chance(0.011 * boost)) next = rng.weighted(TO_SELF);
        else if (rng.chance(0.02) && PUBLIC_SWITCH[current]) next = rng.weighted(PUBLIC_SWITCH[current]!);
      } else if (rng.chance(0.007)) next = rng.weighted(TO_PUBLIC);
      else if (current === 'education_su' && rng.chance(0.03)) next = 'employed';
      else if (current === 'barselsdagpenge' && rng.chance(0.12)) next = rng.weighted([['employed', 2], ['kontanthjaelp', 1]] as const);
      if (next === null || next === current) continue;
      const at = fromDayNumber(month + rng.int(0, 27));
      if (at > today || at <= from) continue;
      periods.push({ person: m.ref, status: current, from, to: addDays(at, -1) });
      current = next;
      from = at;
    }
    periods.push({ person: m.ref, status: current, from, to: null });
    return periods;
  }

  private childWelfare(c: ExchangeMember, anchor: IsoDate): { involved: boolean; periods: ExchangeChildWelfare[] } {
    const { rng, today } = this;
    const periods: ExchangeChildWelfare[] = [];
    const open = (to: IsoDate) => (to > today ? null : to);
    const involved = c.birthDate < anchor && rng.chance(0.5);
    if (involved) {
      const invFrom = maxDate(c.birthDate, addDays(anchor, -rng.int(60, 720)));
      const invTo = addDays(invFrom, rng.int(50, 120));
      periods.push({ person: c.ref, kind: 'investigation', from: invFrom, to: open(invTo), legalBasis: 'Barnets lov § 20' });
      const measureFrom = addDays(invTo, rng.int(0, 30));
      if (measureFrom <= today) {
        if (rng.chance(0.08)) {
          const end = rng.chance(0.4) ? addMonths(measureFrom, rng.int(12, 48)) : addMonths(measureFrom, 240);
          periods.push({ person: c.ref, kind: 'placement', from: measureFrom, to: open(end), legalBasis: 'Barnets lov § 46' });
        } else {
          const months = rng.chance(0.5) ? rng.int(6, 30) : rng.int(30, 80);
          periods.push({ person: c.ref, kind: 'measure', from: measureFrom, to: open(addMonths(anchor, months)), legalBasis: 'Barnets lov § 32' });
        }
      }
    }
    // A new investigation in the first year of the effort, less often than before it.
    if (rng.chance(0.08)) {
      const from = addDays(anchor, rng.int(0, 364));
      if (from <= today && from >= c.birthDate && !periods.some((p) => p.kind === 'investigation' && (p.to == null || p.to >= from)))
        periods.push({ person: c.ref, kind: 'investigation', from, to: open(addDays(from, rng.int(50, 120))), legalBasis: 'Barnets lov § 20' });
    }
    return { involved, periods };
  }

  private concernReports(c: ExchangeMember, anchor: IsoDate, enrolled: boolean, involved: boolean): ExchangeConcernReport[] {
    const { rng, today } = this;
    const out: ExchangeConcernReport[] = [];
    const sources = [
      ['school', 35],
      ['daycare', 15],
      ['health_visitor', 12],
      ['police', 12],
      ['hospital', 6],
      ['anonymous', 10],
      ['other', 10],
    ] as const;
    const add = (n: number, fromDay: number, toDay: number) => {
      for (let k = 0; k < n; k++) {
        const date = fromDayNumber(rng.int(fromDay, toDay));
        if (date <= today && date >= c.birthDate) out.push({ person: c.ref, date, source: rng.weighted(sources) });
      }
    };
    const a = toDayNumber(anchor);
    const yearBefore = toDayNumber(addMonths(anchor, -12));
    const yearAfter = toDayNumber(addMonths(anchor, 12));
    add(rng.poisson(involved ? 0.4 : 0.15), toDayNumber(addMonths(anchor, -36)), yearBefore - 1);
    add(rng.poisson(involved ? 1.1 : 0.35), yearBefore, a - 1);
    if (enrolled) add(rng.poisson(involved ? 0.55 : 0.2), a, yearAfter - 1);
    out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    return out;
  }

  /** Half-year school periods (August–January, February–June) from 18 months before enrolment, ended by today. */
  private school(c: ExchangeMember, anchor: IsoDate): ExchangeSchoolAttendance[] {
    const { rng, today } = this;
    const out: ExchangeSchoolAttendance[] = [];
    const birthYear = Number(c.birthDate.slice(0, 4));
    const firstYear = birthYear + 6; // school starts in August of the year the child turns six
    const lastYear = birthYear + 15; // 9th grade ends in June the year after
    const base = 3 + 22 * rng.float() ** 2;
    const improves = rng.chance(0.6);
    const earliest = addMonths(anchor, -18);
    const latest = addMonths(anchor, 48);
    for (let y = firstYear; y <= lastYear; y++) {
      for (const [from, to] of [
        [`${y}-08-01`, `${y + 1}-01-31`],
        [`${y + 1}-02-01`, `${y + 1}-06-30`],
      ] as const) {
        if (from < earliest || from > latest || to > today) continue;
        const months = Math.max(0, daysBetween(anchor, from) / 30.4375);
        const effect = from >= anchor && improves ? 1 - 0.35 * Math.min(1, months / 18) : 1 + (from >= anchor ? 0.05 : 0);
        out.push({ person: c.ref, from, to, absencePercent: round1(clamp(base * effect + 2.5 * rng.normal(), 0, 100)) });
      }
    }
    return out;
  }

  private goals(ref: string, members: ExchangeMember[], enrolledAt: IsoDate, effortEnd: IsoDate, phase: Phase): ExchangeGoal[] {
    const { rng } = this;
    const parents = members.filter((m) => m.role === 'parent');
    const children = members.filter((m) => m.role === 'child' && m.birthDate <= enrolledAt);
    const n = rng.int(3, 6);
    const used = new Set<string>();
    const goals: ExchangeGoal[] = [];
    for (let k = 1; k <= n; k++) {
      const forChild = children.length > 0 && rng.chance(0.4);
      let domain = '';
      for (let tries = 0; tries < 10 && (domain === '' || used.has(domain)); tries++)
        domain = forChild ? rng.pick(CHILD_DOMAINS) : rng.pick(rng.chance(0.1) ? ADULT_DOMAINS : ADULT_DOMAINS.filter((d) => d !== 'substance_use'));
      used.add(domain);
      const horizon = rng.chance(0.6) ? 'short' : 'long';
      const later = k > 2 && rng.chance(0.3);
      let createdAt = addDays(enrolledAt, later ? rng.int(150, 365) : rng.int(0, 45));
      if (createdAt > effortEnd) createdAt = later ? addDays(enrolledAt, rng.int(0, 45)) : createdAt;
      if (createdAt > effortEnd) createdAt = enrolledAt;
      const goal: ExchangeGoal = {
        ref: `${ref}-G${k}`,
        domain,
        horizon,
        title: rng.pick(GOAL_TITLES[domain]!),
        createdAt,
        targetDate: addMonths(createdAt, horizon === 'short' ? 6 : 18),
      };
      if (forChild) goal.person = rng.pick(children).ref;
      else if (['work_education', 'economy', 'health', 'substance_use'].includes(domain)) goal.person = rng.pick(parents).ref;
      // Ratings about every three months: the family's, often the coordinator's, now and then a professional's.
      const drift = rng.weighted([
        [0.35, 55],
        [0, 30],
        [-0.25, 15],
      ] as const);
      let value = rng.int(2, 5);
      const ratings: ExchangeRating[] = [];
      for (let d = addDays(createdAt, rng.int(7, 21)); d <= effortEnd; d = addDays(d, rng.int(75, 110))) {
        const v = clamp(Math.round(value), 0, 10);
        ratings.push({ date: d, value: v, by: 'family' });
        if (rng.chance(0.5)) ratings.push({ date: d, value: clamp(v + rng.int(-1, 1), 0, 10), by: 'coordinator' });
        if (rng.chance(0.1)) ratings.push({ date: d, value: clamp(v + rng.int(-2, 1), 0, 10), by: 'professional' });
        value = clamp(value + drift + 0.8 * rng.normal(), 0, 10);
      }
      goal.ratings = ratings;
      const last = ratings.filter((r) => r.by === 'family').at(-1)?.value ?? 0;
      if (phase === 'completed') goal.status = last >= 7 ? 'achieved' : last >= 4 ? 'partly_achieved' : 'not_achieved';
      else if (phase === 'withdrawn') goal.status = rng.chance(0.5) ? 'dropped' : 'active';
      else goal.status = horizon === 'short' && last >= 8 && rng.chance(0.5) ? 'achieved' : 'active';
      goals.push(goal);
    }
    return goals;
  }

  /**
   * Interventions across departments: the child-welfare measures and placements as the Børne- og
   * Familieafdeling's services, employment support for parents on public support, and the odd one-off, some
   * before enrolment (the uncoordinated year before) and some during the effort.
   */
  private interventions(
    ref: string,
    members: ExchangeMember[],
    enrolledAt: IsoDate,
    welfare: ExchangeChildWelfare[],
    support: ExchangeSupportStatus[],
  ): ExchangeIntervention[] {
    const { rng, today } = this;
    const out: ExchangeIntervention[] = [];
    const add = (t: CatalogueType, from: IsoDate, to: IsoDate | null, personRef?: string) => {
      if (from > today) return;
      const iv: ExchangeIntervention = {
        ref: `${ref}-I${out.length + 1}`,
        type: t.type,
        category: t.category,
        department: t.department,
        from,
        to: to !== null && to > today ? null : to,
        price: { ...t.price },
      };
      if (personRef) iv.person = personRef;
      if (t.legalBasis) iv.legalBasis = t.legalBasis;
      if (t.hours) iv.hoursPerWeek = rng.int(t.hours[0], t.hours[1]);
      out.push(iv);
    };
    let familyTreatment = false;
    for (const w of welfare) {
      if (w.kind === 'placement') add(CATALOGUE.fosterCare, w.from, w.to ?? null, w.person);
      if (w.kind === 'measure') {
        if (!familyTreatment && rng.chance(0.5)) {
          familyTreatment = true;
          add(CATALOGUE.familyTreatment, w.from, w.to ?? null);
        } else add(CATALOGUE.contactPerson, w.from, w.to ?? null, w.person);
      }
    }
    for (const p of members.filter((m) => m.role === 'parent')) {
      const atStart = support.find((s) => s.person === p.ref && s.from <= enrolledAt && (s.to == null || s.to >= enrolledAt));
      if (atStart && PUBLIC.has(atStart.status) && !STICKY.has(atStart.status)) {
        if (rng.chance(0.5)) add(CATALOGUE.jobConsultant, addDays(enrolledAt, -rng.int(90, 540)), addDays(enrolledAt, rng.int(0, 120)), p.ref);
        if (rng.chance(0.6)) add(CATALOGUE.mentor, addDays(enrolledAt, rng.int(14, 90)), addMonths(enrolledAt, rng.int(6, 18)), p.ref);
      }
      if (rng.chance(0.15)) add(CATALOGUE.psychologist, addDays(enrolledAt, rng.int(-300, 200)), null, p.ref);
      if (rng.chance(0.05)) add(CATALOGUE.substanceTreatment, addDays(enrolledAt, rng.int(-200, 100)), addDays(enrolledAt, rng.int(120, 400)), p.ref);
    }
    if (rng.chance(0.2)) add(CATALOGUE.debtCounselling, addDays(enrolledAt, rng.int(14, 120)), addDays(enrolledAt, rng.int(180, 360)));
    for (const c of members.filter((m) => m.role === 'child')) {
      const ageDays = daysBetween(c.birthDate, enrolledAt);
      if (ageDays >= -270 && ageDays < 365 && rng.chance(0.6)) add(CATALOGUE.healthVisits, maxDate(c.birthDate, enrolledAt), addMonths(maxDate(c.birthDate, enrolledAt), 9), c.ref);
      if (ageDays >= 6 * 365 && ageDays < 16 * 365 && rng.chance(0.15)) add(CATALOGUE.schoolSupport, addDays(enrolledAt, rng.int(30, 200)), addMonths(enrolledAt, rng.int(8, 14)), c.ref);
    }
    for (const iv of out) if (iv.to != null && iv.to < iv.from) iv.to = iv.from;
    return out;
  }

  private assessments(parents: ExchangeMember[], enrolledAt: IsoDate, effortEnd: IsoDate): ExchangeAssessment[] {
    const { rng } = this;
    const out: ExchangeAssessment[] = [];
    // The experience questionnaire: half a year in, then yearly.
    const tone = rng.normal() * 0.6;
    for (let d = addMonths(enrolledAt, 6); d <= effortEnd; d = addMonths(d, 12)) {
      const answers: Record<string, number> = {};
      for (const item of EXPERIENCE_ITEMS_V1) answers[item] = clamp(Math.round(3.9 + tone + (item === 'oneEntry' ? 0.3 : 0) + 0.8 * rng.normal()), 1, 5);
      out.push({ instrument: 'experience', instrumentVersion: 1, date: d, by: 'family', answers });
    }
    // WHO-5 for each parent at enrolment and every six months; well-being tends to rise.
    for (const p of parents) {
      let level = 2 + 0.6 * rng.normal();
      for (let d = addDays(enrolledAt, rng.int(7, 30)); d <= effortEnd; d = addMonths(d, 6)) {
        const answers: Record<string, number> = {};
        for (const item of WHO5_ITEMS_V1) answers[item] = clamp(Math.round(level + 0.7 * rng.normal()), 0, 5);
        out.push({ instrument: 'who5', instrumentVersion: 1, person: p.ref, date: d, by: 'family', answers });
        level = Math.min(4.5, level + 0.15 + 0.2 * rng.normal());
      }
    }
    // The coordinator's life-domain assessment (0–10 per domain) at the start and every six months.
    let base = 4 + rng.normal();
    for (let d = addDays(enrolledAt, rng.int(14, 45)); d <= effortEnd; d = addMonths(d, 6)) {
      const answers: Record<string, number> = {};
      for (const domain of [...ADULT_DOMAINS, ...CHILD_DOMAINS]) answers[domain] = clamp(Math.round(base + 1.5 * rng.normal()), 0, 10);
      out.push({ instrument: 'life_domains', instrumentVersion: 1, date: d, by: 'coordinator', answers });
      base = Math.min(8, base + 0.3);
    }
    return out;
  }
}
