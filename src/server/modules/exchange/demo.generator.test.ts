import { describe, expect, it } from 'vitest';
import { parseCpr } from '../../../shared/cpr.js';
import { addMonths, periodsOverlap } from '../../../shared/dates.js';
import type { ExchangeDocument } from '../../../shared/exchange/exchange.js';
import { DEMO_MUNICIPALITY, generateDemo } from './demo.generator.js';
import { validateExchange } from './validate.js';

const TODAY = '2026-12-02';
const small = generateDemo({ size: 'small', today: TODAY });
const large = generateDemo({ size: 'large', today: TODAY });

const activeAt = (doc: ExchangeDocument, t: string) =>
  doc.families.filter((f) => f.enrolledAt && f.enrolledAt <= t && !(f.completedAt && f.completedAt <= t) && !(f.withdrawnAt && f.withdrawnAt <= t)).length;

describe('generateDemo', { timeout: 120_000 }, () => {
  it('is deterministic: the same seed and date give a deep-equal document, another seed a different one', () => {
    expect(generateDemo({ size: 'small', today: TODAY })).toEqual(small);
    expect(generateDemo({ size: 'small', today: TODAY, seed: 1 })).not.toEqual(small);
    expect(generateDemo({ size: 'small', today: TODAY, seed: 1 })).toEqual(generateDemo({ size: 'small', today: TODAY, seed: 1 }));
  });

  it('small: about 60 families in the demo municipality, valid against the schema and the domain rules', () => {
    expect(small.municipality).toEqual(DEMO_MUNICIPALITY);
    expect(small.families.length).toBeGreaterThanOrEqual(50);
    expect(small.families.length).toBeLessThanOrEqual(70);
    const v = validateExchange(small);
    expect(v.ok ? [] : v.problems.slice(0, 5)).toEqual([]);
  });

  it('large: valid, 3,000 families active at today, history spanning ten years', () => {
    const v = validateExchange(large);
    expect(v.ok ? [] : v.problems.slice(0, 5)).toEqual([]);
    expect(activeAt(large, TODAY)).toBe(3000);
    expect(large.families.length).toBeGreaterThan(5000);
    expect(large.families.length).toBeLessThan(6500);
    const enrolments = large.families.map((f) => f.enrolledAt).filter((d): d is string => !!d).sort();
    expect(enrolments[0]! <= addMonths(TODAY, -114)).toBe(true);
    expect(enrolments[0]! >= addMonths(TODAY, -120)).toBe(true);
    // Ended families in every one of the ten years.
    const endYears = new Set(large.families.map((f) => (f.completedAt ?? f.withdrawnAt)?.slice(0, 4)).filter(Boolean));
    expect(endYears.size).toBeGreaterThanOrEqual(9);
    expect(enrolments.at(-1)! <= TODAY).toBe(true);
  });

  it('uses every status and every section of the format', () => {
    for (const doc of [small, large]) {
      const statuses = new Set(doc.families.map((f) => f.status));
      expect([...statuses].sort()).toEqual(['active', 'assessing', 'completed', 'declined', 'paused', 'referred', 'withdrawn']);
      for (const section of ['goals', 'supportStatus', 'childWelfare', 'concernReports', 'schoolAttendance', 'interventions', 'assessments'] as const)
        expect(doc.families.some((f) => (f[section]?.length ?? 0) > 0), section).toBe(true);
      const instruments = new Set(doc.families.flatMap((f) => (f.assessments ?? []).map((a) => a.instrument)));
      expect([...instruments].sort()).toEqual(['experience', 'life_domains', 'who5']);
      const kinds = new Set(doc.families.flatMap((f) => (f.childWelfare ?? []).map((c) => c.kind)));
      expect([...kinds].sort()).toEqual(['investigation', 'measure', 'placement']);
      const departments = new Set(doc.families.flatMap((f) => (f.interventions ?? []).map((i) => i.department)));
      expect(departments.size).toBeGreaterThanOrEqual(5);
      expect(doc.families.some((f) => f.members.some((m) => m.role === 'other'))).toBe(true);
    }
  });

  it('never lets support periods of one person overlap, and no date lies after today', () => {
    for (const doc of [small, large]) {
      for (const f of doc.families) {
        const byPerson = new Map<string, { from: string; to: string | null }[]>();
        for (const s of f.supportStatus ?? []) byPerson.set(s.person, [...(byPerson.get(s.person) ?? []), { from: s.from, to: s.to ?? null }]);
        for (const list of byPerson.values())
          for (let i = 0; i < list.length; i++)
            for (let j = i + 1; j < list.length; j++) expect(periodsOverlap(list[i]!, list[j]!), `${f.ref}`).toBe(false);
      }
      // Target dates of goals may lie ahead; nothing else does.
      const json = JSON.stringify(doc, (k, v: unknown) => (k === 'targetDate' ? undefined : v));
      const dates = json.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      expect(dates.length).toBeGreaterThan(1000);
      expect(dates.filter((d) => d > TODAY)).toEqual([]);
    }
  });

  it('gives valid, unique CPR numbers that pass modulus 11 and agree with birth date and sex', () => {
    const seen = new Set<string>();
    let withCpr = 0;
    for (const f of large.families)
      for (const m of f.members) {
        if (!m.cpr) continue;
        withCpr++;
        const r = parseCpr(m.cpr);
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        expect(r.modulus11).toBe(true);
        expect(r.birthDate).toBe(m.birthDate);
        expect(r.sex).toBe(m.sex);
        expect(seen.has(r.cpr)).toBe(false);
        seen.add(r.cpr);
      }
    expect(withCpr).toBeGreaterThan(15_000);
  });

  it('tells a believable story: many parents on kontanthjælp at enrolment, a moderate rise in self-support, ratings that tend to rise', () => {
    let onCash = 0;
    let parents = 0;
    for (const f of large.families) {
      if (!f.enrolledAt) continue;
      for (const m of f.members.filter((x) => x.role === 'parent')) {
        const at = (f.supportStatus ?? []).find((s) => s.person === m.ref && s.from <= f.enrolledAt! && (s.to == null || s.to >= f.enrolledAt!));
        if (!at) continue;
        parents++;
        if (at.status === 'kontanthjaelp') onCash++;
      }
    }
    expect(onCash / parents).toBeGreaterThan(0.25);
    expect(onCash / parents).toBeLessThan(0.45);
    let up = 0;
    let rated = 0;
    for (const f of large.families)
      for (const g of f.goals ?? []) {
        const fam = (g.ratings ?? []).filter((r) => r.by === 'family');
        if (fam.length < 2) continue;
        rated++;
        if (fam.at(-1)!.value > fam[0]!.value) up++;
      }
    expect(up / rated).toBeGreaterThan(0.4);
    expect(up / rated).toBeLessThan(0.85);
  });
});
