import fc from 'fast-check';
import { addDays, addMonths } from '../../src/shared/dates.js';
import type { ExchangeDocument, ExchangeFamily, ExchangeMember } from '../../src/shared/exchange/exchange.js';
import { SUPPORT_STATUSES } from '../../src/shared/measurements.js';
import { PRICE_UNITS } from '../../src/shared/cost.js';

/**
 * fast-check arbitraries for KPI property tests: small helhed-exchange documents whose dates crowd the edges the
 * definitions care about — exactly 12 and 24 months after enrolment, the day before, month ends and leap days,
 * periods open or closed on T — so the SQL and the reference must agree where they could most easily differ.
 */

/** Evaluation dates: ordinary, a month end, a leap day. */
export const AS_OF_DATES = ['2019-12-31', '2020-02-29', '2021-06-30', '2019-08-31'] as const;

const BASE = '2015-06-01';
const dayAfterBase = fc.integer({ min: 0, max: 6 * 365 }).map((n) => addDays(BASE, n));
/** A date near an anchor: the anchor ± N months ± a few days, often exactly on a boundary. */
const near = (anchor: string) =>
  fc
    .tuple(fc.constantFrom(-24, -24, -13, -12, -12, -12, -11, -1, 0, 0, 0, 1, 6, 11, 12, 12, 12, 13, 23, 24, 24, 25), fc.constantFrom(-1, 0, 0, 0, 0, 1, 15))
    .map(([months, days]) => addDays(addMonths(anchor, months), days));
/** Enrolment dates, with month ends and a leap day on purpose. */
const enrolment = fc.oneof(dayAfterBase, fc.constantFrom('2016-02-29', '2017-08-31', '2017-12-31', '2018-01-31', '2019-12-31', '2017-06-30'));

const dedupe = <T>(rows: T[], key: (r: T) => string): T[] => {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(key(r)) && !!seen.add(key(r)));
};
const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

function familyArb(index: number): fc.Arbitrary<ExchangeFamily> {
  const ref = `P${index}`;
  return enrolment.chain((enrolledAt) => {
    const date = near(enrolledAt);
    const member = (mi: number): fc.Arbitrary<ExchangeMember> =>
      fc.record({
        role: fc.constantFrom('parent' as const, 'parent' as const, 'child' as const, 'child' as const, 'other' as const),
        sex: fc.constantFrom('female' as const, 'male' as const, 'unknown' as const),
      }).map(({ role, sex }) => ({ ref: `${ref}-M${mi}`, role, sex, birthDate: role === 'child' ? '2010-05-05' : '1985-03-03' }));
    return fc
      .record({
        members: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => member(i)))),
        outcome: fc.constantFrom('active', 'active', 'paused', 'completed', 'completed', 'withdrawn', 'referred'),
        endsAt: fc.oneof(near(enrolledAt), dayAfterBase),
        supportSeed: fc.array(fc.tuple(fc.constantFrom(...SUPPORT_STATUSES), fc.integer({ min: 20, max: 500 })), { minLength: 0, maxLength: 5 }),
        supportStart: near(enrolledAt),
        supportOpen: fc.boolean(),
        welfare: fc.array(fc.tuple(fc.constantFrom('investigation' as const, 'measure' as const, 'placement' as const), date, fc.option(date, { nil: null })), { maxLength: 3 }),
        concerns: fc.array(date, { maxLength: 4 }),
        attendance: fc.array(fc.tuple(date, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 3 }),
        goals: fc.array(fc.array(fc.tuple(date, fc.integer({ min: 0, max: 10 }), fc.constantFrom('family' as const, 'family' as const, 'coordinator' as const)), { maxLength: 5 }), { maxLength: 3 }),
        interventions: fc.array(
          fc.tuple(date, fc.option(date, { nil: null }), fc.constantFrom(...PRICE_UNITS), fc.constantFrom(100, 999.5, 1234.56, 25_000, 0.1), fc.constantFrom(1, 2.5, 7.25)),
          { maxLength: 4 },
        ),
      })
      .map((g): ExchangeFamily => {
        const members = g.members;
        const parents = members.filter((m) => m.role === 'parent');
        const children = members.filter((m) => m.role === 'child');
        const anyChild = children[0]?.ref;
        const f: ExchangeFamily = { ref, status: 'active', members, enrolledAt };
        const end = g.endsAt < enrolledAt ? enrolledAt : g.endsAt;
        if (g.outcome === 'completed') Object.assign(f, { status: 'completed', completedAt: end });
        else if (g.outcome === 'withdrawn') Object.assign(f, { status: 'withdrawn', withdrawnAt: end });
        else if (g.outcome === 'referred') Object.assign(f, { status: 'referred', enrolledAt: undefined, referredAt: enrolledAt });
        else f.status = g.outcome as 'active' | 'paused';
        if (f.enrolledAt === undefined) delete f.enrolledAt;

        // Contiguous, non-overlapping support periods for every parent (the same pattern, shifted per parent).
        f.supportStatus = parents.flatMap((p, pi) => {
          let from = addDays(g.supportStart, -30 * pi);
          return g.supportSeed.map(([status, days], si) => {
            const last = si === g.supportSeed.length - 1;
            const to = last && g.supportOpen ? null : addDays(from, days);
            const period = { person: p.ref, status, from, to };
            if (to) from = addDays(to, 1);
            return period;
          });
        });
        f.childWelfare = anyChild
          ? g.welfare.map(([kind, a, b], wi) => {
              const child = children[wi % children.length]!.ref;
              const [from, to] = b === null ? [a, null] : ordered(a, b);
              return { person: child, kind, from, to };
            })
          : [];
        f.concernReports = anyChild
          ? dedupe(
              g.concerns.map((d, ci) => ({ person: children[ci % children.length]!.ref, date: d, source: 'school' })),
              (c) => `${c.person}|${c.date}`,
            )
          : [];
        f.schoolAttendance = anyChild
          ? dedupe(
              g.attendance.map(([from, days, tenths], ai) => ({
                person: children[ai % children.length]!.ref,
                from,
                to: addDays(from, days),
                absencePercent: tenths / 10,
              })),
              (a) => `${a.person}|${a.from}|${a.to}`,
            )
          : [];
        f.goals = g.goals.map((ratings, gi) => {
          const rs = dedupe(
            ratings.map(([d, value, by]) => ({ date: d, value, by })),
            (r) => `${r.date}|${r.value}|${r.by}`,
          );
          const createdAt = rs.reduce((min, r) => (r.date < min ? r.date : min), enrolledAt);
          return { ref: `${ref}-G${gi}`, domain: 'economy', horizon: 'short', title: `Mål ${gi + 1}`, createdAt, ratings: rs };
        });
        f.interventions = g.interventions.map(([a, b, per, amount, hours], ii) => {
          const [from, to] = b === null ? [a, null] : ordered(a, b);
          return {
            ref: `${ref}-I${ii}`,
            type: `type-${per}`,
            category: 'support',
            department: ii % 2 === 0 ? 'Jobcenter' : 'Børn og Familie',
            from,
            to,
            price: { amount, per },
            ...(per === 'hour' ? { hoursPerWeek: hours } : {}),
          };
        });
        return f;
      });
  });
}

/** A municipality's worth of families (1–6) as a helhed-exchange document. */
export const exchangeDocumentArb: fc.Arbitrary<ExchangeDocument> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => familyArb(i))))
  .map((families) => ({ format: 'helhed-exchange', version: 1, municipality: { code: '998', name: 'Egenskabs Kommune' }, families }));
